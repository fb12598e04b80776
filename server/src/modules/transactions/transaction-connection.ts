import { Field, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../api/graphql/scalars';
import type { OwnerScope } from '../../db/owner-scope';
import type { Money } from '../../lib/money';
import type { TransactionFilterData, TransactionRecord } from './transaction.model';
import { Transaction } from './transaction.type';

@ObjectType({ simpleResolvers: true })
export class TransactionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Transaction)
  node!: TransactionRecord;
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What the matching transactions in one currency add up to.' })
export class MoneyTotal {
  @Field(() => String)
  currency!: string;

  @Field(() => MoneyScalar, { description: 'Signed sum: negative when more money went out than came in.' })
  amount!: Money;

  @Field(() => Int, { description: 'How many transactions the sum is over.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A page of transactions, newest first; pass pageInfo.endCursor as `after` for the next.' })
export class TransactionConnection {
  @Field(() => [TransactionEdge])
  edges!: TransactionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** What totalCount and totals count, resolved only when a client asks for it. */
  scope!: OwnerScope;
  filter!: TransactionFilterData | null;
}

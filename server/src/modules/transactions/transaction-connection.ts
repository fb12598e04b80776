import { Field, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../api/graphql/scalars';
import { Transaction } from './transaction.entity';
import type { TransactionFilter } from './transaction.inputs';

@ObjectType({ simpleResolvers: true })
export class TransactionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Transaction)
  node!: Transaction;
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
  amount!: string;

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
  userId!: number;
  filter!: TransactionFilter | null;
}

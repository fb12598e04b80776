import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../api/graphql/scalars';
import type { Money } from '../../lib/money';

@ObjectType({ simpleResolvers: true, description: 'A place money is kept: a bank account, a card, a wallet.' })
export class Account {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'ISO-4217 code of every amount in this account.' })
  currency!: string;

  @Field(() => Boolean)
  archived!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: 'How many transactions the account holds.' })
  transactionCount!: number;

  @Field(() => MoneyScalar)
  openingBalance!: Money;

  @Field(() => MoneyScalar, { description: 'Opening balance plus every transaction of the account.' })
  balance!: Money;
}

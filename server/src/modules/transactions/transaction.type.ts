import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../api/graphql/scalars';
import type { Money } from '../../lib/money';
import { Account } from '../accounts/account.type';
import { Category } from '../categories/category.type';

@ObjectType({ simpleResolvers: true, description: 'Money in (amount > 0) or out (amount < 0) of an account on a date.' })
export class Transaction {
  @Field(() => ID)
  id!: number;

  @Field(() => Account)
  account!: Account;

  @Field(() => Category, { nullable: true })
  category!: Category | null;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String)
  notes!: string;

  @Field(() => String, { description: "The bank's raw text when the transaction came from an import ('' otherwise); `description` is the user's to edit." })
  importedDescription!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => MoneyScalar, { description: "In the account's currency." })
  amount!: Money;
}

import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../api/graphql/scalars';
import type { Money } from '../../lib/money';
import { Category } from '../categories/category.type';
import { Transaction } from '../transactions/transaction.type';

@ObjectType({ simpleResolvers: true })
export class CategoryTotal {
  @Field(() => Category, { nullable: true, description: 'null for uncategorised transactions.' })
  category!: Category | null;

  @Field(() => MoneyScalar, { description: 'Signed sum: negative when money went out.' })
  total!: Money;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true })
export class PeriodTotal {
  @Field(() => String, { description: 'The month, "YYYY-MM".' })
  period!: string;

  @Field(() => MoneyScalar)
  income!: Money;

  @Field(() => MoneyScalar, { description: 'Money out, as a positive amount.' })
  expenses!: Money;
}

@ObjectType({ simpleResolvers: true, description: 'Accounts the dashboard leaves out because they are in another currency.' })
export class CurrencyAccounts {
  @Field(() => String)
  currency!: string;

  @Field(() => Int)
  accountCount!: number;
}

@ObjectType({ simpleResolvers: true, description: "Totals over the period for the accounts in the user's currency." })
export class Dashboard {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => String, { description: 'The currency of every amount here.' })
  currency!: string;

  @Field(() => MoneyScalar)
  income!: Money;

  @Field(() => MoneyScalar, { description: 'Money out, as a positive amount.' })
  expenses!: Money;

  @Field(() => MoneyScalar, { description: 'income - expenses.' })
  net!: Money;

  @Field(() => [CategoryTotal])
  byCategory!: CategoryTotal[];

  @Field(() => [PeriodTotal], { description: 'One entry per month that has transactions, oldest first.' })
  monthly!: PeriodTotal[];

  @Field(() => [Transaction], { description: 'The latest transactions of the period, newest first.' })
  recent!: Transaction[];

  @Field(() => [CurrencyAccounts], { description: "The user's accounts in other currencies, per currency: not in these totals (there is no conversion)." })
  otherCurrencies!: CurrencyAccounts[];
}

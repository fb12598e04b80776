import { Field, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../api/graphql/scalars';
import type { Money } from '../../lib/money';
import type { CategoryRecord } from '../categories/category.model';
import { Category } from '../categories/category.type';

@ObjectType({ simpleResolvers: true })
export class BudgetCategory {
  @Field(() => Category)
  category!: CategoryRecord;

  @Field(() => String, { description: '"YYYY-MM": the month these figures are for.' })
  month!: string;

  @Field(() => MoneyScalar, { description: 'The amount planned (0 when none is set).' })
  budgeted!: Money;

  @Field(() => Boolean, { description: 'Whether an amount is set for the month (copyBudget and setBudgetsFromAverage leave set ones alone).' })
  budgetSet!: boolean;

  @Field(() => MoneyScalar, { description: 'Sum of the month’s amounts in the category (split parts by their category, transfers left out): negative is money out, refunds lower it.' })
  spent!: Money;

  @Field(() => MoneyScalar, { description: 'Last month’s available when the category rolls over, else 0.' })
  carriedOver!: Money;

  @Field(() => MoneyScalar, { description: 'budgeted + spent + carriedOver.' })
  available!: Money;

  @Field(() => Boolean)
  rollover!: boolean;

  @Field(() => MoneyScalar, { description: 'Mean of spent over the 3 months before, to the minor unit (rounded toward zero).' })
  averageSpent!: Money;
}

@ObjectType({ simpleResolvers: true, description: 'One month of the envelope budget, in the user’s currency (accounts in other currencies are left out).' })
export class BudgetMonth {
  @Field(() => String, { description: '"YYYY-MM".' })
  month!: string;

  @Field(() => String, { description: 'The currency of every amount here.' })
  currency!: string;

  @Field(() => MoneyScalar, { description: 'Money in this month: rows in INCOME categories, and uncategorised money in.' })
  income!: Money;

  @Field(() => MoneyScalar, { description: 'Sum of the categories’ budgeted.' })
  budgeted!: Money;

  @Field(() => MoneyScalar, { description: 'Sum of the categories’ spent (negative: money out).' })
  spent!: Money;

  @Field(() => MoneyScalar, { description: 'Sum of the categories’ available.' })
  available!: Money;

  @Field(() => MoneyScalar, { description: 'income + last month’s toBudget - budgeted: money not yet given a job (negative: more budgeted than there is).' })
  toBudget!: Money;

  @Field(() => [BudgetCategory], { description: 'Every EXPENSE category, as the categories query orders them.' })
  categories!: BudgetCategory[];
}

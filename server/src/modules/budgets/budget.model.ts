import type { MinorUnits, Money } from '../../lib/money';
import type { CategoryRecord } from '../categories/category.model';
import type { Month } from './budget-months';

/** One category's amount for one month, in minor units of the owner's currency. */
export interface BudgetAmount {
  categoryId: number;
  month: Month;
  amount: MinorUnits;
}

/** What a month hands the next: the to-budget left, and each rolling category's available (0 when absent). */
export interface Closing {
  toBudget: MinorUnits;
  available: Map<number, MinorUnits>;
}

/** A category's month as the service hands it out. */
export interface BudgetCategoryFigures {
  category: CategoryRecord;
  month: Month;
  budgeted: Money;
  budgetSet: boolean;
  spent: Money;
  carriedOver: Money;
  available: Money;
  rollover: boolean;
  averageSpent: Money;
}

export interface BudgetMonthFigures {
  month: Month;
  currency: string;
  income: Money;
  budgeted: Money;
  spent: Money;
  available: Money;
  toBudget: Money;
  categories: BudgetCategoryFigures[];
}

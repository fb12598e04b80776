import type { MinorUnits, Money } from '../../lib/money';
import type { CategoryRecord } from '../categories/category.model';
import type { TransactionRecord } from '../transactions/transaction.model';

/** Which dates, both inclusive ("YYYY-MM-DD"), and (null: all of them) which of the owner's accounts. */
export interface DashboardPeriod {
  from: string;
  to: string;
  accountIds: readonly number[] | null;
}

/** The owner's currency and the currency of each of their accounts. */
export interface OwnerCurrencies {
  currency: string;
  accounts: { id: number; currency: string }[];
}

/** The period's sums for one category in one month ("YYYY-MM"). */
export interface PeriodGroup {
  categoryId: number | null;
  period: string;
  income: MinorUnits;
  /** Money out, as a positive number. */
  expenses: MinorUnits;
  count: number;
}

/** The dashboard as the service hands it out: every amount is Money in the owner's currency. */
export interface DashboardSummary {
  from: string;
  to: string;
  currency: string;
  income: Money;
  /** Money out, as a positive amount. */
  expenses: Money;
  net: Money;
  byCategory: { category: CategoryRecord | null; total: Money; count: number }[];
  monthly: { period: string; income: Money; expenses: Money }[];
  recent: TransactionRecord[];
  /** The user's accounts left out because their currency is another one, counted per currency. */
  otherCurrencies: { currency: string; accountCount: number }[];
}

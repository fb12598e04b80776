import type { DataSource } from 'typeorm';
import { RowReader } from '../../db/row-reader';
import { SqlParameters } from '../../db/sql-parameters';
import { monthBounds, parseCalendarDate } from '../../lib/dates';
import { badInput, unauthenticated } from '../../lib/errors';
import { minorFromDatabase, type MinorUnits } from '../../lib/money';
import { Category } from '../categories/category.entity';
import type { TransactionRecord } from '../transactions/transaction.model';
import { TransactionReader } from '../transactions/transaction-reader';

export interface DashboardSummary {
  from: string;
  to: string;
  currency: string;
  income: MinorUnits;
  /** Money out, as a positive number. */
  expenses: MinorUnits;
  byCategory: { category: Category | null; total: MinorUnits; count: number }[];
  monthly: { period: string; income: MinorUnits; expenses: MinorUnits }[];
  recent: TransactionRecord[];
  /** The user's accounts left out because their currency is another one, counted per currency. */
  otherCurrencies: { currency: string; accountCount: number }[];
}

const RECENT_COUNT = 10;

/**
 * Totals for a period, summed by the database (GROUP BY), over the accounts in the user's own
 * currency: adding yen to dollars would mean nothing.
 */
export class DashboardService {
  private readonly transactions: TransactionReader;
  private readonly categories: RowReader<Category>;

  constructor(private readonly dataSource: DataSource) {
    this.transactions = new TransactionReader(dataSource);
    this.categories = new RowReader(dataSource, Category, 'c');
  }

  async summarise(userId: number, from?: string | null, to?: string | null, now = new Date()): Promise<DashboardSummary> {
    const month = monthBounds(now);
    const range = {
      from: from != null ? parseCalendarDate(from, 'from') : month.from,
      to: to != null ? parseCalendarDate(to, 'to') : month.to,
    };
    if (range.from > range.to) throw badInput('to', 'The end of the period comes before its start.');
    // The user's currency and their accounts' currencies in one round trip.
    const ownerParameters = SqlParameters.for(this.dataSource);
    const owner: { currency: string; accountId: number | null; accountCurrency: string | null }[] = await this.dataSource.query(
      `SELECT "u"."currency" AS "currency", "a"."id" AS "accountId", "a"."currency" AS "accountCurrency"
        FROM "users" "u" LEFT JOIN "accounts" "a" ON "a"."user_id" = "u"."id" WHERE "u"."id" = ${ownerParameters.add(userId)}`,
      ownerParameters.values,
    );
    if (!owner.length) throw unauthenticated();
    const { currency } = owner[0];
    const accounts = owner.filter((row) => row.accountId !== null);
    const accountIds = accounts.filter((account) => account.accountCurrency === currency).map((account) => Number(account.accountId));
    // Usually every account is in the user's currency: then no account condition at all, and the
    // sums and the recent list read the (user, date) index alone.
    const scope: PeriodScope = { userId, ...range, accountIds: accountIds.length === accounts.length ? null : accountIds };

    // One pass over the index: sums by category and month, a few hundred groups at most for a
    // year, folded below into the three views. The user's categories are few: read them all
    // alongside the sums rather than after them. The sums and the recent rows are over the same
    // rows: one set of conditions and values serves both.
    const period = this.inPeriod(scope);
    const categoryParameters = SqlParameters.for(this.dataSource);
    const [groups, recent, categories] = await Promise.all([
      this.dataSource.query(
        `SELECT "t"."category_id" AS "categoryId", SUBSTR("t"."date", 1, 7) AS "period",
          SUM(CASE WHEN "t"."amount" > 0 THEN "t"."amount" ELSE 0 END) AS "income",
          SUM(CASE WHEN "t"."amount" < 0 THEN -"t"."amount" ELSE 0 END) AS "expenses", COUNT(*) AS "count"
          FROM "transactions" "t" WHERE ${period.conditions.join(' AND ')} GROUP BY "t"."category_id", SUBSTR("t"."date", 1, 7)`,
        period.parameters.values,
      ) as Promise<{ categoryId: number | null; period: string; income: unknown; expenses: unknown; count: unknown }[]>,
      this.transactions.newestFirst(period.conditions, period.parameters, RECENT_COUNT),
      this.dataSource
        .query(`SELECT ${this.categories.selectList} FROM "categories" "c" WHERE "c"."user_id" = ${categoryParameters.add(userId)}`, categoryParameters.values)
        .then((rows: Record<string, unknown>[]) => rows.map((row) => this.categories.read(row)!)),
    ]);

    let income = 0n;
    let expenses = 0n;
    const byCategoryId = new Map<number | null, { total: MinorUnits; count: number }>();
    const byMonth = new Map<string, { income: MinorUnits; expenses: MinorUnits }>();
    for (const group of groups) {
      const groupIncome = minorFromDatabase(group.income);
      const groupExpenses = minorFromDatabase(group.expenses);
      income += groupIncome;
      expenses += groupExpenses;
      const categoryId = group.categoryId === null ? null : Number(group.categoryId);
      const category = byCategoryId.get(categoryId) ?? { total: 0n, count: 0 };
      category.total += groupIncome - groupExpenses;
      category.count += Number(group.count);
      byCategoryId.set(categoryId, category);
      const month = byMonth.get(group.period) ?? { income: 0n, expenses: 0n };
      month.income += groupIncome;
      month.expenses += groupExpenses;
      byMonth.set(group.period, month);
    }

    const categoryById = new Map(categories.map((category) => [category.id, category]));
    const otherCurrencies = new Map<string, number>();
    for (const account of accounts) {
      if (account.accountCurrency !== currency) otherCurrencies.set(account.accountCurrency!, (otherCurrencies.get(account.accountCurrency!) ?? 0) + 1);
    }

    return {
      ...range,
      currency,
      income,
      expenses,
      byCategory: [...byCategoryId.entries()]
        .map(([categoryId, { total, count }]) => ({
          category: categoryId === null ? null : (categoryById.get(categoryId) ?? null),
          total,
          count,
        }))
        // Biggest movers first: the largest amounts out (or in) lead the chart.
        .sort((a, b) => compareMagnitude(b.total, a.total)),
      monthly: [...byMonth.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([period, month]) => ({ period, ...month })),
      recent,
      otherCurrencies: [...otherCurrencies.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, accountCount]) => ({ currency: code, accountCount })),
    };
  }

  /** The conditions on the transactions aliased `t` that fall in the period, with their parameters. */
  private inPeriod({ userId, from, to, accountIds }: PeriodScope): { conditions: string[]; parameters: SqlParameters } {
    const parameters = SqlParameters.for(this.dataSource);
    const conditions = [`"t"."user_id" = ${parameters.add(userId)}`, `"t"."date" >= ${parameters.add(from)}`, `"t"."date" <= ${parameters.add(to)}`];
    if (accountIds) conditions.push(accountIds.length ? `"t"."account_id" IN (${accountIds.map((id) => parameters.add(id)).join(', ')})` : '1 = 0');
    return { conditions, parameters };
  }
}

/** Whose transactions, over which dates, and (null: all of them) from which accounts. */
interface PeriodScope {
  userId: number;
  from: string;
  to: string;
  accountIds: number[] | null;
}

function compareMagnitude(a: bigint, b: bigint): number {
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  return absA === absB ? 0 : absA > absB ? 1 : -1;
}

import type { DataSource } from 'typeorm';
import { monthBounds, parseCalendarDate } from '../../lib/dates';
import { badInput, unauthenticated } from '../../lib/errors';
import { minorFromDatabase, type MinorUnits } from '../../lib/money';
import { Account } from '../accounts/account.entity';
import { Category } from '../categories/category.entity';
import { Transaction } from '../transactions/transaction.entity';
import { User } from '../users/user.entity';

export interface DashboardSummary {
  from: string;
  to: string;
  currency: string;
  income: MinorUnits;
  /** Money out, as a positive number. */
  expenses: MinorUnits;
  byCategory: { category: Category | null; total: MinorUnits; count: number }[];
  monthly: { period: string; income: MinorUnits; expenses: MinorUnits }[];
  recent: Transaction[];
}

const RECENT_COUNT = 10;

/**
 * Totals for a period, summed by the database (GROUP BY), over the accounts in the user's own
 * currency: adding yen to dollars would mean nothing.
 */
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async summarise(userId: number, from?: string | null, to?: string | null, now = new Date()): Promise<DashboardSummary> {
    const month = monthBounds(now);
    const range = {
      from: from != null ? parseCalendarDate(from, 'from') : month.from,
      to: to != null ? parseCalendarDate(to, 'to') : month.to,
    };
    if (range.from > range.to) throw badInput('to', 'The end of the period comes before its start.');
    // The user's currency and their accounts' currencies in one round trip.
    const owner = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .leftJoin(Account, 'a', 'a.user_id = u.id')
      .select('u.currency', 'currency')
      .addSelect('a.id', 'accountId')
      .addSelect('a.currency', 'accountCurrency')
      .where('u.id = :userId', { userId })
      .getRawMany<{ currency: string; accountId: number | null; accountCurrency: string | null }>();
    if (!owner.length) throw unauthenticated();
    const { currency } = owner[0];
    const accounts = owner.filter((row) => row.accountId !== null);
    const accountIds = accounts.filter((account) => account.accountCurrency === currency).map((account) => Number(account.accountId));
    // Usually every account is in the user's currency: then no account condition at all, and the
    // sums and the recent list read the (user, date) index alone.
    const scope: PeriodScope = { userId, ...range, accountIds: accountIds.length === accounts.length ? null : accountIds };

    // One pass over the index: sums by category and month, a few hundred groups at most for a
    // year, folded below into the three views. The user's categories are few: read them all
    // alongside the sums rather than after them.
    const [groups, recent, categories] = await Promise.all([
      this.inPeriod(scope)
        .select('t.category_id', 'categoryId')
        .addSelect('SUBSTR(t.date, 1, 7)', 'period')
        .addSelect('SUM(CASE WHEN t.amount > 0 THEN t.amount ELSE 0 END)', 'income')
        .addSelect('SUM(CASE WHEN t.amount < 0 THEN -t.amount ELSE 0 END)', 'expenses')
        .addSelect('COUNT(*)', 'count')
        .groupBy('t.category_id')
        .addGroupBy('SUBSTR(t.date, 1, 7)')
        .getRawMany<{ categoryId: number | null; period: string; income: unknown; expenses: unknown; count: unknown }>(),
      this.inPeriod(scope)
        .leftJoinAndSelect('t.account', 'account')
        .leftJoinAndSelect('t.category', 'category')
        .orderBy('t.date', 'DESC')
        .addOrderBy('t.id', 'DESC')
        .limit(RECENT_COUNT)
        .getMany(),
      this.dataSource.manager.find(Category, { where: { userId } }),
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
    };
  }

  private inPeriod({ userId, from, to, accountIds }: PeriodScope) {
    const query = this.dataSource.manager
      .createQueryBuilder(Transaction, 't')
      .where('t.user_id = :userId', { userId })
      .andWhere('t.date >= :from AND t.date <= :to', { from, to });
    if (accountIds) query.andWhere(accountIds.length ? 't.account_id IN (:...accountIds)' : '1 = 0', { accountIds });
    return query;
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

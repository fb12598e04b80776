import type { OwnerScope } from '../../db/owner-scope';
import { monthBounds, parseCalendarDate } from '../../lib/dates';
import { badInput, unauthenticated } from '../../lib/errors';
import { Money, type MinorUnits } from '../../lib/money';
import type { DashboardSummary } from './dashboard.model';
import type { CategoryRepository } from '../categories/category.repository';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { DashboardRepository } from './dashboard.repository';

const RECENT_COUNT = 10;

/** The period asked for: either end may be left out (the current month's then). */
export interface DashboardRange {
  from?: string | null;
  to?: string | null;
}

/**
 * Totals for a period, summed by the database, over the accounts in the user's own currency:
 * adding yen to dollars would mean nothing.
 */
export class DashboardService {
  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly transactions: TransactionRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async summarise(scope: OwnerScope, { from, to }: DashboardRange = {}, now = new Date()): Promise<DashboardSummary> {
    const month = monthBounds(now);
    const range = {
      from: from != null ? parseCalendarDate(from, 'from') : month.from,
      to: to != null ? parseCalendarDate(to, 'to') : month.to,
    };
    if (range.from > range.to) throw badInput('to', 'The end of the period comes before its start.');
    const owner = await this.dashboard.currencies(scope);
    if (!owner) throw unauthenticated();
    const { currency, accounts } = owner;
    const accountIds = accounts.filter((account) => account.currency === currency).map((account) => account.id);
    // Usually every account is in the user's currency: then no account condition at all.
    const period = { ...range, accountIds: accountIds.length === accounts.length ? null : accountIds };

    // One pass over the index for the sums by category and month, folded below into the three views.
    const [groups, recent, categories] = await Promise.all([
      this.dashboard.sumsByCategoryAndMonth(scope, period),
      this.transactions.page(scope, period, RECENT_COUNT),
      this.categories.list(scope),
    ]);

    let income = 0n;
    let expenses = 0n;
    const byCategoryId = new Map<number | null, { total: MinorUnits; count: number }>();
    const byMonth = new Map<string, { income: MinorUnits; expenses: MinorUnits }>();
    for (const group of groups) {
      income += group.income;
      expenses += group.expenses;
      const category = byCategoryId.get(group.categoryId) ?? { total: 0n, count: 0 };
      category.total += group.income - group.expenses;
      category.count += group.count;
      byCategoryId.set(group.categoryId, category);
      const month = byMonth.get(group.period) ?? { income: 0n, expenses: 0n };
      month.income += group.income;
      month.expenses += group.expenses;
      byMonth.set(group.period, month);
    }

    const categoryById = new Map(categories.map((category) => [category.id, category]));
    const otherCurrencies = new Map<string, number>();
    for (const account of accounts) {
      if (account.currency !== currency) otherCurrencies.set(account.currency, (otherCurrencies.get(account.currency) ?? 0) + 1);
    }
    const money = (minor: MinorUnits) => new Money(minor, currency);

    return {
      ...range,
      currency,
      income: money(income),
      expenses: money(expenses),
      net: money(income - expenses),
      byCategory: [...byCategoryId.entries()]
        // Biggest movers first: the largest amounts out (or in) lead the chart.
        .sort(([, a], [, b]) => compareMagnitude(b.total, a.total))
        .map(([categoryId, { total, count }]) => ({
          category: categoryId === null ? null : (categoryById.get(categoryId) ?? null),
          total: money(total),
          count,
        })),
      monthly: [...byMonth.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([period, month]) => ({ period, income: money(month.income), expenses: money(month.expenses) })),
      recent,
      otherCurrencies: [...otherCurrencies.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, accountCount]) => ({ currency: code, accountCount })),
    };
  }
}

function compareMagnitude(a: bigint, b: bigint): number {
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  return absA === absB ? 0 : absA > absB ? 1 : -1;
}

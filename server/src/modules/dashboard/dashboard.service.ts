import type { DataSource } from 'typeorm';
import { monthBounds, parseCalendarDate } from '../../lib/dates';
import { badInput } from '../../lib/errors';
import { minorFromDatabase, type MinorUnits } from '../../lib/money';
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
    const { currency } = await this.dataSource.manager.findOneByOrFail(User, { id: userId });

    const [totals, byCategoryRows, monthlyRows, recent] = await Promise.all([
      this.inPeriod(userId, currency, range)
        .select('SUM(CASE WHEN t.amount > 0 THEN t.amount ELSE 0 END)', 'income')
        .addSelect('SUM(CASE WHEN t.amount < 0 THEN -t.amount ELSE 0 END)', 'expenses')
        .getRawOne<{ income: unknown; expenses: unknown }>(),
      this.inPeriod(userId, currency, range)
        .select('t.category_id', 'categoryId')
        .addSelect('SUM(t.amount)', 'total')
        .addSelect('COUNT(*)', 'count')
        .groupBy('t.category_id')
        .getRawMany<{ categoryId: number | null; total: unknown; count: unknown }>(),
      this.inPeriod(userId, currency, range)
        .select('SUBSTR(t.date, 1, 7)', 'period')
        .addSelect('SUM(CASE WHEN t.amount > 0 THEN t.amount ELSE 0 END)', 'income')
        .addSelect('SUM(CASE WHEN t.amount < 0 THEN -t.amount ELSE 0 END)', 'expenses')
        .groupBy('SUBSTR(t.date, 1, 7)')
        .orderBy('period', 'ASC')
        .getRawMany<{ period: string; income: unknown; expenses: unknown }>(),
      this.inPeriod(userId, currency, range)
        .leftJoinAndSelect('t.account', 'account')
        .leftJoinAndSelect('t.category', 'category')
        .orderBy('t.date', 'DESC')
        .addOrderBy('t.id', 'DESC')
        .limit(RECENT_COUNT)
        .getMany(),
    ]);

    const categoryIds = byCategoryRows.map((row) => row.categoryId).filter((id): id is number => id !== null);
    const categories = categoryIds.length
      ? await this.dataSource.manager
          .createQueryBuilder(Category, 'c')
          .where('c.user_id = :userId AND c.id IN (:...ids)', { userId, ids: categoryIds.map(Number) })
          .getMany()
      : [];
    const categoryById = new Map(categories.map((category) => [category.id, category]));

    return {
      ...range,
      currency,
      income: minorFromDatabase(totals?.income),
      expenses: minorFromDatabase(totals?.expenses),
      byCategory: byCategoryRows
        .map((row) => ({
          category: row.categoryId === null ? null : (categoryById.get(Number(row.categoryId)) ?? null),
          total: minorFromDatabase(row.total),
          count: Number(row.count),
        }))
        // Biggest movers first: the largest amounts out (or in) lead the chart.
        .sort((a, b) => compareMagnitude(b.total, a.total)),
      monthly: monthlyRows.map((row) => ({
        period: row.period,
        income: minorFromDatabase(row.income),
        expenses: minorFromDatabase(row.expenses),
      })),
      recent,
    };
  }

  private inPeriod(userId: number, currency: string, range: { from: string; to: string }) {
    return this.dataSource.manager
      .createQueryBuilder(Transaction, 't')
      .innerJoin('t.account', 'a')
      .where('t.user_id = :userId', { userId })
      .andWhere('a.currency = :currency', { currency })
      .andWhere('t.date >= :from AND t.date <= :to', range);
  }
}

function compareMagnitude(a: bigint, b: bigint): number {
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  return absA === absB ? 0 : absA > absB ? 1 : -1;
}

import type { DataSource, EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { badInput, notFound, unauthenticated } from '../../lib/errors';
import { Money, parseMoney, type MinorUnits } from '../../lib/money';
import { CategoryKind, type CategoryRecord } from '../categories/category.model';
import type { CategoryRepository } from '../categories/category.repository';
import type { DashboardPeriod, PeriodGroup } from '../dashboard/dashboard.model';
import type { DashboardRepository } from '../dashboard/dashboard.repository';
import { addMonths, firstDay, lastDay, monthCount, monthsFrom, parseMonth, type Month } from './budget-months';
import type { BudgetAmount, BudgetCategoryFigures, BudgetMonthFigures, Closing } from './budget.model';
import { NOTHING_CACHED, type BudgetRepository } from './budget.repository';

/** Months averaged for averageSpent and setBudgetsFromAverage. */
const AVERAGE_MONTHS = 3;
/** The longest budgetHistory. */
const HISTORY_MONTHS = 120;

/** What the month's sums are read over: the owner's currency and the accounts in it. */
interface Ledger {
  currency: string;
  accountIds: readonly number[] | null;
  categories: CategoryRecord[];
}

/** The month's money in (INCOME categories, and uncategorised money in) and each expense category's signed sum. */
interface MonthSums {
  income: MinorUnits;
  spent: Map<number, MinorUnits>;
}

/**
 * Envelope budgets per month and expense category. Spent comes from the dashboard's aggregate (split
 * parts by their category, transfers left out, accounts in the owner's currency). What rolls over is
 * read from per-month closings, extended from the cache mark when a read needs later ones, so a read
 * costs the same whatever the number of months behind it.
 */
export class BudgetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budgets: BudgetRepository,
    private readonly sums: DashboardRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async month(scope: OwnerScope, monthText: string): Promise<BudgetMonthFigures> {
    const month = parseMonth(monthText, 'month');
    return (await this.figures(scope, month, month))[0];
  }

  /** One expense category's months, oldest first. */
  async history(scope: OwnerScope, categoryId: number, fromText: string, toText: string): Promise<BudgetCategoryFigures[]> {
    const from = parseMonth(fromText, 'from');
    const to = parseMonth(toText, 'to');
    if (from > to) throw badInput('to', 'The last month comes before the first.');
    if (monthCount(from, to) > HISTORY_MONTHS) throw badInput('to', `Ask for at most ${HISTORY_MONTHS} months at a time.`);
    await this.expenseCategory(scope, categoryId);
    return (await this.figures(scope, from, to)).map((month) => month.categories.find((entry) => entry.category.id === categoryId)!);
  }

  async set(scope: OwnerScope, monthText: string, categoryId: number, amountText: string): Promise<BudgetCategoryFigures> {
    const month = parseMonth(monthText, 'month');
    await this.expenseCategory(scope, categoryId);
    const { currency } = await this.ledger(scope);
    const amount = parseMoney(amountText, currency, 'amount');
    if (amount < 0n) throw badInput('amount', 'A budget is what you plan to spend: give 0 or more.');
    await writeTransaction(this.dataSource, (manager) => this.budgets.within(manager).set(scope, { categoryId, month, amount }));
    return (await this.figures(scope, month, month))[0].categories.find((entry) => entry.category.id === categoryId)!;
  }

  async setRollover(scope: OwnerScope, categoryId: number, rollover: boolean): Promise<CategoryRecord> {
    await this.expenseCategory(scope, categoryId);
    // The categories trigger marks every closing stale: carried amounts are recomputed on the next read.
    await writeTransaction(this.dataSource, (manager) => this.categories.within(manager).update(scope, categoryId, { rollover }));
    return (await this.categories.findById(scope, categoryId))!;
  }

  /** fromMonth's amounts into toMonth, for the categories toMonth has none set for. */
  async copy(scope: OwnerScope, fromText: string, toText: string): Promise<BudgetMonthFigures> {
    const from = parseMonth(fromText, 'fromMonth');
    const to = parseMonth(toText, 'toMonth');
    if (from === to) throw badInput('toMonth', 'Copy into another month.');
    await writeTransaction(this.dataSource, async (manager) => {
      const budgets = this.budgets.within(manager);
      const expense = new Set((await this.categories.within(manager).list(scope)).filter((category) => category.kind === CategoryKind.EXPENSE).map((category) => category.id));
      const amounts = (await budgets.amountsIn(scope, from, from)).filter((entry) => expense.has(entry.categoryId));
      await budgets.addMissing(scope, amounts.map((entry) => ({ ...entry, month: to })));
    });
    return (await this.figures(scope, to, to))[0];
  }

  /** Each category without an amount for the month gets its average money out (none when it took money in). */
  async setFromAverage(scope: OwnerScope, monthText: string): Promise<BudgetMonthFigures> {
    const month = parseMonth(monthText, 'month');
    const [current] = await this.figures(scope, month, month);
    const amounts: BudgetAmount[] = current.categories
      .filter((entry) => !entry.budgetSet && entry.averageSpent.minor < 0n)
      .map((entry) => ({ categoryId: entry.category.id, month, amount: -entry.averageSpent.minor }));
    if (amounts.length) await writeTransaction(this.dataSource, (manager) => this.budgets.within(manager).addMissing(scope, amounts));
    return amounts.length ? (await this.figures(scope, month, month))[0] : current;
  }

  /** The figures of every month from `from` to `to`, chained from the closing of the month before. */
  private async figures(scope: OwnerScope, from: Month, to: Month): Promise<BudgetMonthFigures[]> {
    const cached = await this.budgets.closingOf(scope, addMonths(from, -1));
    let { closing } = cached;
    const { validBefore } = cached;
    let ledger: Ledger | null = null;
    if (validBefore === null || validBefore < from) ({ ledger, closing } = await this.extendClosings(scope, from));
    ledger ??= await this.ledger(scope);
    const [groups, amounts] = await Promise.all([
      this.sums.sumsByCategoryAndMonth(scope, this.period(ledger, addMonths(from, -AVERAGE_MONTHS), to)),
      this.budgets.amountsIn(scope, from, to),
    ]);
    const sums = monthSums(groups, ledger.categories);
    const byMonth = amountsByMonth(amounts);
    const expense = ledger.categories.filter((category) => category.kind === CategoryKind.EXPENSE);
    const money = (minor: MinorUnits) => new Money(minor, ledger.currency);
    const results: BudgetMonthFigures[] = [];
    for (const month of monthsFrom(from, to)) {
      const set = byMonth.get(month) ?? new Map<number, MinorUnits>();
      const spentIn = (at: Month, categoryId: number) => sums.get(at)?.spent.get(categoryId) ?? 0n;
      const totals = { budgeted: 0n, spent: 0n, available: 0n };
      const categories = expense.map((category): BudgetCategoryFigures => {
        const budgeted = set.get(category.id) ?? 0n;
        const spent = spentIn(month, category.id);
        const carriedOver = category.rollover ? (closing.available.get(category.id) ?? 0n) : 0n;
        const available = budgeted + spent + carriedOver;
        let pastSpent = 0n;
        for (let back = 1; back <= AVERAGE_MONTHS; back += 1) pastSpent += spentIn(addMonths(month, -back), category.id);
        totals.budgeted += budgeted;
        totals.spent += spent;
        totals.available += available;
        return {
          category,
          month,
          budgeted: money(budgeted),
          budgetSet: set.has(category.id),
          spent: money(spent),
          carriedOver: money(carriedOver),
          available: money(available),
          rollover: category.rollover,
          // BigInt division truncates: toward zero, never more than what was spent.
          averageSpent: money(pastSpent / BigInt(AVERAGE_MONTHS)),
        };
      });
      const income = sums.get(month)?.income ?? 0n;
      // The month's end, from the figures just made (nextClosing's sums, without doing them again).
      const available = new Map<number, MinorUnits>();
      for (const entry of categories) if (entry.rollover) available.set(entry.category.id, entry.available.minor);
      closing = { toBudget: income + closing.toBudget - totals.budgeted, available };
      results.push({
        month,
        currency: ledger.currency,
        income: money(income),
        budgeted: money(totals.budgeted),
        spent: money(totals.spent),
        available: money(totals.available),
        toBudget: money(closing.toBudget),
        categories,
      });
    }
    return results;
  }

  /**
   * Makes the closings hold for every month before `until` and answers the one of the month before
   * it. In one write transaction holding the mark (see BudgetRepository.lockMark): from the mark
   * (its month before is still right), or from the owner's first month when nothing is cached.
   */
  private async extendClosings(scope: OwnerScope, until: Month): Promise<{ ledger: Ledger; closing: Closing }> {
    await this.budgets.ensureMark(scope);
    return writeTransaction(this.dataSource, async (manager) => {
      const budgets = this.budgets.within(manager);
      const expected = await budgets.lockMark(scope);
      const ledger = await this.ledger(scope, manager);
      const last = addMonths(until, -1);
      // Another reader may have got here first.
      if (expected >= until) return { ledger, closing: (await budgets.closingOf(scope, last)).closing };
      let from: Month;
      let closing: Closing = { toBudget: 0n, available: new Map() };
      if (expected === NOTHING_CACHED) {
        const first = await budgets.firstMonth(scope);
        if (first === null || first > last) {
          await budgets.writeClosings(scope, NOTHING_CACHED, [], until, expected);
          return { ledger, closing };
        }
        from = first;
      } else {
        from = expected;
        closing = (await budgets.closingOf(scope, addMonths(from, -1))).closing;
      }
      const [groups, amounts] = await Promise.all([
        this.sums.within(manager).sumsByCategoryAndMonth(scope, this.period(ledger, from, last)),
        budgets.amountsIn(scope, from, last),
      ]);
      const sums = monthSums(groups, ledger.categories);
      const byMonth = amountsByMonth(amounts);
      const expense = ledger.categories.filter((category) => category.kind === CategoryKind.EXPENSE);
      const closings: { month: Month; closing: Closing }[] = [];
      for (const month of monthsFrom(from, last)) {
        closing = nextClosing(closing, sums.get(month)?.income ?? 0n, byMonth.get(month) ?? new Map(), sums.get(month), expense);
        closings.push({ month, closing });
      }
      // From the mark on; when nothing was cached, every closing goes (one of a month now empty could be left).
      await budgets.writeClosings(scope, expected === NOTHING_CACHED ? NOTHING_CACHED : from, closings, until, expected);
      return { ledger, closing };
    });
  }

  private async ledger(scope: OwnerScope, manager?: EntityManager): Promise<Ledger> {
    const sums = manager ? this.sums.within(manager) : this.sums;
    const categories = manager ? this.categories.within(manager) : this.categories;
    const [owner, list] = await Promise.all([sums.currencies(scope), categories.list(scope)]);
    if (!owner) throw unauthenticated();
    const accountIds = owner.accounts.filter((account) => account.currency === owner.currency).map((account) => account.id);
    // Usually every account is in the owner's currency: then no account condition at all.
    return { currency: owner.currency, accountIds: accountIds.length === owner.accounts.length ? null : accountIds, categories: list };
  }

  private period(ledger: Ledger, from: Month, to: Month): DashboardPeriod {
    return { from: firstDay(from), to: lastDay(to), accountIds: ledger.accountIds };
  }

  private async expenseCategory(scope: OwnerScope, categoryId: number): Promise<CategoryRecord> {
    const category = await this.categories.findById(scope, categoryId);
    if (!category) throw notFound('Category');
    if (category.kind !== CategoryKind.EXPENSE) throw badInput('categoryId', `“${category.name}” is an income category: budgets are for expense categories.`);
    return category;
  }
}

/** The aggregate's groups folded into each month's income and expense categories' spent. */
function monthSums(groups: readonly PeriodGroup[], categories: readonly CategoryRecord[]): Map<Month, MonthSums> {
  const kinds = new Map(categories.map((category) => [category.id, category.kind]));
  const months = new Map<Month, MonthSums>();
  for (const group of groups) {
    const month = months.get(group.period) ?? { income: 0n, spent: new Map<number, MinorUnits>() };
    months.set(group.period, month);
    const net = group.income - group.expenses;
    if (group.categoryId === null) month.income += group.income;
    else if (kinds.get(group.categoryId) === CategoryKind.INCOME) month.income += net;
    else if (kinds.get(group.categoryId) === CategoryKind.EXPENSE) month.spent.set(group.categoryId, (month.spent.get(group.categoryId) ?? 0n) + net);
  }
  return months;
}

function amountsByMonth(amounts: readonly BudgetAmount[]): Map<Month, Map<number, MinorUnits>> {
  const byMonth = new Map<Month, Map<number, MinorUnits>>();
  for (const { month, categoryId, amount } of amounts) {
    const set = byMonth.get(month) ?? new Map<number, MinorUnits>();
    set.set(categoryId, amount);
    byMonth.set(month, set);
  }
  return byMonth;
}

/**
 * A month's end from the one before: to-budget is the month's income plus what was left to budget,
 * minus what the expense categories were given; a rolling category keeps budgeted + spent + what it
 * carried in, surplus and deficit alike.
 */
function nextClosing(previous: Closing, income: MinorUnits, set: ReadonlyMap<number, MinorUnits>, sums: MonthSums | undefined, expense: readonly CategoryRecord[]): Closing {
  let budgeted = 0n;
  const available = new Map<number, MinorUnits>();
  for (const category of expense) {
    const amount = set.get(category.id) ?? 0n;
    budgeted += amount;
    if (category.rollover) available.set(category.id, amount + (sums?.spent.get(category.id) ?? 0n) + (previous.available.get(category.id) ?? 0n));
  }
  return { toBudget: income + previous.toBudget - budgeted, available };
}

import { expect } from '@jest/globals';
import { signUp, type ApiClient } from './client';
import { codeOf, fieldOf } from './operations';
import type { RunningApp } from './test-app';
import { accountOf, categoryOf, CREATE_LEDGER_TRANSACTION, ledgerOf } from './transfers';

/** GraphQL documents and an independent model of the budget (issue 19), so each test reads as a user's story. */
const CATEGORY_FIGURES = 'category { id name } month budgeted budgetSet spent carriedOver available rollover averageSpent';
const MONTH_FIGURES = `month currency income budgeted spent available toBudget categories { ${CATEGORY_FIGURES} }`;
export const BUDGET_MONTH = `query ($month: String!) { budgetMonth(month: $month) { ${MONTH_FIGURES} } }`;
export const BUDGET_HISTORY = `query ($categoryId: ID!, $from: String!, $to: String!) { budgetHistory(categoryId: $categoryId, from: $from, to: $to) { ${CATEGORY_FIGURES} } }`;
export const SET_BUDGET = `mutation ($month: String!, $categoryId: ID!, $amount: Money!) { setBudget(month: $month, categoryId: $categoryId, amount: $amount) { ${CATEGORY_FIGURES} } }`;
export const SET_ROLLOVER = 'mutation ($categoryId: ID!, $rollover: Boolean!) { setBudgetRollover(categoryId: $categoryId, rollover: $rollover) { id name kind rollover } }';
export const COPY_BUDGET = `mutation ($fromMonth: String!, $toMonth: String!) { copyBudget(fromMonth: $fromMonth, toMonth: $toMonth) { ${MONTH_FIGURES} } }`;
export const BUDGETS_FROM_AVERAGE = `mutation ($month: String!) { setBudgetsFromAverage(month: $month) { ${MONTH_FIGURES} } }`;

export interface ModelPart {
  cents: number;
  category: string | null;
  /** A part moving money to another account of the user's (transferAccountId). */
  transfer?: boolean;
}

/** One transaction as the test made it; `transfer` marks a leg of a transfer. */
export interface ModelRow {
  date: string;
  cents: number;
  category: string | null;
  currency: string;
  transfer?: boolean;
  splits?: ModelPart[];
}

interface ModelCategory {
  name: string;
  kind: 'EXPENSE' | 'INCOME';
  rollover: boolean;
}

/** A category's month with its name for its id, amounts as the API formats them. */
export interface CategoryFigures {
  name: string;
  month: string;
  budgeted: string;
  budgetSet: boolean;
  spent: string;
  carriedOver: string;
  available: string;
  rollover: boolean;
  averageSpent: string;
}

export interface MonthFigures {
  month: string;
  currency: string;
  income: string;
  budgeted: string;
  spent: string;
  available: string;
  toBudget: string;
  categories: CategoryFigures[];
}

/** "YYYY-MM" `count` months after (before, when negative) `month`. */
export function monthPlus(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = monthPlus(month, 1)) months.push(month);
  return months;
}

/** The tests' own formatting of minor units, for a currency with `digits` decimals. */
export function moneyText(minor: number, digits = 2): string {
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * What the budget should show, computed by plain loops from the rows, budgets and flags the test
 * made: no server code. The chain of to-budget and rolled-over amounts starts at the first month
 * with anything in it (months before add nothing).
 */
export class BudgetModel {
  readonly rows: ModelRow[] = [];
  readonly budgets = new Map<string, number>();
  readonly categories: ModelCategory[] = [];

  constructor(
    public currency: string,
    readonly digits = 2,
  ) {}

  addCategory(name: string, kind: 'EXPENSE' | 'INCOME' = 'EXPENSE'): void {
    this.categories.push({ name, kind, rollover: false });
  }

  category(name: string): ModelCategory {
    const category = this.categories.find((entry) => entry.name === name);
    if (!category) throw new Error(`No category ${name} in the model`);
    return category;
  }

  setBudget(month: string, name: string, cents: number): void {
    this.budgets.set(`${month}|${name}`, cents);
  }

  budgetOf(month: string, name: string): number | undefined {
    return this.budgets.get(`${month}|${name}`);
  }

  /** The category goes with its budgets; its rows and parts stay, uncategorised. */
  deleteCategory(name: string): void {
    this.categories.splice(this.categories.indexOf(this.category(name)), 1);
    for (const row of this.rows) {
      if (row.category === name) row.category = null;
      for (const part of row.splits ?? []) if (part.category === name) part.category = null;
    }
    for (const key of [...this.budgets.keys()]) if (key.endsWith(`|${name}`)) this.budgets.delete(key);
  }

  money(minor: number): string {
    return moneyText(minor, this.digits);
  }

  /** Each month's income and each category's signed sum, from the rows. */
  private flows(): Map<string, { income: number; spent: Map<string, number> }> {
    const kinds = new Map(this.categories.map((category) => [category.name, category.kind]));
    const flows = new Map<string, { income: number; spent: Map<string, number> }>();
    const add = (month: string, cents: number, category: string | null) => {
      const flow = flows.get(month) ?? { income: 0, spent: new Map<string, number>() };
      flows.set(month, flow);
      if (category === null) {
        if (cents > 0) flow.income += cents;
      } else if (kinds.get(category) === 'INCOME') flow.income += cents;
      else if (kinds.get(category) === 'EXPENSE') flow.spent.set(category, (flow.spent.get(category) ?? 0) + cents);
    };
    for (const row of this.rows) {
      if (row.currency !== this.currency || row.transfer) continue;
      const month = row.date.slice(0, 7);
      if (row.splits) {
        for (const part of row.splits) if (!part.transfer) add(month, part.cents, part.category);
      } else add(month, row.cents, row.category);
    }
    return flows;
  }

  /** The figures of every month from `from` to `to`. */
  months(from: string, to: string): MonthFigures[] {
    const flows = this.flows();
    const spentIn = (month: string, name: string) => flows.get(month)?.spent.get(name) ?? 0;
    const expense = this.categories.filter((category) => category.kind === 'EXPENSE').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let start = from;
    for (const month of [...flows.keys(), ...[...this.budgets.keys()].map((key) => key.slice(0, 7))]) if (month < start) start = month;
    let toBudget = 0;
    let lastAvailable = new Map<string, number>();
    const results: MonthFigures[] = [];
    for (const month of monthRange(start, to)) {
      const totals = { budgeted: 0, spent: 0, available: 0 };
      const available = new Map<string, number>();
      const categories = expense.map((category): CategoryFigures => {
        const budgeted = this.budgetOf(month, category.name) ?? 0;
        const spent = spentIn(month, category.name);
        const carriedOver = category.rollover ? (lastAvailable.get(category.name) ?? 0) : 0;
        available.set(category.name, budgeted + spent + carriedOver);
        let past = 0;
        for (let back = 1; back <= 3; back += 1) past += spentIn(monthPlus(month, -back), category.name);
        totals.budgeted += budgeted;
        totals.spent += spent;
        totals.available += budgeted + spent + carriedOver;
        return {
          name: category.name,
          month,
          budgeted: this.money(budgeted),
          budgetSet: this.budgetOf(month, category.name) !== undefined,
          spent: this.money(spent),
          carriedOver: this.money(carriedOver),
          available: this.money(budgeted + spent + carriedOver),
          rollover: category.rollover,
          averageSpent: this.money(Math.trunc(past / 3)),
        };
      });
      const income = flows.get(month)?.income ?? 0;
      toBudget = income + toBudget - totals.budgeted;
      lastAvailable = available;
      if (month < from) continue;
      results.push({
        month,
        currency: this.currency,
        income: this.money(income),
        budgeted: this.money(totals.budgeted),
        spent: this.money(totals.spent),
        available: this.money(totals.available),
        toBudget: this.money(toBudget),
        categories,
      });
    }
    return results;
  }

  month(month: string): MonthFigures {
    return this.months(month, month)[0];
  }
}

interface ApiCategoryFigures extends Omit<CategoryFigures, 'name'> {
  category: { id: string; name: string };
}

/** The API's category figures with the category's name for the category. */
export function byName({ category, ...figures }: ApiCategoryFigures): CategoryFigures {
  return { name: category.name, ...figures };
}

/** The API's month figures, categories named as the model names them. */
export function monthByName(month: Omit<MonthFigures, 'categories'> & { categories: ApiCategoryFigures[] }): MonthFigures {
  return { ...month, categories: month.categories.map(byName) };
}

export async function budgetMonthOf(client: ApiClient, month: string): Promise<MonthFigures> {
  return monthByName((await client.ok(BUDGET_MONTH, { month })).budgetMonth);
}

/** Reads each month (in the order given, so the cache is read out of order too) and compares it with the model. */
export async function expectMonthsMatch(client: ApiClient, model: BudgetModel, months: readonly string[]): Promise<void> {
  const sorted = [...months].sort();
  const expected = new Map(model.months(sorted[0], sorted[sorted.length - 1]).map((figures) => [figures.month, figures]));
  for (const month of months) expect({ month, figures: await budgetMonthOf(client, month) }).toEqual({ month, figures: expected.get(month) });
}

/** The months in a seeded shuffled order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = seeded(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A user of the budget tests: accounts by currency, categories by name, and the model of what they made. */
export interface BudgetHousehold {
  client: ApiClient;
  model: BudgetModel;
  /** The first account (Cash), in the user's currency. */
  cash: string;
  checking: string;
  savings: string;
  /** An account in another currency (EUR, or USD for a non-USD user). */
  foreign: string;
  foreignCurrency: string;
  categoryIds: Record<string, string>;
}

export async function budgetHouseholdOf(
  running: RunningApp,
  categories: readonly (readonly [string, 'EXPENSE' | 'INCOME'])[],
  currency = 'USD',
  digits = 2,
): Promise<BudgetHousehold> {
  const { client } = await signUp(running.baseUrl, { currency });
  const cash = (await client.ok('{ accounts { id } }')).accounts[0].id;
  const foreignCurrency = currency === 'EUR' ? 'USD' : 'EUR';
  const model = new BudgetModel(currency, digits);
  // A new user's default categories go, so the model knows every category there is.
  for (const { id } of (await client.ok('{ categories { id } }')).categories) await client.ok('mutation ($id: ID!) { deleteCategory(id: $id) }', { id });
  const categoryIds: Record<string, string> = {};
  for (const [name, kind] of categories) {
    categoryIds[name] = await categoryOf(client, name, kind);
    model.addCategory(name, kind);
  }
  return {
    client,
    model,
    cash,
    checking: await accountOf(client, 'Checking'),
    savings: await accountOf(client, 'Savings'),
    foreign: await accountOf(client, 'Abroad', { currency: foreignCurrency }),
    foreignCurrency,
    categoryIds,
  };
}

/**
 * Creates the row through the API (in `accountId`, else in Cash, or in the foreign account when its
 * currency is that one; a transfer part moves money to Savings) and adds it to the model. Answers the id and the row.
 */
export async function addRow(h: BudgetHousehold, row: Omit<ModelRow, 'currency'> & { currency?: string }, accountId?: string): Promise<{ id: string; row: ModelRow }> {
  const full: ModelRow = { currency: h.model.currency, ...row };
  const money = (cents: number) => moneyText(cents, full.currency === 'JPY' ? 0 : 2);
  const input: Record<string, unknown> = {
    date: full.date,
    amount: money(full.cents),
    accountId: accountId ?? (full.currency === h.model.currency ? h.cash : h.foreign),
    ...(full.splits
      ? { splits: full.splits.map((part) => ({ amount: money(part.cents), categoryId: part.category ? h.categoryIds[part.category] : null, ...(part.transfer ? { transferAccountId: h.savings } : {}) })) }
      : { categoryId: full.category ? h.categoryIds[full.category] : null }),
  };
  const created = (await h.client.ok(CREATE_LEDGER_TRANSACTION, { input })).createTransaction;
  h.model.rows.push(full);
  // A transfer part makes its other leg in Savings: a transfer, left out of every sum.
  for (const part of full.splits ?? []) if (part.transfer) h.model.rows.push({ date: full.date, cents: -part.cents, category: null, currency: full.currency, transfer: true });
  return { id: created.id, row: full };
}

/** setBudget through the API and in the model; unless told otherwise (writes racing it), its answer is the model's figures. */
export async function setBudget(h: BudgetHousehold, month: string, name: string, cents: number, check = true): Promise<void> {
  const { setBudget: figures } = await h.client.ok(SET_BUDGET, { month, categoryId: h.categoryIds[name], amount: h.model.money(cents) });
  h.model.setBudget(month, name, cents);
  if (check) expect(byName(figures)).toEqual(h.model.month(month).categories.find((category) => category.name === name));
}

export async function setRollover(h: BudgetHousehold, name: string, rollover: boolean): Promise<void> {
  const { setBudgetRollover } = await h.client.ok(SET_ROLLOVER, { categoryId: h.categoryIds[name], rollover });
  expect(setBudgetRollover).toMatchObject({ id: h.categoryIds[name], rollover });
  h.model.category(name).rollover = rollover;
}

/** Everything of the user's a budget change could touch: the ledger, the categories' flags and the months' figures. */
async function budgetStateOf(client: ApiClient, months: readonly string[]): Promise<unknown> {
  const figures = [];
  for (const month of months) figures.push(await budgetMonthOf(client, month));
  const { categories } = await client.ok('{ categories { id name kind rollover } }');
  return { ledger: await ledgerOf(client), categories, figures };
}

/** A refused budget operation: the code (and field) it answers, and nothing of the user's changed in `months`. */
export async function expectBudgetRefused(
  client: ApiClient,
  months: readonly string[],
  operation: () => Promise<{ errors?: { extensions?: { code?: string; field?: string } }[]; data?: unknown }>,
  code: string,
  field?: string,
): Promise<void> {
  const before = await budgetStateOf(client, months);
  const result = await operation();
  expect({ code: codeOf(result), data: result.data ?? null }).toEqual({ code, data: null });
  if (field) expect(fieldOf(result)).toBe(field);
  expect(await budgetStateOf(client, months)).toEqual(before);
}

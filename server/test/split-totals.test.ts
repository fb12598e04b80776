import { decimalOf } from './support/money';
import { startTestApp, type RunningApp } from './support/test-app';
import { createTransaction, splitHouseholdOf, type SplitHousehold } from './support/households';
import {
  categoryOf,
  cents,
  DASHBOARD_TOTALS,
  FILTERED_TOTALS,
  idsMatching,
  rowOf,
  sortIds,
} from './support/transfers';

/** Issue 17: the dashboard, the filters, search and the list's totals use a split transaction's parts. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

type Household = SplitHousehold;
const household = () => splitHouseholdOf(running);
const create = createTransaction;

test('parts of both signs count by their own sign: a receipt with a refund on it', async () => {
  const h = await household();
  const refunds = await categoryOf(h.client, 'Refunds', 'INCOME');
  await create(h.client, { amount: '-100.00', splits: [{ amount: '-120.00', categoryId: h.groceries }, { amount: '20.00', categoryId: refunds }] });
  const { dashboard } = await h.client.ok(DASHBOARD_TOTALS, { from: '2025-03-01', to: '2025-03-31' });
  expect(dashboard).toMatchObject({ income: '20.00', expenses: '120.00', net: '-100.00', monthly: [{ period: '2025-03', income: '20.00', expenses: '120.00' }] });
  expect(dashboard.byCategory.map((row: any) => [row.category.name, row.total, row.count]).sort()).toEqual([['Food', '-120.00', 1], ['Refunds', '20.00', 1]]);
});

describe('filters, search and totals use the parts', () => {
  let h: Household;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await household();
    ids.split = (await create(h.client, {
      accountId: h.checking,
      amount: '-100.00',
      description: 'Supermarket',
      splits: [{ amount: '-60.00', categoryId: h.groceries, notes: 'bread' }, { amount: '-40.00', categoryId: h.pharmacy, notes: 'Aspirin 500' }],
    })).data.createTransaction.id;
    ids.chemist = await rowOf(h.client, { accountId: h.cash, amount: '-12.00', categoryId: h.pharmacy, description: 'Chemist' });
    ids.baker = await rowOf(h.client, { accountId: h.cash, amount: '-3.00', categoryId: h.groceries, description: 'Baker' });
    ids.loose = await rowOf(h.client, { accountId: h.cash, amount: '-1.00', description: 'Parking' });
    ids.euro = await rowOf(h.client, { accountId: h.euro, amount: '-7.00', categoryId: h.pharmacy, description: 'Apotheke' });
  });

  test.each([
    ['a category matches a split row by any part', () => ({ categoryId: h.pharmacy }), ['split', 'chemist', 'euro']],
    ['and by its other part', () => ({ categoryId: h.groceries }), ['split', 'baker']],
    ['search matches a part’s notes, in any case', () => ({ search: 'ASPIRIN' }), ['split']],
    ['search still matches the row’s own text', () => ({ search: 'supermarket' }), ['split']],
    ['category and account together', () => ({ categoryId: h.pharmacy, accountId: h.checking }), ['split']],
  ])('%s', async (_name, filter, keys) => {
    expect(await idsMatching(h.client, filter())).toEqual(sortIds(keys.map((key) => ids[key])));
  });

  test('totals: unfiltered, a split row counts once at its amount; by category, the matching parts', async () => {
    const all = (await h.client.ok(FILTERED_TOTALS, { filter: null })).transactions;
    const byCurrency = (totals: { currency: string }[]) => [...totals].sort((a, b) => a.currency.localeCompare(b.currency));
    expect(all.totalCount).toBe(5);
    expect(byCurrency(all.totals)).toEqual([
      { currency: 'EUR', amount: '-7.00', count: 1 },
      { currency: 'USD', amount: '-116.00', count: 4 },
    ]);
    // By account alone (read from the account's counters): the sum of the rows the list shows.
    const inChecking = (await h.client.ok(`query ($filter: TransactionFilter) { transactions(first: 100, filter: $filter) { edges { node { amount } } totals { currency amount count } } }`, { filter: { accountId: h.checking } })).transactions;
    const listed = inChecking.edges.map((edge: { node: { amount: string } }) => cents(edge.node.amount));
    expect(inChecking.totals).toEqual([{ currency: 'USD', amount: decimalOf(listed.reduce((sum: number, amount: number) => sum + amount, 0)), count: listed.length }]);
    // The list shows the matching part's amount (issue 17): the pharmacy part, not the whole receipt.
    const pharmacy = (await h.client.ok(FILTERED_TOTALS, { filter: { categoryId: h.pharmacy } })).transactions;
    expect(byCurrency(pharmacy.totals)).toEqual([
      { currency: 'EUR', amount: '-7.00', count: 1 },
      { currency: 'USD', amount: '-52.00', count: 2 },
    ]);
  });
});

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test('dashboard byCategory, income and expenses add up the parts, as summed independently here', async () => {
  const h = await household();
  const names = ['Food', 'Pharmacy', 'Wages', null] as const;
  const categoryIds: Record<string, string> = { Food: h.groceries, Pharmacy: h.pharmacy, Wages: h.salary };
  /** What the dashboard must count: each plain row, or each part of a split row, in USD. */
  const counted: { date: string; cents: number; category: string | null }[] = [];
  const next = random(17);
  for (let i = 0; i < 30; i += 1) {
    const date = `2025-0${1 + Math.floor(next() * 3)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const income = next() < 0.2;
    const inEuro = next() < 0.15;
    const sign = income ? 1 : -1;
    const partCount = next() < 0.5 ? 0 : 2 + Math.floor(next() * 2);
    const accountId = inEuro ? h.euro : next() < 0.5 ? h.cash : h.checking;
    if (partCount === 0) {
      const category = income ? 'Wages' : names[Math.floor(next() * names.length)];
      const amount = sign * (1 + Math.floor(next() * 50_000));
      await rowOf(h.client, { accountId, date, amount: decimalOf(amount), categoryId: category ? categoryIds[category] : null });
      if (!inEuro) counted.push({ date, cents: amount, category });
      continue;
    }
    // Parts in distinct categories (or uncategorised), all of the row's sign.
    const categories = [...names].sort(() => next() - 0.5).slice(0, partCount);
    const parts = categories.map((category) => ({ category, cents: sign * (1 + Math.floor(next() * 20_000)) }));
    const total = parts.reduce((sum, part) => sum + part.cents, 0);
    const result = await create(h.client, {
      accountId,
      date,
      amount: decimalOf(total),
      splits: parts.map((part) => ({ amount: decimalOf(part.cents), categoryId: part.category ? categoryIds[part.category] : null })),
    });
    expect(result.errors).toBeUndefined();
    if (!inEuro) for (const part of parts) counted.push({ date, ...part });
  }

  for (const [from, to] of [['2025-01-01', '2025-12-31'], ['2025-02-01', '2025-02-28'], ['2025-01-15', '2025-03-10']]) {
    const rows = counted.filter((row) => row.date >= from && row.date <= to);
    const income = rows.filter((row) => row.cents > 0).reduce((sum, row) => sum + row.cents, 0);
    const expenses = rows.filter((row) => row.cents < 0).reduce((sum, row) => sum - row.cents, 0);
    const byCategory = new Map<string | null, { total: number; count: number }>();
    for (const row of rows) {
      const entry = byCategory.get(row.category) ?? { total: 0, count: 0 };
      byCategory.set(row.category, { total: entry.total + row.cents, count: entry.count + 1 });
    }
    const { dashboard } = await h.client.ok(DASHBOARD_TOTALS, { from, to });
    expect({ from, income: dashboard.income, expenses: dashboard.expenses, net: dashboard.net }).toEqual({
      from,
      income: decimalOf(income),
      expenses: decimalOf(expenses),
      net: decimalOf(income - expenses),
    });
    const months = new Map<string, { income: number; expenses: number }>();
    for (const row of rows) {
      const month = months.get(row.date.slice(0, 7)) ?? { income: 0, expenses: 0 };
      if (row.cents > 0) month.income += row.cents;
      else month.expenses -= row.cents;
      months.set(row.date.slice(0, 7), month);
    }
    expect(dashboard.monthly).toEqual([...months].sort().map(([period, m]) => ({ period, income: decimalOf(m.income), expenses: decimalOf(m.expenses) })));
    const order = (a: { category: string | null }, b: { category: string | null }) => String(a.category).localeCompare(String(b.category));
    const seen = dashboard.byCategory.map((row: any) => ({ category: row.category?.name ?? null, total: row.total, count: row.count })).sort(order);
    expect(seen).toEqual([...byCategory].map(([category, { total, count }]) => ({ category, total: decimalOf(total), count })).sort(order));
  }
});

import { signUp, type ApiClient } from './support/client';
import { codeOf, CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION, DASHBOARD, DELETE_TRANSACTION, UPDATE_TRANSACTION } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { decimalOf } from './support/money';

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

interface Row {
  date: string;
  cents: number;
  category: string | null;
  accountCurrency: string;
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('totals match sums computed independently', () => {
  let client: ApiClient;
  const rows: Row[] = [];
  const categoryIds: Record<string, string> = {};

  beforeAll(async () => {
    client = (await signUp(running.baseUrl, { currency: 'USD' })).client;
    for (const [name, kind] of [['Food', 'EXPENSE'], ['Travel', 'EXPENSE'], ['Pay', 'INCOME']]) {
      categoryIds[name] = (await client.ok(CREATE_CATEGORY, { input: { name, kind } })).createCategory.id;
    }
    const euro = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Euro wallet', currency: 'EUR' } })).createAccount;
    const next = random(42);
    const names = [null, 'Food', 'Travel', 'Pay'];
    for (let i = 0; i < 60; i += 1) {
      const month = 1 + Math.floor(next() * 4);
      const day = 1 + Math.floor(next() * 28);
      const category = names[Math.floor(next() * names.length)];
      const cents = category === 'Pay' ? Math.floor(next() * 500000) : -Math.floor(next() * 20000) - 1;
      const inEuro = next() < 0.15;
      const row: Row = { date: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, cents, category, accountCurrency: inEuro ? 'EUR' : 'USD' };
      rows.push(row);
      await client.ok(CREATE_TRANSACTION, {
        input: { date: row.date, amount: decimalOf(cents), categoryId: category ? categoryIds[category] : null, ...(inEuro ? { accountId: euro.id } : {}) },
      });
    }
  });

  function expected(from: string, to: string) {
    const inRange = rows.filter((row) => row.accountCurrency === 'USD' && row.date >= from && row.date <= to);
    const income = inRange.filter((row) => row.cents > 0).reduce((sum, row) => sum + row.cents, 0);
    const expenses = inRange.filter((row) => row.cents < 0).reduce((sum, row) => sum - row.cents, 0);
    const byCategory = new Map<string | null, { total: number; count: number }>();
    const monthly = new Map<string, { income: number; expenses: number }>();
    for (const row of inRange) {
      const entry = byCategory.get(row.category) ?? { total: 0, count: 0 };
      entry.total += row.cents;
      entry.count += 1;
      byCategory.set(row.category, entry);
      const period = row.date.slice(0, 7);
      const month = monthly.get(period) ?? { income: 0, expenses: 0 };
      if (row.cents > 0) month.income += row.cents;
      else month.expenses -= row.cents;
      monthly.set(period, month);
    }
    return {
      income: decimalOf(income),
      expenses: decimalOf(expenses),
      net: decimalOf(income - expenses),
      byCategory: [...byCategory.entries()]
        .map(([category, { total, count }]) => ({ category, total: decimalOf(total), count }))
        .sort((a, b) => String(a.category).localeCompare(String(b.category))),
      monthly: [...monthly.entries()].sort().map(([period, m]) => ({ period, income: decimalOf(m.income), expenses: decimalOf(m.expenses) })),
      recentDates: inRange.map((row) => row.date).sort().reverse().slice(0, 10),
    };
  }

  test.each([
    ['a whole year', '2025-01-01', '2025-12-31'],
    ['one month', '2025-02-01', '2025-02-28'],
    ['a range across months', '2025-01-15', '2025-03-10'],
    ['an empty range', '2024-01-01', '2024-12-31'],
  ])('%s', async (_name, from, to) => {
    const { dashboard } = await client.ok(DASHBOARD, { from, to });
    const want = expected(from, to);
    expect(dashboard).toMatchObject({ from, to, currency: 'USD', income: want.income, expenses: want.expenses, net: want.net });
    const byCategory = dashboard.byCategory
      .map((row: { category: { name: string } | null; total: string; count: number }) => ({ category: row.category?.name ?? null, total: row.total, count: row.count }))
      .sort((a: { category: string | null }, b: { category: string | null }) => String(a.category).localeCompare(String(b.category)));
    expect(byCategory).toEqual(want.byCategory);
    expect(dashboard.monthly).toEqual(want.monthly);
    expect(dashboard.recent.map((t: { date: string }) => t.date)).toEqual(want.recentDates);
  });

  test('totals change as transactions are added, edited and deleted', async () => {
    const range = { from: '2026-01-01', to: '2026-01-31' };
    expect((await client.ok(DASHBOARD, range)).dashboard).toMatchObject({ income: '0.00', expenses: '0.00', net: '0.00', byCategory: [], monthly: [] });
    const coffee = (await client.ok(CREATE_TRANSACTION, { input: { date: '2026-01-10', amount: '-3.20', categoryId: categoryIds.Food } })).createTransaction;
    await client.ok(CREATE_TRANSACTION, { input: { date: '2026-01-11', amount: '100.00', categoryId: categoryIds.Pay } });
    expect((await client.ok(DASHBOARD, range)).dashboard).toMatchObject({ income: '100.00', expenses: '3.20', net: '96.80' });
    await client.ok(UPDATE_TRANSACTION, { id: coffee.id, input: { amount: '-13.20' } });
    expect((await client.ok(DASHBOARD, range)).dashboard).toMatchObject({ expenses: '13.20', net: '86.80' });
    await client.ok(DELETE_TRANSACTION, { id: coffee.id });
    const after = (await client.ok(DASHBOARD, range)).dashboard;
    expect(after).toMatchObject({ income: '100.00', expenses: '0.00', net: '100.00' });
    expect(after.byCategory).toEqual([{ category: { id: categoryIds.Pay, name: 'Pay' }, total: '100.00', count: 1 }]);
  });
});

test('defaults to the current month', async () => {
  const { client } = await signUp(running.baseUrl);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  await client.ok(CREATE_TRANSACTION, { input: { date: today, amount: '-7.00' } });
  const { dashboard } = await client.ok(DASHBOARD);
  expect(dashboard.from).toBe(`${today.slice(0, 7)}-01`);
  expect(dashboard.to.slice(0, 7)).toBe(today.slice(0, 7));
  expect(new Date(`${dashboard.to}T00:00:00Z`).getUTCMonth()).not.toBe(new Date(Date.parse(`${dashboard.to}T00:00:00Z`) + 86_400_000).getUTCMonth());
  expect(dashboard.expenses).toBe('7.00');
});

test('a period that ends before it starts is BAD_USER_INPUT', async () => {
  const { client } = await signUp(running.baseUrl);
  expect(codeOf(await client.gql(DASHBOARD, { from: '2025-02-01', to: '2025-01-01' }))).toBe('BAD_USER_INPUT');
  expect(codeOf(await client.gql(DASHBOARD, { from: '2025-02-30' }))).toBe('BAD_USER_INPUT');
});

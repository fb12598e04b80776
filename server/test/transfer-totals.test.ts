import { codeOf } from './support/operations';
import { decimalOf } from './support/money';
import { startTestApp, type RunningApp } from './support/test-app';
import { householdOf, type Household } from './support/households';
import {
  categoryOf,
  cents,
  DASHBOARD_TOTALS,
  FILTERED_TOTALS,
  idsMatching,
  LINK_TRANSFER,
  rowOf,
  sortIds,
  transferOf,
  UNLINK_TRANSFER,
} from './support/transfers';

/** Issue 17: transfers are neither income nor expenses, in the filters, the list's totals and the dashboard. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const household = () => householdOf(running);

describe('filters and the dashboard leave transfers out of income and expenses', () => {
  let h: Household;
  const ids: Record<string, string> = {};
  /** The plain rows in USD accounts, as the test created them: what income and expenses must add up to. */
  const plain: { date: string; cents: number; category: string | null }[] = [];
  const categories: Record<string, string> = {};
  beforeAll(async () => {
    h = await household();
    categories.Food = await categoryOf(h.client, 'Food');
    categories.Pay = await categoryOf(h.client, 'Pay', 'INCOME');
    const add = async (key: string, input: { accountId: string; amount: string; date: string; categoryId?: string }, counted = true) => {
      ids[key] = await rowOf(h.client, input);
      const category = Object.entries(categories).find(([, id]) => id === input.categoryId)?.[0] ?? null;
      if (counted) plain.push({ date: input.date, cents: cents(input.amount), category });
    };
    await add('salary', { accountId: h.checking, amount: '3000.00', date: '2025-03-01', categoryId: categories.Pay });
    await add('groceries', { accountId: h.checking, amount: '-120.35', date: '2025-03-02', categoryId: categories.Food });
    await add('refund', { accountId: h.cash, amount: '15.00', date: '2025-03-03' });
    await add('kiosk', { accountId: h.cash, amount: '-2.50', date: '2025-04-03' });
    await add('euroLunch', { accountId: h.euro, amount: '-9.00', date: '2025-03-03' }, false);
    const created = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '500.00', date: '2025-03-05' });
    ids.createdOut = created.outflow.id;
    ids.createdIn = created.inflow.id;
    // Categorised rows, linked afterwards: the link clears their categories and takes them out of the totals.
    ids.linkedOut = await rowOf(h.client, { accountId: h.savings, amount: '-200.00', date: '2025-04-01', categoryId: categories.Food });
    ids.linkedIn = await rowOf(h.client, { accountId: h.cash, amount: '200.00', date: '2025-04-02', categoryId: categories.Pay });
    await h.client.ok(LINK_TRANSFER, { outflowId: ids.linkedOut, inflowId: ids.linkedIn });
    const fx = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.euro, amount: '100.00', inflowAmount: '91.00', date: '2025-03-20' });
    ids.fxOut = fx.outflow.id;
    ids.fxIn = fx.inflow.id;
  });

  test.each([
    ['kind TRANSFER: the legs', { kind: 'TRANSFER' }, ['createdOut', 'createdIn', 'linkedOut', 'linkedIn', 'fxOut', 'fxIn']],
    ['kind INCOME: money in that is no leg', { kind: 'INCOME' }, ['salary', 'refund']],
    ['kind EXPENSE: money out that is no leg', { kind: 'EXPENSE' }, ['groceries', 'kiosk', 'euroLunch']],
    ['excludeTransfers', { excludeTransfers: true }, ['salary', 'groceries', 'refund', 'kiosk', 'euroLunch']],
    ['excludeTransfers with an account', { excludeTransfers: true, accountIdKey: 'cash' }, ['refund', 'kiosk']],
    ['kind TRANSFER with an account', { kind: 'TRANSFER', accountIdKey: 'savings' }, ['createdIn', 'linkedOut']],
    ['kind INCOME with a date range', { kind: 'INCOME', from: '2025-03-02', to: '2025-04-30' }, ['refund']],
  ])('%s', async (_name, { accountIdKey, ...filter }: Record<string, unknown>, keys) => {
    const accountId = accountIdKey ? (h as unknown as Record<string, string>)[accountIdKey as string] : undefined;
    expect(await idsMatching(h.client, { ...filter, ...(accountId ? { accountId } : {}) })).toEqual(sortIds(keys.map((key) => ids[key])));
  });

  test('totals with excludeTransfers add up the plain rows, per currency', async () => {
    const { transactions } = await h.client.ok(FILTERED_TOTALS, { filter: { excludeTransfers: true } });
    const usd = plain.reduce((sum, row) => sum + row.cents, 0);
    expect([...transactions.totals].sort((a: any, b: any) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: 'EUR', amount: '-9.00', count: 1 },
      { currency: 'USD', amount: decimalOf(usd), count: plain.length },
    ]);
  });

  test('pages of a kind walk every matching row once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { transactions }: any = await h.client.ok(
        'query ($filter: TransactionFilter, $after: String) { transactions(first: 2, after: $after, filter: $filter) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { filter: { kind: 'TRANSFER' }, after },
      );
      seen.push(...transactions.edges.map((edge: { node: { id: string } }) => edge.node.id));
      after = transactions.pageInfo.hasNextPage ? transactions.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(6);
    expect(sortIds(seen)).toEqual(sortIds(['createdOut', 'createdIn', 'linkedOut', 'linkedIn', 'fxOut', 'fxIn'].map((key) => ids[key])));
  });

  test('a bad kind is BAD_USER_INPUT', async () => {
    expect(codeOf(await h.client.gql('query ($filter: TransactionFilter) { transactions(filter: $filter) { totalCount } }', { filter: { kind: 'REFUND' } }))).toBe('BAD_USER_INPUT');
  });

  test.each([
    ['the year', '2025-01-01', '2025-12-31'],
    ['March', '2025-03-01', '2025-03-31'],
    ['April', '2025-04-01', '2025-04-30'],
  ])('dashboard totals over %s equal the plain rows’ sums', async (_name, from, to) => {
    const rows = plain.filter((row) => row.date >= from && row.date <= to);
    const income = rows.filter((row) => row.cents > 0).reduce((sum, row) => sum + row.cents, 0);
    const expenses = rows.filter((row) => row.cents < 0).reduce((sum, row) => sum - row.cents, 0);
    const byCategory = new Map<string | null, { total: number; count: number }>();
    for (const row of rows) {
      const entry = byCategory.get(row.category) ?? { total: 0, count: 0 };
      byCategory.set(row.category, { total: entry.total + row.cents, count: entry.count + 1 });
    }
    const { dashboard } = await h.client.ok(DASHBOARD_TOTALS, { from, to });
    expect(dashboard).toMatchObject({ currency: 'USD', income: decimalOf(income), expenses: decimalOf(expenses), net: decimalOf(income - expenses) });
    const seen = dashboard.byCategory.map((row: any) => ({ category: row.category?.name ?? null, total: row.total, count: row.count }));
    const want = [...byCategory].map(([category, { total, count }]) => ({ category, total: decimalOf(total), count }));
    const order = (a: { category: string | null }, b: { category: string | null }) => String(a.category).localeCompare(String(b.category));
    expect(seen.sort(order)).toEqual(want.sort(order));
    const months = new Map<string, { income: number; expenses: number }>();
    for (const row of rows) {
      const month = months.get(row.date.slice(0, 7)) ?? { income: 0, expenses: 0 };
      if (row.cents > 0) month.income += row.cents;
      else month.expenses -= row.cents;
      months.set(row.date.slice(0, 7), month);
    }
    expect(dashboard.monthly).toEqual([...months].sort().map(([period, m]) => ({ period, income: decimalOf(m.income), expenses: decimalOf(m.expenses) })));
  });

  test('unlinking puts the rows back into income and expenses', async () => {
    const other = await household();
    const transfer = await transferOf(other.client, { fromAccountId: other.checking, toAccountId: other.savings, amount: '70.00', date: '2025-05-05' });
    const range = { from: '2025-05-01', to: '2025-05-31' };
    expect((await other.client.ok(DASHBOARD_TOTALS, range)).dashboard).toMatchObject({ income: '0.00', expenses: '0.00' });
    await other.client.ok(UNLINK_TRANSFER, { id: transfer.id });
    expect((await other.client.ok(DASHBOARD_TOTALS, range)).dashboard).toMatchObject({ income: '70.00', expenses: '70.00', net: '0.00' });
  });
});

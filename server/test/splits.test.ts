import { LIMITS } from '@finance-tracker/common';
import { signUp, type ApiClient } from './support/client';
import { codeOf, fieldOf } from './support/operations';
import { decimalOf } from './support/money';
import { startTestApp, type RunningApp } from './support/test-app';
import {
  accountOf,
  balancesOf,
  categoryOf,
  cents,
  CREATE_LEDGER_TRANSACTION,
  DASHBOARD_TOTALS,
  DELETE_WITH_LEG,
  FILTERED_TOTALS,
  getTransaction,
  idsMatching,
  ledgerOf,
  rowOf,
  SET_SPLITS,
  sortIds,
  transferOf,
  UPDATE_LEDGER_TRANSACTION,
} from './support/transfers';

/** Issue 17: a transaction split into parts, each with its amount, category and note; totals and filters use the parts. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

interface Household {
  client: ApiClient;
  cash: string;
  checking: string;
  savings: string;
  euro: string;
  yen: string;
  groceries: string;
  pharmacy: string;
  salary: string;
}

async function household(): Promise<Household> {
  const { client } = await signUp(running.baseUrl, { currency: 'USD' });
  const cash = (await client.ok('{ accounts { id } }')).accounts[0].id;
  return {
    client,
    cash,
    checking: await accountOf(client, 'Checking', { openingBalance: '1000.00' }),
    savings: await accountOf(client, 'Savings'),
    euro: await accountOf(client, 'Euro', { currency: 'EUR' }),
    yen: await accountOf(client, 'Yen', { currency: 'JPY' }),
    groceries: await categoryOf(client, 'Food'),
    pharmacy: await categoryOf(client, 'Pharmacy'),
    salary: await categoryOf(client, 'Wages', 'INCOME'),
  };
}

async function expectRefused(client: ApiClient, operation: () => Promise<any>, code: string, field?: string): Promise<any> {
  const before = await ledgerOf(client);
  const result = await operation();
  expect(codeOf(result)).toBe(code);
  if (field) expect(fieldOf(result)).toBe(field);
  expect(await ledgerOf(client)).toEqual(before);
  return result;
}

const create = (client: ApiClient, input: Record<string, unknown>) => client.gql(CREATE_LEDGER_TRANSACTION, { input: { date: '2025-03-10', ...input } });
const partsOf = (splits: { amount: string; category: { id: string } | null; notes: string }[]) =>
  splits.map(({ amount, category, notes }) => ({ amount, category: category?.id ?? null, notes }));

/** How many split parts the database holds, in whatever table the entities keep them. */
async function storedSplitCount(): Promise<number> {
  const metadata = running.app.dataSource.entityMetadatas.find((m) => /split/i.test(m.tableName));
  expect(metadata).toBeDefined();
  const [{ n }] = await running.app.dataSource.query(`SELECT COUNT(*) AS n FROM "${metadata!.tableName}"`);
  return Number(n);
}

describe('making and changing splits', () => {
  test('createTransaction with splits: one row of its account, its parts carry the categories', async () => {
    const h = await household();
    const result = await create(h.client, {
      accountId: h.checking,
      amount: '-100.00',
      description: 'Supermarket',
      splits: [
        { amount: '-60.00', categoryId: h.groceries, notes: 'bread and milk' },
        { amount: '-40.00', categoryId: h.pharmacy, notes: 'aspirin' },
      ],
    });
    expect(result.errors).toBeUndefined();
    const created = result.data.createTransaction;
    expect(created).toMatchObject({ amount: '-100.00', kind: 'EXPENSE', transfer: null });
    expect(partsOf(created.splits)).toEqual([
      { amount: '-60.00', category: h.groceries, notes: 'bread and milk' },
      { amount: '-40.00', category: h.pharmacy, notes: 'aspirin' },
    ]);
    for (const split of created.splits) expect(split).toMatchObject({ id: expect.any(String), transfer: null });
    expect(await getTransaction(h.client, created.id)).toEqual(created);
    const { accounts } = await h.client.ok('{ accounts { id balance transactionCount } }');
    expect(accounts.find((a: { id: string }) => a.id === h.checking)).toMatchObject({ balance: '900.00', transactionCount: 1 });
  });

  test('setSplits replaces the parts, and an empty list unsplits; the amount and balance stay', async () => {
    const h = await household();
    const id = await rowOf(h.client, { accountId: h.checking, amount: '-100.00', categoryId: h.groceries });
    const first = (await h.client.ok(SET_SPLITS, { transactionId: id, splits: [{ amount: '-70.00', categoryId: h.groceries }, { amount: '-30.00', categoryId: h.pharmacy, notes: 'plasters' }] })).setSplits;
    expect(partsOf(first.splits)).toEqual([
      { amount: '-70.00', category: h.groceries, notes: '' },
      { amount: '-30.00', category: h.pharmacy, notes: 'plasters' },
    ]);
    const second = (await h.client.ok(SET_SPLITS, { transactionId: id, splits: [{ amount: '-10.00' }, { amount: '-85.50', categoryId: h.pharmacy }, { amount: '-4.50', categoryId: h.groceries }] })).setSplits;
    expect(partsOf(second.splits)).toEqual([
      { amount: '-10.00', category: null, notes: '' },
      { amount: '-85.50', category: h.pharmacy, notes: '' },
      { amount: '-4.50', category: h.groceries, notes: '' },
    ]);
    expect(await getTransaction(h.client, id)).toMatchObject({ amount: '-100.00', splits: second.splits });
    const unsplit = (await h.client.ok(SET_SPLITS, { transactionId: id, splits: [] })).setSplits;
    expect(unsplit).toMatchObject({ amount: '-100.00', splits: [] });
    expect((await balancesOf(h.client))[h.checking]).toBe('900.00');
  });

  test('parts that do not add up are BAD_USER_INPUT naming the difference, and nothing is stored', async () => {
    const h = await household();
    const short = await expectRefused(h.client, () => create(h.client, { amount: '-100.00', splits: [{ amount: '-60.00' }, { amount: '-30.00' }] }), 'BAD_USER_INPUT');
    expect(short.errors[0].message).toMatch(/10\.00/);
    const id = await rowOf(h.client, { amount: '-100.00' });
    const over = await expectRefused(h.client, () => h.client.gql(SET_SPLITS, { transactionId: id, splits: [{ amount: '-60.00' }, { amount: '-47.25' }] }), 'BAD_USER_INPUT');
    expect(over.errors[0].message).toMatch(/7\.25/);
    const yen = await expectRefused(h.client, () => create(h.client, { accountId: h.yen, amount: '-500', splits: [{ amount: '-250' }, { amount: '-249' }] }), 'BAD_USER_INPUT');
    expect(yen.errors[0].message).toMatch(/\b1\b/);
  });

  test.each([
    ['finer than the currency', () => ({ amount: '-100.00', splits: [{ amount: '-60.001' }, { amount: '-39.999' }] })],
    ['a fraction of a yen', (h: Household) => ({ accountId: h.yen, amount: '-500', splits: [{ amount: '-250.5' }, { amount: '-249.5' }] })],
    ['not money', () => ({ amount: '-100.00', splits: [{ amount: 'sixty' }, { amount: '-40.00' }] })],
    ['of 0', () => ({ amount: '-100.00', splits: [{ amount: '-100.00' }, { amount: '0.00' }] })],
    ['too many', () => ({ amount: decimalOf(-100 * (LIMITS.splits + 1)), splits: Array.from({ length: LIMITS.splits + 1 }, () => ({ amount: '-1.00' })) })],
    ['an unknown category', () => ({ amount: '-100.00', splits: [{ amount: '-60.00', categoryId: '999999' }, { amount: '-40.00' }] })],
    ['a transfer part to the same account', (h: Household) => ({ accountId: h.checking, amount: '-100.00', splits: [{ amount: '-60.00' }, { amount: '-40.00', transferAccountId: h.checking }] })],
    ['a transfer part across currencies', (h: Household) => ({ accountId: h.checking, amount: '-100.00', splits: [{ amount: '-60.00' }, { amount: '-40.00', transferAccountId: h.euro }] })],
    ['a transfer part with a category', (h: Household) => ({ accountId: h.checking, amount: '-100.00', splits: [{ amount: '-60.00' }, { amount: '-40.00', transferAccountId: h.savings, categoryId: h.groceries }] })],
    ['a transfer part to an unknown account', () => ({ amount: '-100.00', splits: [{ amount: '-60.00' }, { amount: '-40.00', transferAccountId: '999999' }] })],
  ] as [string, (h: Household) => Record<string, any>][])('a part %s is BAD_USER_INPUT', async (_name, input) => {
    const h = await household();
    await expectRefused(h.client, () => create(h.client, input(h)), 'BAD_USER_INPUT');
    const id = await rowOf(h.client, { accountId: input(h).accountId ?? h.cash, amount: input(h).amount });
    await expectRefused(h.client, () => h.client.gql(SET_SPLITS, { transactionId: id, splits: input(h).splits }), 'BAD_USER_INPUT');
  });

  test('another user’s category in a part is refused exactly like an unknown one', async () => {
    const h = await household();
    const theirs = await categoryOf((await signUp(running.baseUrl)).client, 'Theirs');
    const splitsWith = (categoryId: string) => [{ amount: '-60.00', categoryId }, { amount: '-40.00' }];
    const foreign = await expectRefused(h.client, () => create(h.client, { amount: '-100.00', splits: splitsWith(theirs) }), 'BAD_USER_INPUT');
    const unknown = await create(h.client, { amount: '-100.00', splits: splitsWith('999999') });
    expect(foreign.errors).toEqual(unknown.errors);
    const id = await rowOf(h.client, { amount: '-100.00' });
    const foreignSet = await expectRefused(h.client, () => h.client.gql(SET_SPLITS, { transactionId: id, splits: splitsWith(theirs) }), 'BAD_USER_INPUT');
    const unknownSet = await h.client.gql(SET_SPLITS, { transactionId: id, splits: splitsWith('999999') });
    expect(foreignSet.errors).toEqual(unknownSet.errors);
  });

  test('as many parts as the limit allows', async () => {
    const h = await household();
    const result = await create(h.client, { amount: decimalOf(-100 * LIMITS.splits), splits: Array.from({ length: LIMITS.splits }, () => ({ amount: '-1.00' })) });
    expect(result.errors).toBeUndefined();
    expect(result.data.createTransaction.splits).toHaveLength(LIMITS.splits);
  });

  test('a category on a split row is refused: its parts carry the categories', async () => {
    const h = await household();
    const created = (await create(h.client, { amount: '-100.00', splits: [{ amount: '-60.00', categoryId: h.groceries }, { amount: '-40.00' }] })).data.createTransaction;
    await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: created.id, input: { categoryId: h.pharmacy } }), 'BAD_USER_INPUT', 'categoryId');
  });

  test('deleting a category its parts use leaves those parts uncategorised, the row split', async () => {
    const h = await household();
    const created = (await create(h.client, { amount: '-10.00', splits: [{ amount: '-4.00', categoryId: h.pharmacy }, { amount: '-6.00', categoryId: h.groceries }] })).data.createTransaction;
    expect(await idsMatching(h.client, { uncategorized: true })).toEqual([]);
    await h.client.ok('mutation ($id: ID!) { deleteCategory(id: $id) }', { id: h.pharmacy });
    expect(partsOf((await getTransaction(h.client, created.id)).splits)).toEqual([
      { amount: '-4.00', category: null, notes: '' },
      { amount: '-6.00', category: h.groceries, notes: '' },
    ]);
    // Uncategorised, like a category, matches a split row by any part.
    expect(await idsMatching(h.client, { uncategorized: true })).toEqual([created.id]);
  });

  test('setSplits racing an amount change leaves parts that add up to the amount', async () => {
    const h = await household();
    for (let round = 0; round < 4; round += 1) {
      const id = await rowOf(h.client, { amount: '-100.00' });
      const results = await Promise.all([
        h.client.gql(SET_SPLITS, { transactionId: id, splits: [{ amount: '-60.00', categoryId: h.groceries }, { amount: '-40.00' }] }),
        h.client.gql(UPDATE_LEDGER_TRANSACTION, { id, input: { amount: '-120.00' } }),
      ]);
      for (const result of results) if (result.errors) expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(result));
      const row = await getTransaction(h.client, id);
      if (row.splits.length) expect(row.splits.reduce((sum: number, part: { amount: string }) => sum + cents(part.amount), 0)).toBe(cents(row.amount));
      else expect(row.amount).toBe('-120.00');
    }
  });

  test('the amount of a split row cannot change by updateTransaction; its other fields can', async () => {
    const h = await household();
    const created = (await create(h.client, { amount: '-100.00', splits: [{ amount: '-60.00', categoryId: h.groceries }, { amount: '-40.00' }] })).data.createTransaction;
    const refused = await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: created.id, input: { amount: '-120.00' } }), 'BAD_USER_INPUT', 'amount');
    expect(refused.errors[0].message).toMatch(/setSplits|split/i);
    const updated = (await h.client.ok(UPDATE_LEDGER_TRANSACTION, { id: created.id, input: { description: 'Corner shop', date: '2025-03-11' } })).updateTransaction;
    expect(updated).toMatchObject({ description: 'Corner shop', date: '2025-03-11', amount: '-100.00', splits: created.splits });
  });

  test('setSplits on a whole-row leg of a transfer is refused', async () => {
    const h = await household();
    const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '50.00' });
    for (const leg of [transfer.outflow, transfer.inflow]) {
      const half = decimalOf(cents(leg.amount) / 2);
      await expectRefused(h.client, () => h.client.gql(SET_SPLITS, { transactionId: leg.id, splits: [{ amount: half }, { amount: half }] }), 'BAD_USER_INPUT');
    }
  });

  test('deleting a split transaction deletes its parts', async () => {
    const h = await household();
    const created = (await create(h.client, { amount: '-100.00', splits: [{ amount: '-60.00', categoryId: h.groceries, notes: 'zucchini' }, { amount: '-40.00', categoryId: h.pharmacy }] })).data.createTransaction;
    const before = await storedSplitCount();
    expect((await h.client.ok(DELETE_WITH_LEG, { id: created.id })).deleteTransaction).toBe(true);
    expect(await storedSplitCount()).toBe(before - 2);
    expect(await idsMatching(h.client, { search: 'zucchini' })).toEqual([]);
    expect(await idsMatching(h.client, { categoryId: h.pharmacy })).toEqual([]);
    expect((await h.client.ok(DASHBOARD_TOTALS, { from: '2025-03-01', to: '2025-03-31' })).dashboard).toMatchObject({ expenses: '0.00', byCategory: [] });
  });
});

describe('a part that is a transfer: a paycheck split into salary and a transfer to savings', () => {
  let h: Household;
  let paycheck: any;
  beforeAll(async () => {
    h = await household();
    const result = await create(h.client, {
      accountId: h.checking,
      amount: '2500.00',
      description: 'ACME payroll',
      splits: [
        { amount: '3000.00', categoryId: h.salary, notes: 'March pay' },
        { amount: '-500.00', transferAccountId: h.savings, notes: 'to savings' },
      ],
    });
    expect(result.errors).toBeUndefined();
    paycheck = result.data.createTransaction;
  });

  test('the savings leg exists, and the part and the leg name the same transfer', async () => {
    const [salaryPart, transferPart] = paycheck.splits;
    expect(salaryPart).toMatchObject({ amount: '3000.00', category: { id: h.salary }, transfer: null });
    expect(transferPart).toMatchObject({ amount: '-500.00', category: null, notes: 'to savings' });
    expect(transferPart.transfer).toMatchObject({ outflow: { id: paycheck.id, account: { id: h.checking } }, inflow: { amount: '500.00', account: { id: h.savings } } });
    const leg = await getTransaction(h.client, transferPart.transfer.inflow.id);
    expect(leg).toMatchObject({ amount: '500.00', kind: 'TRANSFER', account: { id: h.savings }, category: null, splits: [] });
    expect(leg.transfer).toMatchObject({ id: transferPart.transfer.id, outflow: { id: paycheck.id }, inflow: { id: leg.id }, outflowSplit: { id: transferPart.id, amount: '-500.00' }, inflowSplit: null, rate: null });
    // The paycheck row itself is no whole-row leg: it counts by its sign.
    expect(paycheck.kind).toBe('INCOME');
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '3500.00', [h.savings]: '500.00' });
  });

  test('the dashboard counts the salary part only', async () => {
    const { dashboard } = await h.client.ok(DASHBOARD_TOTALS, { from: '2025-03-01', to: '2025-03-31' });
    expect(dashboard).toMatchObject({ income: '3000.00', expenses: '0.00', net: '3000.00' });
    expect(dashboard.byCategory).toEqual([{ category: { id: h.salary, name: 'Wages' }, total: '3000.00', count: 1 }]);
    expect(dashboard.monthly).toEqual([{ period: '2025-03', income: '3000.00', expenses: '0.00' }]);
  });

  test('kind TRANSFER lists the split row and the leg; INCOME and excludeTransfers the split row', async () => {
    const leg = paycheck.splits[1].transfer.inflow.id;
    expect(await idsMatching(h.client, { kind: 'TRANSFER' })).toEqual(sortIds([paycheck.id, leg]));
    expect(await idsMatching(h.client, { kind: 'INCOME' })).toEqual([paycheck.id]);
    expect(await idsMatching(h.client, { kind: 'EXPENSE' })).toEqual([]);
    expect(await idsMatching(h.client, { excludeTransfers: true })).toEqual([paycheck.id]);
  });

  test('moving the paycheck onto the savings account is refused', async () => {
    await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: paycheck.id, input: { accountId: h.savings } }), 'BAD_USER_INPUT');
  });

  test('setSplits on the savings leg is refused; deleting the paycheck takes the leg created with it', async () => {
    const leg = paycheck.splits[1].transfer.inflow.id;
    await expectRefused(h.client, () => h.client.gql(SET_SPLITS, { transactionId: leg, splits: [{ amount: '250.00' }, { amount: '250.00' }] }), 'BAD_USER_INPUT');
    expect((await h.client.ok(DELETE_WITH_LEG, { id: paycheck.id })).deleteTransaction).toBe(true);
    expect(codeOf(await h.client.gql('query ($id: ID!) { transaction(id: $id) { id } }', { id: leg }))).toBe('NOT_FOUND');
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '1000.00', [h.savings]: '0.00' });
  });
});

test('parts of both signs count by their own sign: a receipt with a refund on it', async () => {
  const h = await household();
  const refunds = await categoryOf(h.client, 'Refunds', 'INCOME');
  await create(h.client, { amount: '-100.00', splits: [{ amount: '-120.00', categoryId: h.groceries }, { amount: '20.00', categoryId: refunds }] });
  const { dashboard } = await h.client.ok(DASHBOARD_TOTALS, { from: '2025-03-01', to: '2025-03-31' });
  expect(dashboard).toMatchObject({ income: '20.00', expenses: '120.00', net: '-100.00', monthly: [{ period: '2025-03', income: '20.00', expenses: '120.00' }] });
  expect(dashboard.byCategory.map((row: any) => [row.category.name, row.total, row.count]).sort()).toEqual([['Food', '-120.00', 1], ['Refunds', '20.00', 1]]);
});

describe('the other leg of a transfer part', () => {
  const paycheckOf = async (h: Household) =>
    (
      await create(h.client, {
        accountId: h.checking,
        amount: '2500.00',
        splits: [{ amount: '3000.00', categoryId: h.salary }, { amount: '-500.00', transferAccountId: h.savings }],
      })
    ).data.createTransaction;
  const legOf = (paycheck: any): string => paycheck.splits[1].transfer.inflow.id;

  test.each([
    ['deleting the leg (by default)', async (h: Household, leg: string) => h.client.ok(DELETE_WITH_LEG, { id: leg })],
    ['deleting the leg, even with DELETE', async (h: Household, leg: string) => h.client.ok(DELETE_WITH_LEG, { id: leg, otherLeg: 'DELETE' })],
    ['deleting its account with its transactions', async (h: Household) => h.client.ok('mutation ($id: ID!) { deleteAccount(id: $id, deleteTransactions: true) }', { id: h.savings })],
  ])('%s leaves the paycheck whole, its part a plain part', async (_name, act) => {
    const h = await household();
    const paycheck = await paycheckOf(h);
    await act(h, legOf(paycheck));
    const after = await getTransaction(h.client, paycheck.id);
    expect(after.amount).toBe('2500.00');
    expect(after.splits.map((part: { amount: string; transfer: unknown }) => [part.amount, part.transfer])).toEqual([['3000.00', null], ['-500.00', null]]);
    expect((await balancesOf(h.client))[h.checking]).toBe('3500.00');
    // The part is now money out like any other.
    expect((await h.client.ok(DASHBOARD_TOTALS, { from: '2025-03-01', to: '2025-03-31' })).dashboard).toMatchObject({ income: '3000.00', expenses: '500.00' });
  });

  test('unsplitting the paycheck deletes the leg made with its transfer part', async () => {
    const h = await household();
    const paycheck = await paycheckOf(h);
    await h.client.ok(SET_SPLITS, { transactionId: paycheck.id, splits: [] });
    expect(codeOf(await h.client.gql('query ($id: ID!) { transaction(id: $id) { id } }', { id: legOf(paycheck) }))).toBe('NOT_FOUND');
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '3500.00', [h.savings]: '0.00' });
  });

  test('the leg’s amount follows its part: changing it on the leg is refused, setSplits moves both', async () => {
    const h = await household();
    const paycheck = await paycheckOf(h);
    await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: legOf(paycheck), input: { amount: '400.00' } }), 'BAD_USER_INPUT', 'amount');
    const resplit = (await h.client.ok(SET_SPLITS, { transactionId: paycheck.id, splits: [{ amount: '2900.00', categoryId: h.salary }, { amount: '-400.00', transferAccountId: h.savings }] })).setSplits;
    const leg = await getTransaction(h.client, resplit.splits[1].transfer.inflow.id);
    expect(leg).toMatchObject({ amount: '400.00', account: { id: h.savings } });
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '3500.00', [h.savings]: '400.00' });
    expect(await idsMatching(h.client, { accountId: h.savings })).toEqual([leg.id]);
  });
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

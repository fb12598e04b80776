import { LIMITS } from '@finance-tracker/common';
import { signUp } from './support/client';
import { codeOf } from './support/operations';
import { decimalOf } from './support/money';
import { startTestApp, type RunningApp } from './support/test-app';
import { createTransaction, expectRefused, splitHouseholdOf, type SplitHousehold } from './support/households';
import {
  balancesOf,
  categoryOf,
  cents,
  DASHBOARD_TOTALS,
  DELETE_WITH_LEG,
  getTransaction,
  idsMatching,
  rowOf,
  SET_SPLITS,
  transferOf,
  UPDATE_LEDGER_TRANSACTION,
} from './support/transfers';

/** Issue 17: a transaction split into parts, each with its amount, category and note, adding up to its amount exactly. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

type Household = SplitHousehold;
const household = () => splitHouseholdOf(running);
const create = createTransaction;
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

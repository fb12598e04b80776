import { codeOf } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { createTransaction, expectRefused, splitHouseholdOf, type SplitHousehold } from './support/households';
import {
  balancesOf,
  DASHBOARD_TOTALS,
  DELETE_WITH_LEG,
  getTransaction,
  idsMatching,
  SET_SPLITS,
  sortIds,
  UPDATE_LEDGER_TRANSACTION,
} from './support/transfers';

/** Issue 17: a part of a split transaction that moves money to another account (a paycheck split into salary and a transfer to savings). */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

type Household = SplitHousehold;
const household = () => splitHouseholdOf(running);
const create = createTransaction;

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

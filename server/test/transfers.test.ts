import { signUp, type ApiClient } from './support/client';
import { codeOf } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { expectBalancesMatchRows as expectBalancesExact, expectRefused, householdOf, type Household } from './support/households';
import {
  accountOf,
  balancesOf,
  categoryOf,
  CREATE_TRANSFER,
  DELETE_WITH_LEG,
  getTransaction,
  idsMatching,
  ledgerOf,
  LINK_TRANSFER,
  REJECT_SUGGESTION,
  rowOf,
  SET_SPLITS,
  SUGGESTION_OF,
  transferOf,
  UNLINK_TRANSFER,
  UPDATE_LEDGER_TRANSACTION,
  type Transfer,
} from './support/transfers';

/** Issue 17: money moved between two of the user's accounts is two real rows, linked. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const household = () => householdOf(running);
const expectBalancesMatchRows = (h: Household) => expectBalancesExact(running, h);

describe('createTransfer', () => {
  test('in one currency: two rows, opposite amounts, linked both ways, balances moved by exactly the amount', async () => {
    const h = await household();
    const before = await balancesOf(h.client);
    const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '250.00', description: 'To savings', notes: 'rainy day' });
    expect(transfer.rate).toBeNull();
    expect(transfer.outflowSplit).toBeNull();
    expect(transfer.inflowSplit).toBeNull();
    expect(transfer.outflow).toMatchObject({ amount: '-250.00', date: '2025-03-10', kind: 'TRANSFER', category: null, account: { id: h.checking }, transfer: { id: transfer.id } });
    expect(transfer.inflow).toMatchObject({ amount: '250.00', date: '2025-03-10', kind: 'TRANSFER', category: null, account: { id: h.savings }, transfer: { id: transfer.id } });
    for (const leg of [transfer.outflow, transfer.inflow]) expect(leg).toMatchObject({ description: 'To savings', notes: 'rainy day' });

    // Each leg is a real row of its account, and says which transfer it is.
    for (const leg of [transfer.outflow, transfer.inflow]) {
      const read = await getTransaction(h.client, leg.id);
      expect(read.transfer).toMatchObject({ id: transfer.id, outflow: { id: transfer.outflow.id }, inflow: { id: transfer.inflow.id } });
      expect(read.kind).toBe('TRANSFER');
      expect(read.splits).toEqual([]);
    }
    expect(await balancesOf(h.client)).toEqual({ ...before, [h.checking]: '750.00', [h.savings]: '250.00' });
    const { accounts } = await h.client.ok('{ accounts { id transactionCount } }');
    expect(Object.fromEntries(accounts.map((a: any) => [a.id, a.transactionCount]))).toEqual({ [h.cash]: 0, [h.checking]: 1, [h.savings]: 1, [h.euro]: 0 });
    await expectBalancesMatchRows(h);
  });

  test('across currencies: inflowAmount is required, each leg keeps its own amount, the rate is their ratio', async () => {
    const h = await household();
    await expectRefused(h.client, () => h.client.gql(CREATE_TRANSFER, { input: { fromAccountId: h.checking, toAccountId: h.euro, date: '2025-03-10', amount: '250.00' } }), 'BAD_USER_INPUT', 'inflowAmount');
    const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.euro, amount: '250.00', inflowAmount: '230.00' });
    expect(transfer.outflow).toMatchObject({ amount: '-250.00', account: { id: h.checking, currency: 'USD' } });
    expect(transfer.inflow).toMatchObject({ amount: '230.00', account: { id: h.euro, currency: 'EUR' } });
    // Inflow per unit of outflow: 230 / 250.
    expect(transfer.rate).not.toBeNull();
    expect(Number(transfer.rate)).toBeCloseTo(0.92, 6);
    const balances = await balancesOf(h.client);
    expect([balances[h.checking], balances[h.euro]]).toEqual(['750.00', '230.00']);
  });

  test('in one currency an inflowAmount other than the amount is refused (an equal one is taken as said twice)', async () => {
    const h = await household();
    const input = { fromAccountId: h.checking, toAccountId: h.savings, date: '2025-03-10', amount: '250.00' };
    await expectRefused(h.client, () => h.client.gql(CREATE_TRANSFER, { input: { ...input, inflowAmount: '240.00' } }), 'BAD_USER_INPUT', 'inflowAmount');
    const same = await transferOf(h.client, { ...input, inflowAmount: '250.0' });
    expect([same.outflow.amount, same.inflow.amount]).toEqual(['-250.00', '250.00']);
  });

  test('inflowDate: the money arrives later than it left', async () => {
    const h = await household();
    const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '80.00', date: '2025-03-28', inflowDate: '2025-04-01' });
    expect(transfer.outflow.date).toBe('2025-03-28');
    expect(transfer.inflow.date).toBe('2025-04-01');
    // Without a description each leg names the other account.
    expect(transfer.outflow.description).toBe('Transfer to Savings');
    expect(transfer.inflow.description).toBe('Transfer from Checking');
  });

  test('a retry with the same clientMutationId answers the same transfer; with another input it is a CONFLICT', async () => {
    const h = await household();
    const input = { fromAccountId: h.checking, toAccountId: h.savings, date: '2025-03-10', amount: '70.00', clientMutationId: 'a2b5c1e0-transfer' };
    const first = await transferOf(h.client, input);
    const again = await transferOf(h.client, input);
    expect(again).toEqual(first);
    await expectRefused(h.client, () => h.client.gql(CREATE_TRANSFER, { input: { ...input, amount: '71.00' } }), 'CONFLICT');
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '930.00', [h.savings]: '70.00' });
  });

  describe('bad input is refused and changes nothing', () => {
    let h: Household;
    let foreignAccount: string;
    beforeAll(async () => {
      h = await household();
      const other = (await signUp(running.baseUrl)).client;
      foreignAccount = await accountOf(other, 'Theirs');
    });
    const input = (override: (h: Household) => Record<string, unknown>) => ({ fromAccountId: h.checking, toAccountId: h.savings, date: '2025-03-10', amount: '10.00', ...override(h) });

    test.each([
      ['the same account', (x: Household) => ({ toAccountId: x.checking }), undefined],
      ['a zero amount', () => ({ amount: '0.00' }), 'amount'],
      ['a negative amount', () => ({ amount: '-10.00' }), 'amount'],
      ['an amount finer than the currency', () => ({ amount: '10.001' }), 'amount'],
      ['a negative inflowAmount across currencies', (x: Household) => ({ toAccountId: x.euro, inflowAmount: '-9.00' }), 'inflowAmount'],
      ['a zero inflowAmount across currencies', (x: Household) => ({ toAccountId: x.euro, inflowAmount: '0' }), 'inflowAmount'],
      ['an unknown from-account', () => ({ fromAccountId: '999999' }), 'fromAccountId'],
      ['an unknown to-account', () => ({ toAccountId: '999999' }), 'toAccountId'],
      ['a bad inflowDate', () => ({ inflowDate: '2025-02-30' }), 'inflowDate'],
      ['money arriving before it left', () => ({ inflowDate: '2025-03-09' }), 'inflowDate'],
    ])('%s', async (_name, override, field) => {
      await expectRefused(h.client, () => h.client.gql(CREATE_TRANSFER, { input: input(override) }), 'BAD_USER_INPUT', field);
    });

    test('another user’s account, on either side, is refused exactly like an unknown one', async () => {
      for (const side of ['fromAccountId', 'toAccountId']) {
        const foreign = await expectRefused(h.client, () => h.client.gql(CREATE_TRANSFER, { input: input(() => ({ [side]: foreignAccount })) }), 'BAD_USER_INPUT', side);
        const unknown = await h.client.gql(CREATE_TRANSFER, { input: input(() => ({ [side]: '999999' })) });
        expect(foreign.errors).toEqual(unknown.errors);
      }
    });
  });
});

describe('linkTransfer and unlinkTransfer', () => {
  test('two rows with opposite amounts in one currency become a transfer; their categories are cleared, balances stay', async () => {
    const h = await household();
    const food = await categoryOf(h.client, 'Food');
    const pay = await categoryOf(h.client, 'Pay', 'INCOME');
    const out = await rowOf(h.client, { accountId: h.checking, amount: '-100.00', categoryId: food, description: 'ATM' });
    const into = await rowOf(h.client, { accountId: h.savings, amount: '100.00', categoryId: pay, date: '2025-03-12' });
    const before = await balancesOf(h.client);
    const transfer: Transfer = (await h.client.ok(LINK_TRANSFER, { outflowId: out, inflowId: into })).linkTransfer;
    expect(transfer).toMatchObject({ rate: null, outflow: { id: out, amount: '-100.00', kind: 'TRANSFER', category: null }, inflow: { id: into, amount: '100.00', kind: 'TRANSFER', category: null } });
    expect(transfer.inflow.date).toBe('2025-03-12');
    expect(transfer.outflow.description).toBe('ATM');
    expect((await getTransaction(h.client, out)).transfer.id).toBe(transfer.id);
    expect((await getTransaction(h.client, into)).transfer.id).toBe(transfer.id);
    expect(await balancesOf(h.client)).toEqual(before);
  });

  test('across currencies any amounts link (out < 0 < in)', async () => {
    const h = await household();
    const out = await rowOf(h.client, { accountId: h.checking, amount: '-100.00' });
    const into = await rowOf(h.client, { accountId: h.euro, amount: '91.37' });
    const transfer: Transfer = (await h.client.ok(LINK_TRANSFER, { outflowId: out, inflowId: into })).linkTransfer;
    expect(transfer.outflow.amount).toBe('-100.00');
    expect(transfer.inflow.amount).toBe('91.37');
    expect(Number(transfer.rate)).toBeCloseTo(0.9137, 6);
  });

  test('refused, changing nothing: amounts not opposite in one currency, the wrong way round, one account, a row already a leg', async () => {
    const h = await household();
    const out = await rowOf(h.client, { accountId: h.checking, amount: '-100.00' });
    const almost = await rowOf(h.client, { accountId: h.savings, amount: '90.00' });
    const into = await rowOf(h.client, { accountId: h.savings, amount: '100.00' });
    const sameAccount = await rowOf(h.client, { accountId: h.checking, amount: '100.00' });
    const euroOut = await rowOf(h.client, { accountId: h.euro, amount: '-5.00' });
    const link = (outflowId: string, inflowId: string) => () => h.client.gql(LINK_TRANSFER, { outflowId, inflowId });
    await expectRefused(h.client, link(out, almost), 'BAD_USER_INPUT');
    await expectRefused(h.client, link(into, out), 'BAD_USER_INPUT');
    await expectRefused(h.client, link(out, sameAccount), 'BAD_USER_INPUT');
    await expectRefused(h.client, link(out, out), 'BAD_USER_INPUT');
    // Across currencies the signs still say which leg is which.
    await expectRefused(h.client, link(euroOut, out), 'BAD_USER_INPUT');

    await h.client.ok(LINK_TRANSFER, { outflowId: out, inflowId: into });
    const another = await rowOf(h.client, { accountId: h.cash, amount: '-100.00' });
    await expectRefused(h.client, link(another, into), 'BAD_USER_INPUT');
    const leg = await transferOf(h.client, { fromAccountId: h.cash, toAccountId: h.savings, amount: '100.00' });
    const fresh = await rowOf(h.client, { accountId: h.checking, amount: '100.00' });
    await expectRefused(h.client, link(leg.outflow.id, fresh), 'BAD_USER_INPUT');
    // A split row is no whole-row leg: its transfer is one of its parts.
    const split = await rowOf(h.client, { accountId: h.savings, amount: '100.00' });
    await h.client.ok(SET_SPLITS, { transactionId: split, splits: [{ amount: '60.00' }, { amount: '40.00' }] });
    const spent = await rowOf(h.client, { accountId: h.cash, amount: '-100.00' });
    await expectRefused(h.client, link(spent, split), 'BAD_USER_INPUT');
  });

  test('unlinkTransfer leaves two plain rows of their accounts', async () => {
    const h = await household();
    const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '40.00' });
    const before = await balancesOf(h.client);
    expect((await h.client.ok(UNLINK_TRANSFER, { id: transfer.id })).unlinkTransfer).toBe(true);
    const out = await getTransaction(h.client, transfer.outflow.id);
    const into = await getTransaction(h.client, transfer.inflow.id);
    expect(out).toMatchObject({ transfer: null, kind: 'EXPENSE', amount: '-40.00', account: { id: h.checking } });
    expect(into).toMatchObject({ transfer: null, kind: 'INCOME', amount: '40.00', account: { id: h.savings } });
    expect(await balancesOf(h.client)).toEqual(before);
    expect(codeOf(await h.client.gql(UNLINK_TRANSFER, { id: transfer.id }))).toBe('NOT_FOUND');
    // Plain rows again: they can be linked anew.
    await h.client.ok(LINK_TRANSFER, { outflowId: out.id, inflowId: into.id });
  });
});

describe('updateTransaction on a leg', () => {
  let h: Household;
  let transfer: Transfer;
  beforeEach(async () => {
    h = await household();
    transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '250.00', description: 'Move' });
  });
  const update = (id: string, input: Record<string, unknown>) => h.client.ok(UPDATE_LEDGER_TRANSACTION, { id, input });

  test('a new amount on either leg is mirrored on the other, and both balances follow', async () => {
    await update(transfer.outflow.id, { amount: '-300.00' });
    expect((await getTransaction(h.client, transfer.inflow.id)).amount).toBe('300.00');
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '700.00', [h.savings]: '300.00' });
    await update(transfer.inflow.id, { amount: '120.00' });
    expect((await getTransaction(h.client, transfer.outflow.id)).amount).toBe('-120.00');
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '880.00', [h.savings]: '120.00' });
    await expectBalancesMatchRows(h);
  });

  test('a sign change swaps outflow and inflow', async () => {
    const updated = (await update(transfer.outflow.id, { amount: '40.00' })).updateTransaction;
    expect(updated.amount).toBe('40.00');
    expect(updated.transfer).toMatchObject({ id: transfer.id, outflow: { id: transfer.inflow.id, amount: '-40.00', account: { id: h.savings } }, inflow: { id: transfer.outflow.id, amount: '40.00', account: { id: h.checking } } });
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '1040.00', [h.savings]: '-40.00' });
  });

  test('date, description and notes change only this leg', async () => {
    await update(transfer.inflow.id, { date: '2025-03-13', description: 'Arrived', notes: 'late' });
    const out = await getTransaction(h.client, transfer.outflow.id);
    const into = await getTransaction(h.client, transfer.inflow.id);
    expect(out).toMatchObject({ date: '2025-03-10', description: 'Move', notes: '' });
    expect(into).toMatchObject({ date: '2025-03-13', description: 'Arrived', notes: 'late', amount: '250.00' });
  });

  test('a category on a leg is refused', async () => {
    const food = await categoryOf(h.client, 'Food');
    const result = await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.outflow.id, input: { categoryId: food } }), 'BAD_USER_INPUT', 'categoryId');
    expect(result.errors[0].message).toMatch(/transfer\b.*has no category/i);
  });

  test('moving a leg onto the other leg’s account is refused; onto a third account of the currency it moves', async () => {
    await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.outflow.id, input: { accountId: h.savings } }), 'BAD_USER_INPUT', 'accountId');
    await update(transfer.outflow.id, { accountId: h.cash });
    expect((await getTransaction(h.client, transfer.outflow.id)).transfer.outflow.account.id).toBe(h.cash);
    expect(await balancesOf(h.client)).toMatchObject({ [h.cash]: '-250.00', [h.checking]: '1000.00', [h.savings]: '250.00' });
  });

  test('an amount of 0 on a leg is refused', async () => {
    await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.inflow.id, input: { amount: '0.00' } }), 'BAD_USER_INPUT', 'amount');
  });

  test('moving a leg into another currency needs its new amount; the legs then keep their own amounts', async () => {
    await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.inflow.id, input: { accountId: h.euro } }), 'BAD_USER_INPUT', 'amount');
    const moved = (await update(transfer.inflow.id, { accountId: h.euro, amount: '230.00' })).updateTransaction;
    expect(moved.transfer).toMatchObject({ outflow: { amount: '-250.00', account: { id: h.checking } }, inflow: { amount: '230.00', account: { id: h.euro } } });
    expect(Number(moved.transfer.rate)).toBeCloseTo(0.92, 6);
    await update(transfer.inflow.id, { amount: '231.00' });
    expect((await getTransaction(h.client, transfer.outflow.id)).amount).toBe('-250.00');
  });

  test('across currencies an amount changes only its own leg, and a sign change is refused', async () => {
    const fx = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.euro, amount: '100.00', inflowAmount: '92.00' });
    await update(fx.outflow.id, { amount: '-101.00' });
    const read = await getTransaction(h.client, fx.inflow.id);
    expect(read.amount).toBe('92.00');
    expect(Number(read.transfer.rate)).toBeCloseTo(92 / 101, 6);
    // Nothing says what the other leg would become in its own currency.
    await expectRefused(h.client, () => h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: fx.inflow.id, input: { amount: '-92.00' } }), 'BAD_USER_INPUT');
  });
});

describe('deleteTransaction on a leg', () => {
  const exists = async (client: ApiClient, id: string) => codeOf(await client.gql('query ($id: ID!) { transaction(id: $id) { id } }', { id })) !== 'NOT_FOUND';

  test.each([
    ['created together, by default: both go', 'created', undefined, false],
    ['created together, DELETE: both go', 'created', 'DELETE', false],
    ['created together, UNLINK: the other stays', 'created', 'UNLINK', true],
    ['linked from two rows, by default: the other stays', 'linked', undefined, true],
    ['linked from two rows, DELETE: both go', 'linked', 'DELETE', false],
    ['linked from two rows, UNLINK: the other stays', 'linked', 'UNLINK', true],
  ])('%s', async (_name, origin, otherLeg, otherStays) => {
    const h = await household();
    const transfer =
      origin === 'created'
        ? await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '60.00' })
        : (
            await h.client.ok(LINK_TRANSFER, {
              outflowId: await rowOf(h.client, { accountId: h.checking, amount: '-60.00' }),
              inflowId: await rowOf(h.client, { accountId: h.savings, amount: '60.00' }),
            })
          ).linkTransfer;
    const variables = otherLeg ? { id: transfer.inflow.id, otherLeg } : { id: transfer.inflow.id };
    expect((await h.client.ok(DELETE_WITH_LEG, variables)).deleteTransaction).toBe(true);
    expect(await exists(h.client, transfer.inflow.id)).toBe(false);
    expect(await exists(h.client, transfer.outflow.id)).toBe(otherStays);
    if (otherStays) expect(await getTransaction(h.client, transfer.outflow.id)).toMatchObject({ transfer: null, kind: 'EXPENSE', amount: '-60.00' });
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: otherStays ? '940.00' : '1000.00', [h.savings]: '0.00' });
    await expectBalancesMatchRows(h);
  });

  test('otherLeg on a row that is no leg is ignored', async () => {
    const h = await household();
    const id = await rowOf(h.client, { amount: '-1.00' });
    expect((await h.client.ok(DELETE_WITH_LEG, { id, otherLeg: 'DELETE' })).deleteTransaction).toBe(true);
    expect(await exists(h.client, id)).toBe(false);
  });
});

describe('another user’s ids', () => {
  test('are NOT_FOUND (ids in inputs BAD_USER_INPUT) and change nothing of the owner’s', async () => {
    const owner = await household();
    const transfer = await transferOf(owner.client, { fromAccountId: owner.checking, toAccountId: owner.savings, amount: '42.00' });
    const out = await rowOf(owner.client, { accountId: owner.checking, amount: '-9.00', date: '2025-03-11' });
    const into = await rowOf(owner.client, { accountId: owner.savings, amount: '9.00', date: '2025-03-11' });
    const intruder = await household();
    const mine = await rowOf(intruder.client, { accountId: intruder.checking, amount: '-9.00', date: '2025-03-11' });
    const before = await ledgerOf(owner.client);

    const attempts: [string, () => Promise<any>, string][] = [
      ['link two of the owner’s rows', () => intruder.client.gql(LINK_TRANSFER, { outflowId: out, inflowId: into }), 'NOT_FOUND'],
      ['link a row of mine to the owner’s', () => intruder.client.gql(LINK_TRANSFER, { outflowId: mine, inflowId: into }), 'NOT_FOUND'],
      ['unlink', () => intruder.client.gql(UNLINK_TRANSFER, { id: transfer.id }), 'NOT_FOUND'],
      ['update a leg', () => intruder.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.outflow.id, input: { amount: '-1.00' } }), 'NOT_FOUND'],
      ['move my row onto the owner’s account', () => intruder.client.gql(UPDATE_LEDGER_TRANSACTION, { id: mine, input: { accountId: owner.savings } }), 'BAD_USER_INPUT'],
      ['delete a leg and the other', () => intruder.client.gql(DELETE_WITH_LEG, { id: transfer.inflow.id, otherLeg: 'DELETE' }), 'NOT_FOUND'],
      ['reject a suggestion', () => intruder.client.gql(REJECT_SUGGESTION, { transactionId: out, suggestedId: into }), 'NOT_FOUND'],
      ['split the owner’s row', () => intruder.client.gql(SET_SPLITS, { transactionId: out, splits: [{ amount: '-4.00' }, { amount: '-5.00' }] }), 'NOT_FOUND'],
      ['read a leg', () => intruder.client.gql('query ($id: ID!) { transaction(id: $id) { id transfer { id } } }', { id: transfer.inflow.id }), 'NOT_FOUND'],
      [
        'transfer from the owner’s account',
        () => intruder.client.gql(CREATE_TRANSFER, { input: { fromAccountId: owner.checking, toAccountId: intruder.savings, date: '2025-03-10', amount: '5.00' } }),
        'BAD_USER_INPUT',
      ],
      [
        'transfer into the owner’s account',
        () => intruder.client.gql(CREATE_TRANSFER, { input: { fromAccountId: intruder.checking, toAccountId: owner.savings, date: '2025-03-10', amount: '5.00' } }),
        'BAD_USER_INPUT',
      ],
      [
        'split with a transfer part to the owner’s account',
        () => intruder.client.gql(SET_SPLITS, { transactionId: mine, splits: [{ amount: '-4.00' }, { amount: '-5.00', transferAccountId: owner.savings }] }),
        'BAD_USER_INPUT',
      ],
    ];
    for (const [name, attempt, code] of attempts) {
      const result = await attempt();
      expect({ name, code: codeOf(result) }).toEqual({ name, code });
      expect(JSON.stringify(result.data ?? null)).not.toContain('42.00');
    }
    expect(await ledgerOf(owner.client)).toEqual(before);
    // The intruder's own row is as it was, and their lists show nothing of the owner's.
    expect(await getTransaction(intruder.client, mine)).toMatchObject({ amount: '-9.00', transfer: null, splits: [] });
    expect(await idsMatching(intruder.client, { kind: 'TRANSFER' })).toEqual([]);
    expect((await intruder.client.ok(SUGGESTION_OF, { id: mine })).transaction.transferSuggestion).toBeNull();
  });
});

import { signUp, type ApiClient } from './support/client';
import { codeOf, fieldOf } from './support/operations';
import { decimalOf } from './support/money';
import { startTestApp, type RunningApp } from './support/test-app';
import {
  accountOf,
  balancesOf,
  categoryOf,
  cents,
  CREATE_TRANSFER,
  DASHBOARD_TOTALS,
  DELETE_WITH_LEG,
  FILTERED_TOTALS,
  getTransaction,
  idsMatching,
  ledgerOf,
  LINK_TRANSFER,
  REJECT_SUGGESTION,
  rowOf,
  SET_SPLITS,
  sortIds,
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

interface Household {
  client: ApiClient;
  userId: number;
  cash: string;
  checking: string;
  savings: string;
  euro: string;
}

/** A USD user with Cash (the first account), Checking (opening 1000.00), Savings and a Euro account. */
async function household(): Promise<Household> {
  const { client, user } = await signUp(running.baseUrl, { currency: 'USD' });
  const cash = (await client.ok('{ accounts { id } }')).accounts[0].id;
  const checking = await accountOf(client, 'Checking', { openingBalance: '1000.00' });
  const savings = await accountOf(client, 'Savings');
  const euro = await accountOf(client, 'Euro', { currency: 'EUR' });
  return { client, userId: Number(user.id), cash, checking, savings, euro };
}

/** Opening balance plus the sum of the rows, per account, straight from the tables. */
async function balancesInDatabase(userId: number): Promise<Record<string, number>> {
  expect(Number.isInteger(userId)).toBe(true);
  const rows: { id: unknown; opening: unknown; total: unknown }[] = await running.app.dataSource.query(
    `SELECT a.id AS id, a.opening_balance AS opening, (SELECT COALESCE(SUM(t.amount), 0) FROM transactions t WHERE t.account_id = a.id) AS total
     FROM accounts a WHERE a.user_id = ${userId}`,
  );
  return Object.fromEntries(rows.map(({ id, opening, total }) => [String(id), Number(opening) + Number(total)]));
}

async function expectBalancesMatchRows(h: Household): Promise<void> {
  const fromApi = Object.fromEntries(Object.entries(await balancesOf(h.client)).map(([id, balance]) => [id, cents(balance)]));
  expect(fromApi).toEqual(await balancesInDatabase(h.userId));
}

/** A refused operation: the code (and field) it answers, and nothing of the user's changed. */
async function expectRefused(client: ApiClient, operation: () => Promise<any>, code: string, field?: string): Promise<any> {
  const before = await ledgerOf(client);
  const result = await operation();
  expect(codeOf(result)).toBe(code);
  if (field) expect(fieldOf(result)).toBe(field);
  expect(await ledgerOf(client)).toEqual(before);
  return result;
}

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

describe('transferSuggestion', () => {
  const suggestionOf = async (client: ApiClient, id: string) => (await client.ok(SUGGESTION_OF, { id })).transaction.transferSuggestion?.id ?? null;

  test('a row on another account with the opposite amount, same currency, within 4 days, nearest first', async () => {
    const h = await household();
    const spent = await rowOf(h.client, { accountId: h.checking, amount: '-75.00', date: '2025-03-10' });
    const threeDays = await rowOf(h.client, { accountId: h.savings, amount: '75.00', date: '2025-03-13' });
    const oneDay = await rowOf(h.client, { accountId: h.savings, amount: '75.00', date: '2025-03-09' });
    // None of these is offered: beyond 4 days, not opposite, the same account, another currency, the same sign.
    await rowOf(h.client, { accountId: h.savings, amount: '75.00', date: '2025-03-15' });
    await rowOf(h.client, { accountId: h.savings, amount: '74.99', date: '2025-03-10' });
    await rowOf(h.client, { accountId: h.checking, amount: '75.00', date: '2025-03-10' });
    await rowOf(h.client, { accountId: h.euro, amount: '75.00', date: '2025-03-10' });
    await rowOf(h.client, { accountId: h.cash, amount: '-75.00', date: '2025-03-06' });

    expect(await suggestionOf(h.client, spent)).toBe(oneDay);
    expect(await suggestionOf(h.client, oneDay)).toBe(spent);

    // Rejected pairs are remembered: the next nearest is offered, and the rejected one never again.
    const answered = (await h.client.ok(REJECT_SUGGESTION, { transactionId: spent, suggestedId: oneDay })).rejectTransferSuggestion;
    expect(answered).toMatchObject({ id: spent, transferSuggestion: { id: threeDays, amount: '75.00', date: '2025-03-13', account: { id: h.savings } } });
    expect(await suggestionOf(h.client, spent)).toBe(threeDays);
    expect(await suggestionOf(h.client, oneDay)).not.toBe(spent);
    await h.client.ok(REJECT_SUGGESTION, { transactionId: spent, suggestedId: threeDays });
    expect(await suggestionOf(h.client, spent)).toBeNull();
  });

  test('exactly 4 days apart is within', async () => {
    const h = await household();
    const spent = await rowOf(h.client, { accountId: h.checking, amount: '-12.00', date: '2025-02-27' });
    const later = await rowOf(h.client, { accountId: h.savings, amount: '12.00', date: '2025-03-03' });
    expect(await suggestionOf(h.client, spent)).toBe(later);
  });

  test('legs are offered nothing and are never offered; a row once linked is not offered to another', async () => {
    const h = await household();
    const first = await rowOf(h.client, { accountId: h.checking, amount: '-50.00', date: '2025-03-10' });
    const second = await rowOf(h.client, { accountId: h.cash, amount: '-50.00', date: '2025-03-11' });
    const arrived = await rowOf(h.client, { accountId: h.savings, amount: '50.00', date: '2025-03-10' });
    expect(await suggestionOf(h.client, arrived)).toBe(first);
    await h.client.ok(LINK_TRANSFER, { outflowId: first, inflowId: arrived });
    expect(await suggestionOf(h.client, first)).toBeNull();
    expect(await suggestionOf(h.client, arrived)).toBeNull();
    expect(await suggestionOf(h.client, second)).toBeNull();

    const leg = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '33.00' });
    const lookalike = await rowOf(h.client, { accountId: h.cash, amount: '33.00' });
    expect(await suggestionOf(h.client, lookalike)).toBeNull();
    expect(await suggestionOf(h.client, leg.outflow.id)).toBeNull();
  });

  test('a split row is offered nothing', async () => {
    const h = await household();
    const food = await categoryOf(h.client, 'Food');
    const split = await rowOf(h.client, { accountId: h.checking, amount: '-20.00' });
    await h.client.ok(SET_SPLITS, { transactionId: split, splits: [{ amount: '-15.00', categoryId: food }, { amount: '-5.00' }] });
    const lookalike = await rowOf(h.client, { accountId: h.savings, amount: '20.00' });
    expect(await suggestionOf(h.client, split)).toBeNull();
    expect(await suggestionOf(h.client, lookalike)).toBeNull();
  });

  test('rejecting with another user’s row, on either side, is NOT_FOUND', async () => {
    const h = await household();
    const spent = await rowOf(h.client, { accountId: h.checking, amount: '-75.00' });
    const other = (await signUp(running.baseUrl)).client;
    const theirs = await rowOf(other, { amount: '75.00' });
    expect(codeOf(await h.client.gql(REJECT_SUGGESTION, { transactionId: spent, suggestedId: theirs }))).toBe('NOT_FOUND');
    expect(codeOf(await h.client.gql(REJECT_SUGGESTION, { transactionId: theirs, suggestedId: spent }))).toBe('NOT_FOUND');
  });
});

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

describe('concurrent edits of both legs', () => {
  test('both legs end consistent: opposite amounts, balances equal to the sum of the rows', async () => {
    const h = await household();
    const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '100.00' });
    for (let round = 1; round <= 6; round += 1) {
      const outflowAmount = decimalOf(-(10_000 + round * 111));
      const inflowAmount = decimalOf(20_000 + round * 7);
      const results = await Promise.all([
        h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.outflow.id, input: { amount: outflowAmount } }),
        h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.inflow.id, input: { amount: inflowAmount } }),
      ]);
      // Either may lose a race as a CONFLICT, never as a broken pair.
      for (const result of results) if (result.errors) expect(codeOf(result)).toBe('CONFLICT');
      expect(results.some((result) => !result.errors)).toBe(true);
      const out = await getTransaction(h.client, transfer.outflow.id);
      const into = await getTransaction(h.client, transfer.inflow.id);
      expect(cents(out.amount)).toBe(-cents(into.amount));
      expect([outflowAmount, decimalOf(-cents(inflowAmount))]).toContain(out.amount);
      expect(out.transfer.id).toBe(transfer.id);
      expect(into.transfer.id).toBe(transfer.id);
      await expectBalancesMatchRows(h);
    }
  });

  test('a sign change on one leg racing an amount on the other still leaves one outflow and one inflow', async () => {
    const h = await household();
    const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '100.00' });
    const results = await Promise.all([
      h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.outflow.id, input: { amount: '25.00' } }),
      h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: transfer.inflow.id, input: { amount: '130.00' } }),
    ]);
    for (const result of results) if (result.errors) expect(codeOf(result)).toBe('CONFLICT');
    const read = (await getTransaction(h.client, transfer.outflow.id)).transfer;
    expect(cents(read.outflow.amount)).toBeLessThan(0);
    expect(cents(read.inflow.amount)).toBe(-cents(read.outflow.amount));
    expect(sortIds([read.outflow.id, read.inflow.id])).toEqual(sortIds([transfer.outflow.id, transfer.inflow.id]));
    await expectBalancesMatchRows(h);
  });
});

describe('racing for one row, deleting both legs at once', () => {
  test('two links racing for one row: one wins, the row is the leg of one transfer', async () => {
    const h = await household();
    for (let round = 0; round < 4; round += 1) {
      const into = await rowOf(h.client, { accountId: h.savings, amount: '33.00' });
      const outs = [await rowOf(h.client, { accountId: h.checking, amount: '-33.00' }), await rowOf(h.client, { accountId: h.cash, amount: '-33.00' })];
      const results = await Promise.all(outs.map((outflowId) => h.client.gql(LINK_TRANSFER, { outflowId, inflowId: into })));
      const won = results.filter((result) => !result.errors);
      expect(won).toHaveLength(1);
      for (const result of results) if (result.errors) expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(result));
      const winner = won[0].data.linkTransfer;
      expect((await getTransaction(h.client, into)).transfer.id).toBe(winner.id);
      const loser = outs.find((id) => id !== winner.outflow.id)!;
      expect(await getTransaction(h.client, loser)).toMatchObject({ transfer: null, kind: 'EXPENSE' });
    }
    await expectBalancesMatchRows(h);
  });

  test('a link racing an edit of one of its rows leaves a transfer with opposite amounts and no category', async () => {
    const h = await household();
    const food = await categoryOf(h.client, 'Food');
    for (let round = 0; round < 4; round += 1) {
      const out = await rowOf(h.client, { accountId: h.checking, amount: '-33.00' });
      const into = await rowOf(h.client, { accountId: h.savings, amount: '33.00' });
      const results = await Promise.all([
        h.client.gql(LINK_TRANSFER, { outflowId: out, inflowId: into }),
        h.client.gql(UPDATE_LEDGER_TRANSACTION, { id: out, input: { amount: '-50.00', categoryId: food } }),
      ]);
      for (const result of results) if (result.errors) expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(result));
      const read = await getTransaction(h.client, out);
      if (read.transfer) {
        expect({ round, out: read.transfer.outflow.amount, in: read.transfer.inflow.amount, category: read.category }).toEqual({
          round,
          out: read.transfer.outflow.amount,
          in: decimalOf(-cents(read.transfer.outflow.amount)),
          category: null,
        });
      }
    }
    await expectBalancesMatchRows(h);
  });

  test('a link racing the deletion of one of its rows leaves no half transfer', async () => {
    const h = await household();
    for (let round = 0; round < 4; round += 1) {
      const out = await rowOf(h.client, { accountId: h.checking, amount: '-33.00' });
      const into = await rowOf(h.client, { accountId: h.savings, amount: '33.00' });
      const results = await Promise.all([h.client.gql(LINK_TRANSFER, { outflowId: out, inflowId: into }), h.client.gql(DELETE_WITH_LEG, { id: out, otherLeg: 'UNLINK' })]);
      for (const result of results) if (result.errors) expect(['NOT_FOUND', 'CONFLICT']).toContain(codeOf(result));
      const left = await getTransaction(h.client, into);
      expect({ round, left: [left.kind, left.transfer] }).toEqual({ round, left: ['INCOME', null] });
      expect(await idsMatching(h.client, { kind: 'TRANSFER' })).toEqual([]);
    }
    await expectBalancesMatchRows(h);
  });

  test('deleting both legs at once: both go, nothing is left half-linked', async () => {
    const h = await household();
    for (let round = 0; round < 4; round += 1) {
      const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.savings, amount: '11.00' });
      const results = await Promise.all([transfer.inflow.id, transfer.outflow.id].map((id) => h.client.gql(DELETE_WITH_LEG, { id, otherLeg: 'DELETE' })));
      for (const result of results) if (result.errors) expect(codeOf(result)).toBe('NOT_FOUND');
      expect(results.some((result) => result.data?.deleteTransaction === true)).toBe(true);
      expect(await idsMatching(h.client, {})).toEqual([]);
    }
    expect(await balancesOf(h.client)).toMatchObject({ [h.checking]: '1000.00', [h.savings]: '0.00' });
    await expectBalancesMatchRows(h);
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

import { codeOf } from './support/operations';
import { decimalOf } from './support/money';
import { startTestApp, type RunningApp } from './support/test-app';
import { expectBalancesMatchRows as expectBalancesExact, householdOf, type Household } from './support/households';
import {
  balancesOf,
  categoryOf,
  cents,
  DELETE_WITH_LEG,
  getTransaction,
  idsMatching,
  LINK_TRANSFER,
  rowOf,
  sortIds,
  transferOf,
  UPDATE_LEDGER_TRANSACTION,
} from './support/transfers';

/** Issue 17: concurrent changes of a transfer's legs (and of rows being linked) leave every transfer whole and every balance exact. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const household = () => householdOf(running);
const expectBalancesMatchRows = (h: Household) => expectBalancesExact(running, h);

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

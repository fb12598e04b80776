import { signUp, type ApiClient } from './support/client';
import { codeOf } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { householdOf } from './support/households';
import {
  categoryOf,
  LINK_TRANSFER,
  REJECT_SUGGESTION,
  rowOf,
  SET_SPLITS,
  SUGGESTION_OF,
  transferOf,
} from './support/transfers';

/** Issue 17: a row on another account that looks like this one's other leg is offered (transferSuggestion), and a rejected pair never again. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const household = () => householdOf(running);

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

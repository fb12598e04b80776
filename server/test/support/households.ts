import { expect } from '@jest/globals';
import { signUp, type ApiClient } from './client';
import { codeOf, fieldOf } from './operations';
import type { RunningApp } from './test-app';
import { accountOf, balancesOf, categoryOf, cents, CREATE_LEDGER_TRANSACTION, ledgerOf } from './transfers';

/** The households the issue-17 tests (transfer*.test.ts, split*.test.ts) start from, and what they check after a change. */
export interface Household {
  client: ApiClient;
  userId: number;
  cash: string;
  checking: string;
  savings: string;
  euro: string;
}

/** A USD user with Cash (the first account), Checking (opening 1000.00), Savings and a Euro account. */
export async function householdOf(running: RunningApp): Promise<Household> {
  const { client, user } = await signUp(running.baseUrl, { currency: 'USD' });
  const cash = (await client.ok('{ accounts { id } }')).accounts[0].id;
  const checking = await accountOf(client, 'Checking', { openingBalance: '1000.00' });
  const savings = await accountOf(client, 'Savings');
  const euro = await accountOf(client, 'Euro', { currency: 'EUR' });
  return { client, userId: Number(user.id), cash, checking, savings, euro };
}

/** Opening balance plus the sum of the rows, per account, straight from the tables. */
async function balancesInDatabase(running: RunningApp, userId: number): Promise<Record<string, number>> {
  expect(Number.isInteger(userId)).toBe(true);
  const rows: { id: unknown; opening: unknown; total: unknown }[] = await running.app.dataSource.query(
    `SELECT a.id AS id, a.opening_balance AS opening, (SELECT COALESCE(SUM(t.amount), 0) FROM transactions t WHERE t.account_id = a.id) AS total
     FROM accounts a WHERE a.user_id = ${userId}`,
  );
  return Object.fromEntries(rows.map(({ id, opening, total }) => [String(id), Number(opening) + Number(total)]));
}

/** Each balance the API answers equals the opening balance plus the account's rows. */
export async function expectBalancesMatchRows(running: RunningApp, h: Household): Promise<void> {
  const fromApi = Object.fromEntries(Object.entries(await balancesOf(h.client)).map(([id, balance]) => [id, cents(balance)]));
  expect(fromApi).toEqual(await balancesInDatabase(running, h.userId));
}

/** A refused operation: the code (and field) it answers, and nothing of the user's changed. */
export async function expectRefused(client: ApiClient, operation: () => Promise<any>, code: string, field?: string): Promise<any> {
  const before = await ledgerOf(client);
  const result = await operation();
  expect(codeOf(result)).toBe(code);
  if (field) expect(fieldOf(result)).toBe(field);
  expect(await ledgerOf(client)).toEqual(before);
  return result;
}

/** The split tests' household: USD, with accounts in three currencies and three categories of its own. */
export interface SplitHousehold {
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

export async function splitHouseholdOf(running: RunningApp): Promise<SplitHousehold> {
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

/** createTransaction (on 2025-03-10 unless said), answered whole: data or errors. */
export function createTransaction(client: ApiClient, input: Record<string, unknown>) {
  return client.gql(CREATE_LEDGER_TRANSACTION, { input: { date: '2025-03-10', ...input } });
}

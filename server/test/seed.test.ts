import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freshBackendEnvironment } from './support/backends';
import { ApiClient } from './support/client';
import { startTestApp } from './support/test-app';

/**
 * scripts/seed.mjs, run as a developer runs it (needs server/dist, which `npm test -w server`
 * builds first), fills the configured database: the seeded users sign in through the app and
 * see exactly what was written, receipts included.
 */
const SEED_SCRIPT = path.resolve(__dirname, '../../scripts/seed.mjs');
const PASSWORD = 'seeded household password 2026';

test('scripts/seed fills the configured database with users who sign in and see what was seeded', async () => {
  const environment: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'finance-seed-')),
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...(await freshBackendEnvironment()),
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SEED_SCRIPT, '--users', '2', '--transactions', '3000', '--receipts', '0.01', '--years', '3'],
    { env: { ...process.env, ...environment } },
  );
  expect(stdout).toContain('seed-1@example.com: 3000 transactions, 30 receipts');
  expect(stdout).toContain('seed-2@example.com: 3000 transactions, 30 receipts');

  const running = await startTestApp({}, environment);
  try {
    const client = new ApiClient(running.baseUrl);
    await client.ok('mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { id } }', {
      email: 'seed-2@example.com',
      password: PASSWORD,
    });
    const { accounts, transactions } = await client.ok(`{
      accounts { id transactionCount balance openingBalance }
      transactions(first: 200, filter: { from: "2000-01-01" }) { totalCount edges { node { id date amount receipts { url contentType } } } }
    }`);
    expect(transactions.totalCount).toBe(3000);
    expect(accounts).toHaveLength(4);
    expect(accounts.reduce((sum: number, account: { transactionCount: number }) => sum + account.transactionCount, 0)).toBe(3000);

    // Every balance is the exact sum of the account's rows, as the database itself adds them.
    const sums: { accountId: number; total: string }[] = await running.app.dataSource.query(
      `SELECT account_id AS "accountId", CAST(SUM(amount) AS TEXT) AS total FROM transactions GROUP BY account_id`,
    );
    for (const account of accounts) {
      const row = sums.find((sum) => Number(sum.accountId) === Number(account.id));
      expect(BigInt(account.balance.replace('.', ''))).toBe(BigInt(account.openingBalance.replace('.', '')) + BigInt(row?.total ?? 0));
    }

    // The history has transfers between the accounts and split purchases, as a household's does.
    const kinds = await client.ok(`{
      transfers: transactions(first: 2, filter: { kind: TRANSFER }) { totalCount edges { node { amount transfer { outflow { amount account { id } } inflow { amount account { id } } } } } }
      all: transactions(first: 200, filter: { from: "2000-01-01" }) { edges { node { amount splits { amount category { name } } } } }
    }`);
    expect(kinds.transfers.totalCount).toBeGreaterThan(20);
    expect(kinds.transfers.totalCount % 2).toBe(0);
    for (const { node } of kinds.transfers.edges) {
      expect(node.transfer.outflow.amount).toBe(`-${node.transfer.inflow.amount}`);
      expect(node.transfer.outflow.account.id).not.toBe(node.transfer.inflow.account.id);
    }
    const split = kinds.all.edges.map((edge: { node: { amount: string; splits: { amount: string }[] } }) => edge.node).filter((node: { splits: unknown[] }) => node.splits.length);
    expect(split.length).toBeGreaterThan(0);
    for (const node of split) expect(node.splits.reduce((sum: bigint, part: { amount: string }) => sum + BigInt(part.amount.replace('.', '')), 0n)).toBe(BigInt(node.amount.replace('.', '')));

    // Newest first, and a seeded receipt downloads like an uploaded one.
    const dates = transactions.edges.map((edge: { node: { date: string } }) => edge.node.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const withReceipt: { id: string }[] = await running.app.dataSource.query(
      `SELECT r.id FROM receipts r JOIN users u ON u.id = r.user_id WHERE u.email = 'seed-2@example.com' ORDER BY r.id LIMIT 1`,
    );
    const download = await client.fetch(`/receipts/${withReceipt[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');

    // The database still keeps the totals itself after seeding: a write through the API moves them.
    const account = accounts[0];
    await client.ok('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', {
      input: { accountId: account.id, date: '2024-05-01', amount: '-1.25', description: 'After seeding' },
    });
    const [after] = (await client.ok('{ accounts { id transactionCount balance } }')).accounts.filter((item: { id: string }) => item.id === account.id);
    expect(after.transactionCount).toBe(account.transactionCount + 1);
    expect(BigInt(after.balance.replace('.', ''))).toBe(BigInt(account.balance.replace('.', '')) - 125n);
  } finally {
    await running.destroy();
  }
}, 120_000);

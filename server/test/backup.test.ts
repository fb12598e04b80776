import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, dropDatabase } from '../../test-kit/services.cjs';
import { backend } from './support/backends';
import { receiptFiles } from './support/fixtures';
import { countsOf, downloadBackup, restoreBackup, snapshotOf, unzipAll, zipAll } from './support/backups';
import { SET_BUDGET, SET_ROLLOVER } from './support/budgets';
import { ApiClient, signUp } from './support/client';
import { codeOf, CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION, LIST_ACCOUNTS, LIST_CATEGORIES, UPDATE_ACCOUNT, UPLOAD_RECEIPT } from './support/operations';
import { ownerScope } from '../src/db/owner-scope';
import { starterCategories } from '../src/modules/categories/starter-categories';
import { CREATE_RULE, importCsv } from './support/rules';
import { CREATE_TRANSFER, SET_SPLITS } from './support/transfers';
import { startTestApp, type RunningApp } from './support/test-app';

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp({ LOG_LEVEL: 'error' });
});
afterAll(() => running.destroy());

/**
 * A user with one of everything a backup holds: accounts in two currencies besides the starter
 * "Cash", categories (starter ones and their own, one rolling over), plain, split, transfer and
 * imported transactions, receipts, rules, budgets and an account's CSV mapping.
 */
async function userWithEverything(baseUrl: string) {
  const { client, user } = await signUp(baseUrl);
  const account = async (input: object) => (await client.ok(CREATE_ACCOUNT, { input })).createAccount.id as string;
  const checking = await account({ name: 'Checking', currency: 'USD', openingBalance: '1000.25' });
  const savings = await account({ name: 'Savings', currency: 'EUR', openingBalance: '50.00' });
  const wallet = await account({ name: 'Wallet', currency: 'USD' });
  const category = async (input: object) => (await client.ok(CREATE_CATEGORY, { input })).createCategory.id as string;
  const starters = Object.fromEntries((await client.ok(LIST_CATEGORIES)).categories.map((row: { id: string; name: string }) => [row.name, row.id]));
  const groceries = starters.Groceries as string;
  const salary = starters.Salary as string;
  const rent = await category({ name: 'Holidays', kind: 'EXPENSE', color: '#ff0000' });
  await category({ name: 'Gifts', kind: 'INCOME', color: '#0000ff' });
  await client.ok(SET_ROLLOVER, { categoryId: rent, rollover: true });
  const transaction = async (input: object) => (await client.ok(CREATE_TRANSACTION, { input })).createTransaction.id as string;
  const lunch = await transaction({ accountId: checking, date: '2025-05-01', amount: '-20.01', description: 'Lunch', notes: 'with Bob', categoryId: groceries });
  await transaction({ accountId: checking, date: '2025-05-02', amount: '3000.00', description: 'Pay', categoryId: salary });
  await transaction({ accountId: savings, date: '2025-05-03', amount: '-0.99', description: 'Fee' });
  const market = await transaction({ accountId: checking, date: '2025-05-04', amount: '-100.00', description: 'Market' });
  await client.ok(SET_SPLITS, {
    transactionId: market,
    splits: [
      { amount: '-60.00', categoryId: groceries, notes: 'food' },
      { amount: '-25.00', categoryId: rent, notes: 'share' },
      { amount: '-15.00', transferAccountId: wallet, notes: 'to cash' },
    ],
  });
  await client.ok(CREATE_TRANSFER, { input: { fromAccountId: checking, toAccountId: savings, date: '2025-05-05', amount: '100.00', inflowAmount: '91.37' } });
  await client.ok(CREATE_TRANSFER, { input: { fromAccountId: checking, toAccountId: wallet, date: '2025-05-06', amount: '40.00' } });
  for (const file of [receiptFiles.jpeg, receiptFiles.pdf]) {
    const uploaded = await client.upload(UPLOAD_RECEIPT, { transactionId: lunch }, file);
    expect(uploaded.errors).toBeUndefined();
  }
  const rule = async (input: object) => client.ok(CREATE_RULE, { input });
  await rule({ name: 'Coffee', conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: 'coffee' }, { field: 'ACCOUNT', operator: 'IS', value: checking }], actions: [{ type: 'SET_CATEGORY', value: groceries }] });
  await rule({ name: 'Tidy', conditions: [{ field: 'DESCRIPTION', operator: 'STARTS_WITH', value: 'pos ' }], actions: [{ type: 'SET_DESCRIPTION', value: 'Card' }] });
  await client.ok(SET_BUDGET, { month: '2025-05', categoryId: groceries, amount: '300.00' });
  await client.ok(SET_BUDGET, { month: '2025-06', categoryId: rent, amount: '1200.50' });
  await importCsv(client, checking, ['Date,Amount,Description', '2025-05-20,-3.50,Coffee shop', '2025-05-21,-7.25,POS Bakery']);
  return { client, userId: Number(user.id) };
}

/** What a new user has from sign-up, which a restore merges into by name (keeping the user's own rows as they are). */
const STARTER_NAMES = new Set(['Cash', ...starterCategories.map((category) => category.name)]);
const snapshot = (userId: number, app = running) => snapshotOf(app.app.dataSource, app.app.storage, userId, STARTER_NAMES);
const counts = (userId: number, app = running) => countsOf(app.app.dataSource, app.app.storage, userId);

test('a backup restored into a new user gives back every row and every receipt byte for byte', async () => {
  const source = await userWithEverything(running.baseUrl);
  const response = await source.client.fetch('/backup');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/zip');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?finance-backup-\d{4}-\d{2}-\d{2}\.zip"?$/);
  const archive = Buffer.from(await response.arrayBuffer());
  const files = await unzipAll(archive);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  expect(manifest).toMatchObject({ format: 'finance-tracker-backup', version: 1, currency: 'USD' });
  expect(manifest.counts).toEqual({ accounts: 4, categories: 12, transactions: 11, splits: 3, transfers: 3, receipts: 2, rules: 2, budgets: 2, importProfiles: 1 });
  // Money is exact in the archive: integer minor units as strings.
  expect(files.get('accounts.ndjson')!.toString('utf8')).toContain('"openingBalance":"100025"');

  const target = await signUp(running.baseUrl);
  const targetId = Number(target.user.id);
  const restored = await restoreBackup(target.client, archive);
  expect(restored.errors).toBeUndefined();
  const report = restored.data.restoreBackup;
  expect(report).toMatchObject({ dryRun: false, formatVersion: 1 });
  // The starter account and categories are merged by name; everything else is created.
  const merged: Record<string, number> = { accounts: 1, categories: starterCategories.length };
  for (const [kind, count] of Object.entries(manifest.counts as Record<string, number>)) {
    expect({ kind, ...report[kind] }).toEqual({ kind, created: count - (merged[kind] ?? 0), skipped: merged[kind] ?? 0 });
  }

  const [original, copy] = [await snapshot(source.userId), await snapshot(targetId)];
  expect(copy).toEqual(original);
  expect(copy.receipts).toHaveLength(2);
  expect(copy.transactions).toHaveLength(11);
});

test('a dry run reports what a restore would create, and creates nothing', async () => {
  const source = await userWithEverything(running.baseUrl);
  const archive = await downloadBackup(source.client);
  const target = await signUp(running.baseUrl);
  const before = await counts(Number(target.user.id));
  const dry = await restoreBackup(target.client, archive, true);
  expect(dry.errors).toBeUndefined();
  expect(await counts(Number(target.user.id))).toEqual(before);
  const real = await restoreBackup(target.client, archive);
  expect(real.data.restoreBackup).toEqual({ ...dry.data.restoreBackup, dryRun: false });
});

test('restoring the same backup twice, or into its own user, creates no duplicates', async () => {
  const source = await userWithEverything(running.baseUrl);
  const archive = await downloadBackup(source.client);
  const before = await snapshot(source.userId);
  const again = await restoreBackup(source.client, archive);
  expect(again.errors).toBeUndefined();
  for (const [kind, count] of Object.entries(again.data.restoreBackup)) {
    if (typeof count === 'object') expect({ kind, created: (count as { created: number }).created }).toEqual({ kind, created: 0 });
  }
  expect(await snapshot(source.userId)).toEqual(before);

  const target = await signUp(running.baseUrl);
  await restoreBackup(target.client, archive);
  const once = await snapshot(Number(target.user.id));
  const twice = await restoreBackup(target.client, archive);
  expect(twice.data.restoreBackup.transactions).toEqual({ created: 0, skipped: 11 });
  expect(await snapshot(Number(target.user.id))).toEqual(once);
});

describe('an archive that is not a good backup is refused by name, and nothing changes', () => {
  let archive: Buffer;
  let files: Map<string, Buffer>;
  beforeAll(async () => {
    archive = await downloadBackup((await userWithEverything(running.baseUrl)).client);
    files = await unzipAll(archive);
  });

  const edited = (edit: (files: Map<string, Buffer>) => void) => {
    const copy = new Map(files);
    edit(copy);
    return zipAll(copy);
  };
  const withLine = (file: string, line: number, change: (row: Record<string, unknown>) => void) =>
    edited((copy) => {
      const lines = copy.get(file)!.toString('utf8').split('\n');
      const row = JSON.parse(lines[line - 1]);
      change(row);
      lines[line - 1] = JSON.stringify(row);
      copy.set(file, Buffer.from(lines.join('\n')));
    });
  const withManifest = (change: (manifest: Record<string, unknown>) => void) =>
    edited((copy) => {
      const manifest = JSON.parse(copy.get('manifest.json')!.toString('utf8'));
      change(manifest);
      copy.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    });

  test.each([
    ['a corrupt zip', async () => archive.subarray(0, archive.length - 200), /not a zip archive, or it is damaged/],
    ['a file that is no zip at all', async () => Buffer.from('hello, not a zip'), /not a zip archive/],
    ['a foreign zip without a manifest', async () => zipAll(new Map([['notes.txt', Buffer.from('hi')]])), /a file that is not of a backup|no manifest\.json/],
    ['a backup without its manifest', async () => edited((copy) => copy.delete('manifest.json')), /no manifest\.json/],
    ['a garbled manifest', async () => edited((copy) => copy.set('manifest.json', Buffer.from('{"format": "finance-tr'))), /manifest\.json is not valid JSON/],
    ['another program’s manifest', async () => withManifest((manifest) => (manifest.format = 'other-app')), /not a backup of this app/],
    ['a manifest of a newer format', async () => withManifest((manifest) => (manifest.version = 2)), /made by a newer version/],
    ['a manifest without a version', async () => withManifest((manifest) => delete manifest.version), /^manifest\.json: version is not a positive integer\.$/],
    ['a manifest whose counts disagree', async () => withManifest((manifest) => ((manifest.counts as Record<string, number>).transactions = 9)), /transactions\.ndjson holds 11 rows, the manifest says 9/],
    ['an amount that is not an integer', async () => withLine('transactions.ndjson', 3, (row) => (row.amount = '-0.99')), /^transactions\.ndjson line 3: amount is not an integer\.$/],
    ['an amount as a JSON number', async () => withLine('transactions.ndjson', 2, (row) => (row.amount = 300000)), /^transactions\.ndjson line 2: amount is not an integer\.$/],
    ['a reference to a missing account', async () => withLine('transactions.ndjson', 1, (row) => (row.accountId = 999)), /^transactions\.ndjson line 1: accountId 999 is not in accounts\.ndjson\.$/],
    ['a line that is not JSON', async () => edited((copy) => copy.set('budgets.ndjson', Buffer.from('{"id":1,\n{}\n'))), /^budgets\.ndjson line 1: is not valid JSON\.$/],
    ['a changed receipt file', async () => edited((copy) => copy.set([...copy.keys()].find((name) => name.startsWith('receipts/'))!, receiptFiles.png.body)), /size or sha256 differ/],
    ['an unknown field', async () => withLine('accounts.ndjson', 1, (row) => (row.owner = 'me')), /^accounts\.ndjson line 1: has a field that is not of the format: owner\.$/],
  ])('%s', async (_name, make, message) => {
    const target = await signUp(running.baseUrl);
    const before = await counts(Number(target.user.id));
    const result = await restoreBackup(target.client, await make());
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(message);
    expect(await counts(Number(target.user.id))).toEqual(before);
  });

  test('a failure after the receipts were stored leaves no rows and no stored files', async () => {
    // The backup's budgets are in USD, the user's currency is EUR: the restore fails at the budgets,
    // after every other row was written and the receipts' files stored.
    const target = await signUp(running.baseUrl, { currency: 'EUR' });
    const { accounts } = await target.client.ok(LIST_ACCOUNTS);
    await target.client.ok(UPDATE_ACCOUNT, { id: accounts[0].id, input: { name: 'Purse' } });
    const before = await counts(Number(target.user.id));
    const result = await restoreBackup(target.client, archive);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/^The backup's budgets are in USD, and your currency is EUR/);
    expect(await counts(Number(target.user.id))).toEqual(before);
  });

  test('an account of the same name in another currency is refused before anything is written', async () => {
    const target = await signUp(running.baseUrl);
    await target.client.ok(CREATE_ACCOUNT, { input: { name: 'Savings', currency: 'USD' } });
    const before = await counts(Number(target.user.id));
    const result = await restoreBackup(target.client, archive);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/^accounts\.ndjson line 3: you already have an account called “Savings” in USD; the backup's is in EUR\.$/);
    expect(await counts(Number(target.user.id))).toEqual(before);
  });
});

test('GET /backup serves only the signed-in user’s own data, and nothing to the signed out', async () => {
  await userWithEverything(running.baseUrl);
  expect((await new ApiClient(running.baseUrl).fetch('/backup')).status).toBe(401);
  const other = await signUp(running.baseUrl);
  const files = await unzipAll(await downloadBackup(other.client));
  // Only what sign-up gave them: none of the first user's rows.
  expect(JSON.parse(files.get('manifest.json')!.toString('utf8')).counts).toEqual({
    accounts: 1, categories: starterCategories.length, transactions: 0, splits: 0, transfers: 0, receipts: 0, rules: 0, budgets: 0, importProfiles: 0,
  });
  expect(files.get('accounts.ndjson')!.toString('utf8')).toMatch(/^\{"id":\d+,"name":"Cash",[^\n]*\n$/);
  expect([...files.keys()].filter((name) => name.startsWith('receipts/'))).toEqual([]);
});

/**
 * The app on the other database of this run's: Postgres (receipts on disk) when the suite runs on
 * SQLite, SQLite (receipts on disk) when it runs on the services. Started here beside the suite's.
 */
async function startOtherBackend(): Promise<{ app: RunningApp; drop: () => Promise<void> }> {
  const environment: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'finance-test-')),
    LOG_LEVEL: 'error',
    PORT: '0',
    RATE_LIMIT_REGISTER_PER_IP: '100000',
    RATE_LIMIT_LOGIN_PER_IP: '100000',
  };
  if (backend === 'services') return { app: await startTestApp({}, environment), drop: async () => undefined };
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `ft_backup_${process.pid}_${Date.now().toString(36)}`;
  environment.DATABASE_URL = await createDatabase(adminUrl, name);
  return { app: await startTestApp({}, environment), drop: () => dropDatabase(adminUrl, name) };
}

test('a backup moves from SQLite to Postgres and back (or the other way) with every row and file unchanged', async () => {
  const other = await startOtherBackend();
  try {
    expect(other.app.app.dataSource.options.type).not.toBe(running.app.dataSource.options.type);
    const source = await userWithEverything(running.baseUrl);
    const original = await snapshot(source.userId);

    const there = await signUp(other.app.baseUrl);
    const archive = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-backup-'));
    const firstFile = path.join(archive, 'first.zip');
    fs.writeFileSync(firstFile, await downloadBackup(source.client));
    const restoredThere = await restoreBackup(there.client, fs.readFileSync(firstFile));
    expect(restoredThere.errors).toBeUndefined();
    expect(await snapshot(Number(there.user.id), other.app)).toEqual(original);

    const back = await signUp(running.baseUrl);
    const restoredBack = await restoreBackup(back.client, await downloadBackup(there.client));
    expect(restoredBack.errors).toBeUndefined();
    expect(await snapshot(Number(back.user.id))).toEqual(original);
    fs.rmSync(archive, { recursive: true, force: true });
  } finally {
    await other.app.destroy();
    await other.drop();
  }
});

test('a backup is one moment of the data: what the user changes while it downloads is not in it, and nothing it has goes missing', async () => {
  const { client, user } = await signUp(running.baseUrl);
  const account = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Busy', currency: 'USD' } })).createAccount.id as string;
  const scope = ownerScope(Number(user.id));
  const count = 20_000;
  // Text that does not compress, so the archive is megabytes and the server waits on the client.
  for (let start = 0; start < count; start += 5000) {
    await running.app.services.transactions.insertBatch(
      scope,
      Array.from({ length: 5000 }, (_, i) => ({
        accountId: Number(account), categoryId: null, date: '2026-02-01', amount: -BigInt(start + i + 1), description: `Row ${start + i} ${randomBytes(150).toString('hex')}`, notes: '',
      })),
    );
  }
  const ids = (await client.ok('{ transactions(first: 1) { edges { node { id } } } }')).transactions.edges as { node: { id: string } }[];
  const last = ids[0].node.id;

  const response = await client.fetch('/backup');
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [(await reader.read()).value!];
  // Written after the backup began: a new category with a transaction in it, and the newest row deleted.
  const category = (await client.ok(CREATE_CATEGORY, { input: { name: 'Added later', kind: 'EXPENSE' } })).createCategory.id as string;
  await client.ok(CREATE_TRANSACTION, { input: { accountId: account, date: '2026-03-01', amount: '-1.00', description: 'Added later', categoryId: category } });
  await client.ok('mutation ($id: ID!) { deleteTransaction(id: $id) }', { id: last });
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(chunk.value);
  expect(chunks.length).toBeGreaterThan(10);

  const files = await unzipAll(Buffer.concat(chunks));
  const rows = (name: string) => files.get(name)!.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: number; description?: string; name?: string });
  const transactions = rows('transactions.ndjson');
  expect(transactions).toHaveLength(count);
  expect(transactions.some((row) => row.id === Number(last))).toBe(true);
  expect(transactions.some((row) => row.description === 'Added later')).toBe(false);
  expect(rows('categories.ndjson').some((row) => row.name === 'Added later')).toBe(false);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { counts: { transactions: number } };
  expect(manifest.counts.transactions).toBe(count);
  // The backup let its moment go: the next one has the changes.
  const next = await unzipAll(await downloadBackup(client));
  expect(next.get('transactions.ndjson')!.toString('utf8').trim().split('\n')).toHaveLength(count);
  expect(next.get('categories.ndjson')!.toString('utf8')).toContain('Added later');
});

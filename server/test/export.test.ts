import { parse } from 'csv-parse/sync';
import { ownerScope } from '../src/db/owner-scope';
import { parseCsv } from '../src/modules/imports/parsers/csv';
import { ApiClient, signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import { CREATE_TRANSACTION, DELETE_TRANSACTION, UPDATE_TRANSACTION, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { accountOf, categoryOf, CREATE_TRANSFER } from './support/transfers';

const HEADER = ['Id', 'Parent id', 'Date', 'Account', 'Amount', 'Currency', 'Category', 'Description', 'Imported description', 'Notes', 'Transfer account', 'Receipts'];
const IDS = `query ($filter: TransactionFilter, $after: String) {
  transactions(first: 200, filter: $filter, after: $after) { edges { node { id amount } } pageInfo { hasNextPage endCursor } } }`;
const PREVIEW = `mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) {
  id newCount duplicateCount matchedCount invalidCount csvMapping { dateColumn amountColumn descriptionColumn notesColumn externalIdColumn }
  rows(first: 100) { edges { node { line status error amount } } } } }`;
const COMMIT = 'mutation ($previewId: ID!) { commitImport(previewId: $previewId) { createdCount } }';
const SPLIT_ROWS = `query ($filter: TransactionFilter) { transactions(first: 200, filter: $filter) { edges { node {
  id amount description notes category { name } splits { amount notes category { name } } } } } }`;

type Line = Record<string, string>;

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

/** The export as the signed-in client downloads it: status, headers and text. */
async function download(client: ApiClient, format: 'csv' | 'json', query: Record<string, string> = {}) {
  const response = await client.fetch(`/export/transactions.${format}?${new URLSearchParams(query).toString()}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function csvLines(client: ApiClient, query: Record<string, string> = {}): Promise<Line[]> {
  const { status, text } = await download(client, 'csv', query);
  expect(status).toBe(200);
  const records: string[][] = parse(text);
  const [header, ...rows] = records;
  expect(header).toEqual(HEADER);
  return rows.map((row) => Object.fromEntries(HEADER.map((name, index) => [name, row[index]])));
}

/** Every transaction the `transactions` query lists for the filter, as id → amount, in its order. */
async function listed(client: ApiClient, filter: Record<string, unknown> | null): Promise<[string, string][]> {
  const all: [string, string][] = [];
  for (let after: string | null = null; ; ) {
    const { transactions }: { transactions: { edges: { node: { id: string; amount: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await client.ok(IDS, { filter, after });
    all.push(...transactions.edges.map(({ node }: { node: { id: string; amount: string } }) => [node.id, node.amount] as [string, string]));
    if (!transactions.pageInfo.hasNextPage) return all;
    after = transactions.pageInfo.endCursor;
  }
}

const wholeRows = (lines: Line[]) => lines.filter((line) => line['Parent id'] === '').map((line) => [line.Id, line.Amount]);

/** A user with three accounts (one in yen), categories, a split with a transfer part, a transfer and a receipt. */
async function household() {
  const { client } = await signUp(running.baseUrl, { currency: 'USD' });
  const checking = await accountOf(client, 'Checking', { currency: 'USD' });
  const savings = await accountOf(client, 'Savings', { currency: 'USD' });
  const wallet = await accountOf(client, 'Yen wallet', { currency: 'JPY' });
  const food = await categoryOf(client, 'Snacks');
  const fun = await categoryOf(client, 'Hobbies');
  const salary = await categoryOf(client, 'Paycheck', 'INCOME');
  const create = async (input: Record<string, unknown>) => (await client.ok(CREATE_TRANSACTION, { input })).createTransaction.id as string;
  const ids = {
    coffee: await create({ accountId: checking, date: '2026-03-01', amount: '-12.34', description: 'Coffee beans', notes: 'weekly, "fresh"', categoryId: food }),
    salary: await create({ accountId: checking, date: '2026-03-02', amount: '2500', description: 'ACME salary', categoryId: salary }),
    supermarket: await create({
      accountId: checking, date: '2026-03-03', amount: '-100', description: 'Supermarket',
      splits: [{ amount: '-60', categoryId: food, notes: 'groceries' }, { amount: '-40', categoryId: fun, notes: 'toys' }],
    }),
    ramen: await create({ accountId: wallet, date: '2026-03-05', amount: '-1250', description: 'Ramen', categoryId: food }),
    parking: await create({ accountId: checking, date: '2026-03-06', amount: '-5', description: 'Parking' }),
    mixed: await create({
      accountId: checking, date: '2026-03-07', amount: '-300', description: 'Mixed',
      splits: [{ amount: '-250', categoryId: fun }, { amount: '-50', transferAccountId: savings, notes: 'put aside' }],
    }),
  };
  const transfer = (await client.ok(CREATE_TRANSFER, { input: { fromAccountId: checking, toAccountId: savings, date: '2026-03-04', amount: '200', description: 'To savings' } })).createTransfer;
  const receipt = await client.upload(UPLOAD_RECEIPT, { transactionId: ids.parking }, receiptFiles.png);
  expect(receipt.errors).toBeUndefined();
  return { client, accounts: { checking, savings, wallet }, categories: { food, fun, salary }, ids, transfer: { outflow: transfer.outflow.id as string, inflow: transfer.inflow.id as string } };
}

let home: Awaited<ReturnType<typeof household>>;
beforeAll(async () => {
  home = await household();
  // Another user's rows never show in the first user's export.
  const { client: stranger } = await signUp(running.baseUrl);
  const account = await accountOf(stranger, 'Checking');
  await stranger.ok(CREATE_TRANSACTION, { input: { accountId: account, date: '2026-03-03', amount: '-1', description: 'Not yours' } });
});

test('the CSV has every transaction in the list’s order, money exact in each currency, parts, transfers and receipts', async () => {
  const { client, ids, transfer } = home;
  const lines = await csvLines(client);
  expect(wholeRows(lines)).toEqual(await listed(client, null));
  expect(lines.some((line) => line.Description === 'Not yours')).toBe(false);
  const byId = (id: string) => lines.find((line) => line.Id === id && line['Parent id'] === '')!;

  expect(byId(ids.coffee)).toEqual({
    Id: ids.coffee, 'Parent id': '', Date: '2026-03-01', Account: 'Checking', Amount: '-12.34', Currency: 'USD', Category: 'Snacks',
    Description: 'Coffee beans', 'Imported description': '', Notes: 'weekly, "fresh"', 'Transfer account': '', Receipts: '',
  });
  expect(byId(ids.salary)).toMatchObject({ Amount: '2500.00', Category: 'Paycheck' });
  expect(byId(ids.ramen)).toMatchObject({ Account: 'Yen wallet', Amount: '-1250', Currency: 'JPY' });
  expect(byId(ids.parking)).toMatchObject({ Amount: '-5.00', Category: '', Receipts: 'scan.png' });
  expect(byId(transfer.outflow)).toMatchObject({ Account: 'Checking', Amount: '-200.00', 'Transfer account': 'Savings' });
  expect(byId(transfer.inflow)).toMatchObject({ Account: 'Savings', Amount: '200.00', 'Transfer account': 'Checking' });

  // A split transaction's line, then one line per part, which names it as its parent.
  const at = lines.indexOf(byId(ids.supermarket));
  expect(lines.slice(at, at + 3).map((line) => [line['Parent id'], line.Amount, line.Category, line.Notes])).toEqual([
    ['', '-100.00', '', ''],
    [ids.supermarket, '-60.00', 'Snacks', 'groceries'],
    [ids.supermarket, '-40.00', 'Hobbies', 'toys'],
  ]);
  const mixed = lines.indexOf(byId(ids.mixed));
  expect(lines.slice(mixed + 1, mixed + 3).map((line) => [line['Parent id'], line.Amount, line.Category, line['Transfer account']])).toEqual([
    [ids.mixed, '-250.00', 'Hobbies', ''],
    [ids.mixed, '-50.00', '', 'Savings'],
  ]);
  // The part's other leg, in Savings, names Checking.
  expect(lines.find((line) => line.Account === 'Savings' && line.Amount === '50.00')).toMatchObject({ 'Transfer account': 'Checking' });
});

test('the CSV comes as a dated attachment; JSON is an array of the same lines', async () => {
  const { client } = home;
  const csv = await download(client, 'csv');
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?transactions-\d{4}-\d{2}-\d{2}\.csv"?$/);

  const json = await download(client, 'json');
  expect(json.status).toBe(200);
  expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="?transactions-\d{4}-\d{2}-\d{2}\.json"?$/);
  const rows = JSON.parse(json.text) as Record<string, unknown>[];
  const lines = await csvLines(client);
  expect(rows.map((row) => [row.id, row.parentId ?? '', row.amount, row.currency, row.category, row.transferAccount])).toEqual(
    lines.map((line) => [line.Id, line['Parent id'], line.Amount, line.Currency, line.Category, line['Transfer account']]),
  );
  expect(rows.find((row) => row.id === home.ids.parking)).toMatchObject({ receipts: ['scan.png'], importedDescription: '', date: '2026-03-06', account: 'Checking' });

  // Nothing matches: an empty array, a header alone.
  expect(JSON.parse((await download(client, 'json', { search: 'nothing like this' })).text)).toEqual([]);
  expect(await csvLines(client, { search: 'nothing like this' })).toEqual([]);
});

test('each filter narrows the export as it narrows the transactions query', async () => {
  const { client, accounts, categories } = home;
  const filters: Record<string, unknown>[] = [
    { accountId: accounts.checking },
    { accountId: accounts.wallet },
    { categoryId: categories.food },
    { categoryId: categories.fun },
    { uncategorized: true },
    { from: '2026-03-03', to: '2026-03-05' },
    { search: 'coffee' },
    { search: '12.34' },
    { minAmount: '-100', maxAmount: '-10' },
    { kind: 'TRANSFER' },
    { kind: 'INCOME' },
    { kind: 'EXPENSE', excludeTransfers: true },
    { excludeTransfers: true, accountId: accounts.savings },
  ];
  for (const filter of filters) {
    const query = Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)]));
    const expected = await listed(client, filter);
    expect({ filter, lines: wholeRows(await csvLines(client, query)) }).toEqual({ filter, lines: expected });
    const json = JSON.parse((await download(client, 'json', query)).text) as { id: string; parentId: string | null; amount: string }[];
    expect({ filter, rows: json.filter((row) => row.parentId === null).map((row) => [row.id, row.amount]) }).toEqual({ filter, rows: expected });
  }
});

test('signed out is 401; a bad filter is 400 with what is wrong, before any line', async () => {
  const signedOut = new ApiClient(running.baseUrl);
  for (const format of ['csv', 'json'] as const) {
    const response = await download(signedOut, format);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual({ error: 'UNAUTHENTICATED' });
  }
  const bad: Record<string, string>[] = [
    { from: '2026-02-30' },
    { minAmount: 'ten' },
    { accountId: 'abc' },
    { kind: 'GIFTS' },
    { uncategorized: 'yes' },
    { colour: 'red' },
  ];
  for (const query of bad) {
    const response = await download(home.client, 'csv', query);
    expect({ query, status: response.status }).toEqual({ query, status: 400 });
    expect(JSON.parse(response.text)).toEqual({ error: 'BAD_USER_INPUT', message: expect.any(String) });
  }
  const twice = await home.client.fetch('/export/transactions.json?search=a&search=b');
  expect(twice.status).toBe(400);
  // An account of someone else's (or none) selects nothing, as in the query.
  expect(await csvLines(home.client, { accountId: '999999' })).toEqual([]);
});

test('a CSV export imports back with no mapping to set, its splits as splits; importing it again finds every row a duplicate', async () => {
  const { client, accounts } = home;
  const file = Buffer.from((await download(client, 'csv', { accountId: accounts.checking })).text);
  const exported = (await csvLines(client, { accountId: accounts.checking })).filter((line) => line['Parent id'] === '');
  const target = await accountOf(client, 'Restored', { currency: 'USD' });
  const upload = async () => {
    const result = await client.upload(PREVIEW, { accountId: target }, { name: 'transactions.csv', type: 'text/csv', body: file });
    expect(result.errors).toBeUndefined();
    return result.data.previewImport;
  };

  const first = await upload();
  expect(first.csvMapping).toEqual({ dateColumn: 'Date', amountColumn: 'Amount', descriptionColumn: 'Description', notesColumn: 'Notes', externalIdColumn: 'Id' });
  expect(first).toMatchObject({ newCount: exported.length, duplicateCount: 0, matchedCount: 0, invalidCount: 0 });
  expect((await client.ok(COMMIT, { previewId: first.id })).commitImport.createdCount).toBe(exported.length);

  const restored = (await client.ok(SPLIT_ROWS, { filter: { accountId: target } })).transactions.edges.map(({ node }: { node: unknown }) => node);
  expect(restored.map((row: { amount: string }) => row.amount)).toEqual(exported.map((line) => line.Amount));
  expect(restored.find((row: { description: string }) => row.description === 'Coffee beans')).toMatchObject({ notes: 'weekly, "fresh"', category: { name: 'Snacks' }, splits: [] });
  expect(restored.find((row: { description: string }) => row.description === 'Supermarket')).toMatchObject({
    category: null,
    splits: [
      { amount: '-60.00', notes: 'groceries', category: { name: 'Snacks' } },
      { amount: '-40.00', notes: 'toys', category: { name: 'Hobbies' } },
    ],
  });
  // A transfer part comes back as a plain part: a re-import makes no rows in other accounts.
  expect(restored.find((row: { description: string }) => row.description === 'Mixed').splits).toMatchObject([
    { amount: '-250.00', category: { name: 'Hobbies' } },
    { amount: '-50.00', notes: 'put aside', category: null },
  ]);

  const again = await upload();
  expect(again).toMatchObject({ newCount: 0, duplicateCount: exported.length, matchedCount: 0, invalidCount: 0 });
  expect((await client.ok(COMMIT, { previewId: again.id })).commitImport.createdCount).toBe(0);
});

const RESTORE_PREVIEW = `mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) {
  id newCount duplicateCount matchedCount invalidCount rows(first: 100) { edges { node { description status matchedTransaction { id } } } } } }`;

interface RestorePreview {
  id: string;
  newCount: number;
  duplicateCount: number;
  matchedCount: number;
  invalidCount: number;
  rows: { description: string; status: string; matchedTransaction: { id: string } | null }[];
}

/** A preview of the file in the account, as the user sees it: counts and each row's status and transaction. */
async function previewInto(client: ApiClient, accountId: string, body: Buffer): Promise<RestorePreview> {
  const result = await client.upload(RESTORE_PREVIEW, { accountId }, { name: 'transactions.csv', type: 'text/csv', body });
  expect(result.errors).toBeUndefined();
  const preview = result.data.previewImport;
  return { ...preview, rows: preview.rows.edges.map(({ node }: { node: unknown }) => node) };
}

test('an export imported back into its own account repeats every row still there, typed, bank-imported, split or transfer; a deleted row comes back', async () => {
  const { client } = await signUp(running.baseUrl, { currency: 'USD' });
  const checking = await accountOf(client, 'Checking', { currency: 'USD' });
  const savings = await accountOf(client, 'Savings', { currency: 'USD' });
  const food = await categoryOf(client, 'Food');
  const create = async (input: Record<string, unknown>) => (await client.ok(CREATE_TRANSACTION, { input: { accountId: checking, ...input } })).createTransaction.id as string;
  const coffee = await create({ date: '2026-04-01', amount: '-3.50', description: 'Coffee', categoryId: food });
  const parking = await create({ date: '2026-04-02', amount: '-7', description: 'Parking' });
  await create({ date: '2026-04-03', amount: '-90', description: 'Market', splits: [{ amount: '-60', categoryId: food }, { amount: '-30', transferAccountId: savings }] });
  await client.ok(CREATE_TRANSFER, { input: { fromAccountId: checking, toAccountId: savings, date: '2026-04-04', amount: '250', description: 'To savings' } });
  // Bank rows carry the bank's id, not the app's.
  const bank = Buffer.from('Date,Description,Amount,Transaction ID\n2026-04-05,CORNER SHOP 1234,-12.99,BANK-1\n2026-04-06,TRAIN TICKET,-44.00,BANK-2\n');
  const bankPreview = await previewInto(client, checking, bank);
  expect(bankPreview).toMatchObject({ newCount: 2, duplicateCount: 0 });
  await client.ok(COMMIT, { previewId: bankPreview.id });
  const shop = (await idsAndDescriptions(client, checking)).find((row) => row.description === 'CORNER SHOP 1234')!;
  // Edited since, the rows are the same transactions all the same.
  await client.ok(UPDATE_TRANSACTION, { id: coffee, input: { amount: '-3.80' } });
  await client.ok(UPDATE_TRANSACTION, { id: shop.id, input: { description: 'Corner shop' } });

  const file = Buffer.from((await download(client, 'csv', { accountId: checking })).text);
  const before = await idsAndDescriptions(client, checking);
  expect(before).toHaveLength(6);
  await client.ok(DELETE_TRANSACTION, { id: parking });
  await client.ok(UPDATE_TRANSACTION, { id: coffee, input: { date: '2026-04-09' } });

  const restore = await previewInto(client, checking, file);
  expect(restore).toMatchObject({ newCount: 1, duplicateCount: 5, matchedCount: 0, invalidCount: 0 });
  for (const row of restore.rows) {
    if (row.description === 'Parking') expect(row).toMatchObject({ status: 'NEW', matchedTransaction: null });
    else expect(row).toMatchObject({ status: 'DUPLICATE', matchedTransaction: { id: before.find((old) => old.description === row.description)!.id } });
  }
  expect((await client.ok(COMMIT, { previewId: restore.id })).commitImport.createdCount).toBe(1);
  expect((await idsAndDescriptions(client, checking)).map((row) => row.description).sort()).toEqual(before.map((row) => row.description).sort());

  // The restored row carries the exported Id as its external id: the file is now all duplicates.
  expect(await previewInto(client, checking, file)).toMatchObject({ newCount: 0, duplicateCount: 6, matchedCount: 0 });
});

test('an exported Id that names another user’s transaction matches nothing of theirs or the importer’s', async () => {
  const file = Buffer.from((await download(home.client, 'csv', { accountId: home.accounts.checking })).text);
  const exported = (await csvLines(home.client, { accountId: home.accounts.checking })).filter((line) => line['Parent id'] === '');
  const { client: stranger } = await signUp(running.baseUrl, { currency: 'USD' });
  const account = await accountOf(stranger, 'Checking', { currency: 'USD' });
  const preview = await previewInto(stranger, account, file);
  expect(preview).toMatchObject({ newCount: exported.length, duplicateCount: 0, matchedCount: 0 });
  expect(preview.rows.every((row) => row.status === 'NEW' && row.matchedTransaction === null)).toBe(true);
  // Imported, the rows are the stranger's own; the owner's export is as it was.
  await stranger.ok(COMMIT, { previewId: preview.id });
  expect((await csvLines(home.client, { accountId: home.accounts.checking })).filter((line) => line['Parent id'] === '')).toEqual(exported);
});

/** The account's transactions as id and description. */
async function idsAndDescriptions(client: ApiClient, accountId: string): Promise<{ id: string; description: string }[]> {
  const rows = (await client.ok(SPLIT_ROWS, { filter: { accountId } })).transactions.edges;
  return rows.map(({ node }: { node: { id: string; description: string } }) => ({ id: node.id, description: node.description }));
}

test('a large export streams page by page, as the client reads: a row written while it waits still arrives', async () => {
  const { client, user } = await signUp(running.baseUrl);
  const account = await accountOf(client, 'Busy');
  const count = 20_000;
  const scope = ownerScope(Number(user.id));
  const long = 'x'.repeat(400);
  for (let start = 0; start < count; start += 5000) {
    await running.app.services.transactions.insertBatch(
      scope,
      Array.from({ length: 5000 }, (_, i) => ({
        accountId: Number(account), categoryId: null, date: `2026-0${1 + ((start + i) % 9)}-1${(start + i) % 10}`, amount: -BigInt(start + i + 1), description: `Row ${start + i} ${long}`, notes: '',
      })),
    );
  }

  const response = await client.fetch('/export/transactions.csv');
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value, { stream: true });
  // The client has read one chunk of about 9 MB; a row dated before all the others is written now.
  // Had the server read every page up front, it would not be in the file; read page by page, it is the last line.
  await client.ok(CREATE_TRANSACTION, { input: { accountId: account, date: '2020-01-01', amount: '-0.01', description: 'Written during the download' } });
  let chunks = 1;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += decoder.decode(chunk.value, { stream: true });
    chunks += 1;
  }
  const lines: string[][] = parse(text);
  expect(lines[lines.length - 1]).toEqual(expect.arrayContaining(['2020-01-01', '-0.01', 'Written during the download']));
  expect(lines.length).toBe(count + 2);
  expect(chunks).toBeGreaterThan(10);
  expect(text.length).toBeGreaterThan(8_000_000);
});

test('a client that goes away mid-download leaves the server answering the next', async () => {
  const { client } = home;
  const controller = new AbortController();
  const response = await client.fetch('/export/transactions.json', { signal: controller.signal });
  controller.abort();
  await expect(response.text()).rejects.toThrow();
  expect((await download(client, 'json')).status).toBe(200);
});

describe('the importer reads the export’s part lines', () => {
  const file = (...rows: string[]) => Buffer.from([HEADER.join(','), ...rows, ''].join('\n'));
  const rowsOf = (bytes: Buffer) => parseCsv(bytes).file.statements[0].rows;

  test('as the splits of the line before, which they add up to', () => {
    const rows = rowsOf(file('7,,2026-03-03,Checking,-100.00,USD,,Shop,,,,', '21,7,2026-03-03,Checking,-60.00,USD,Food,Shop,,milk,,', '22,7,2026-03-03,Checking,-40.00,USD,,Shop,,,Savings,', '8,,2026-03-02,Checking,5.00,USD,,Refund,,,,'));
    expect(rows.map((row) => [row.line, row.externalId, row.amount, row.error])).toEqual([[2, '7', '-100.00', null], [5, '8', '5.00', null]]);
    expect(rows[0].splits).toEqual([
      { category: 'Food', transferAccount: null, amount: '-60.00', notes: 'milk' },
      { category: null, transferAccount: null, amount: '-40.00', notes: '' },
    ]);
    expect(rows[1].splits).toBeUndefined();
  });

  test('parts that do not add up make their row invalid; a part whose transaction is not before it is left out', () => {
    const rows = rowsOf(file('7,,2026-03-03,Checking,-100.00,USD,,Shop,,,,', '21,7,2026-03-03,Checking,-60.00,USD,,Shop,,,,', '9,,2026-03-01,Checking,-1.00,USD,,Bus,,,,', '30,5,2026-03-01,Checking,-9.00,USD,,Lost,,,,'));
    expect(rows.map((row) => [row.externalId, row.error])).toEqual([['7', expect.stringContaining('add up to -60.00')], ['9', null]]);
    expect(rows[1].splits).toBeUndefined();
  });
});

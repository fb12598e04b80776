import { signUp, type ApiClient } from './support/client';
import { CREATE_ACCOUNT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

// Importing the statements of both accounts of a transfer: the second import offers the first
// one's row as the other leg, links it when ticked, and never makes a third row.

const PREVIEW = `mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) {
  id newCount matchedCount rows(first: 50) { edges { node { line amount status matchedTransaction { id } transferSuggestion { id amount account { name } } } } } } }`;
const COMMIT = `mutation ($previewId: ID!, $linkTransfers: [Int!]) { commitImport(previewId: $previewId, linkTransfers: $linkTransfers) { createdCount matchedCount } }`;
const ALL = `{ transactions(first: 50) { totalCount edges { node { id date amount kind account { name } transfer { outflow { id account { name } } inflow { id account { name } } } } } } }`;
const csv = (lines: string[], name: string) => ({ name, type: 'text/csv', body: Buffer.from(['Date,Description,Amount', ...lines, ''].join('\n'), 'utf8') });

let running: RunningApp;
let client: ApiClient;
let checking: string;
let savings: string;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());
beforeEach(async () => {
  client = (await signUp(running.baseUrl, { currency: 'USD' })).client;
  checking = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Checking' } })).createAccount.id;
  savings = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Savings' } })).createAccount.id;
});

type Row = { line: number; amount: string; status: string; matchedTransaction: { id: string } | null; transferSuggestion: { id: string; amount: string; account: { name: string } } | null };
async function preview(accountId: string, file: ReturnType<typeof csv>): Promise<{ id: string; rows: Row[] }> {
  const result = await client.upload(PREVIEW, { accountId }, file);
  expect(result.errors).toBeUndefined();
  return { id: result.data.previewImport.id, rows: result.data.previewImport.rows.edges.map((edge: { node: Row }) => edge.node) };
}

test('the second statement offers the first one’s row as the other leg, and links it when ticked', async () => {
  const first = await preview(checking, csv(['2026-11-03,TRANSFER TO SAVINGS,-500.00', '2026-11-04,GROCER,-42.10'], 'checking.csv'));
  expect(first.rows.map((row) => row.transferSuggestion)).toEqual([null, null]);
  await client.ok(COMMIT, { previewId: first.id });

  // The savings row a day later; a second 500.00 in, eight days later, is too far to be offered.
  const second = await preview(savings, csv(['2026-11-04,FROM CHECKING,500.00', '2026-11-12,DEPOSIT,500.00'], 'savings.csv'));
  expect(second.rows.map((row) => row.status)).toEqual(['NEW', 'NEW']);
  expect(second.rows[0].transferSuggestion).toMatchObject({ amount: '-500.00', account: { name: 'Checking' } });
  expect(second.rows[1].transferSuggestion).toBeNull();
  expect((await client.ok(COMMIT, { previewId: second.id, linkTransfers: second.rows.map((row) => row.line) })).commitImport).toEqual({ createdCount: 2, matchedCount: 0 });

  const { transactions } = await client.ok(ALL);
  expect(transactions.totalCount).toBe(4);
  const legs = transactions.edges.map((edge: { node: { kind: string } }) => edge.node).filter((node: { kind: string }) => node.kind === 'TRANSFER');
  expect(legs).toHaveLength(2);
  expect(legs[0].transfer).toEqual(legs[1].transfer);
  expect(legs[0].transfer.outflow.account.name).toBe('Checking');
  expect(legs[0].transfer.inflow.account.name).toBe('Savings');
  const dashboard = await client.ok(`{ dashboard(from: "2026-11-01", to: "2026-11-30") { income expenses } }`);
  expect(dashboard.dashboard).toEqual({ income: '500.00', expenses: '42.10' });
});

test('a transfer entered by hand is matched by both statements: still two rows', async () => {
  const created = await client.ok(`mutation ($input: CreateTransferInput!) { createTransfer(input: $input) { outflow { id } inflow { id } } }`, {
    input: { fromAccountId: checking, toAccountId: savings, date: '2026-11-10', amount: '200.00' },
  });
  const out = await preview(checking, csv(['2026-11-10,ONLINE TRANSFER,-200.00'], 'checking.csv'));
  expect(out.rows[0]).toMatchObject({ status: 'MATCHED', matchedTransaction: { id: created.createTransfer.outflow.id }, transferSuggestion: null });
  await client.ok(COMMIT, { previewId: out.id });
  const into = await preview(savings, csv(['2026-11-11,ONLINE TRANSFER,200.00'], 'savings.csv'));
  expect(into.rows[0]).toMatchObject({ status: 'MATCHED', matchedTransaction: { id: created.createTransfer.inflow.id } });
  expect((await client.ok(COMMIT, { previewId: into.id, linkTransfers: [into.rows[0].line] })).commitImport).toEqual({ createdCount: 0, matchedCount: 1 });
  const { transactions } = await client.ok(ALL);
  expect(transactions.totalCount).toBe(2);
  expect(transactions.edges.every((edge: { node: { kind: string } }) => edge.node.kind === 'TRANSFER')).toBe(true);
});

test('a row claimed meanwhile is not linked twice, and undo leaves the other leg a plain row', async () => {
  await client.ok(`mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }`, { input: { accountId: checking, date: '2026-11-20', amount: '-75.00' } });
  const first = await preview(savings, csv(['2026-11-20,IN,75.00'], 'a.csv'));
  const second = await preview(savings, csv(['2026-11-21,IN AGAIN,75.00'], 'b.csv'));
  expect(first.rows[0].transferSuggestion).not.toBeNull();
  expect(second.rows[0].transferSuggestion).toEqual(first.rows[0].transferSuggestion);
  await client.ok(COMMIT, { previewId: first.id, linkTransfers: [first.rows[0].line] });
  await client.ok(COMMIT, { previewId: second.id, linkTransfers: [second.rows[0].line] });
  let { transactions } = await client.ok(ALL);
  expect(transactions.edges.map((edge: { node: { kind: string } }) => edge.node.kind).sort()).toEqual(['INCOME', 'TRANSFER', 'TRANSFER']);

  const [batch] = (await client.ok(`{ importBatches { id filename } }`)).importBatches.filter((b: { filename: string }) => b.filename === 'a.csv');
  await client.ok(`mutation ($batchId: ID!) { undoImport(batchId: $batchId) { id } }`, { batchId: batch.id });
  ({ transactions } = await client.ok(ALL));
  expect(transactions.edges.map((edge: { node: { amount: string; kind: string; transfer: unknown } }) => [edge.node.amount, edge.node.kind, edge.node.transfer])).toEqual([
    ['75.00', 'INCOME', null],
    ['-75.00', 'EXPENSE', null],
  ]);
});

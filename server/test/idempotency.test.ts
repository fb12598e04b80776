import { randomUUID } from 'node:crypto';
import { statementCounterOf } from '../src/db/statement-counter';
import { signUp, type ApiClient } from './support/client';
import { codeOf, CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION, fieldOf, LIST_TRANSACTIONS } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

/**
 * A create that committed is never lost to a failed read afterwards, and a retried create (same
 * clientMutationId) never makes a second row.
 */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const countOf = async (client: ApiClient) => (await client.ok(LIST_TRANSACTIONS)).transactions.totalCount as number;
const market = (clientMutationId: string) => ({ date: '2025-03-14', amount: '-42.10', description: 'Market', clientMutationId });

test('the same create sent twice with one clientMutationId makes one row, and both answers are that row', async () => {
  const { client } = await signUp(running.baseUrl);
  const key = randomUUID();
  const first = await client.ok(CREATE_TRANSACTION, { input: market(key) });
  const retry = await client.ok(CREATE_TRANSACTION, { input: market(key) });
  expect(retry.createTransaction).toEqual(first.createTransaction);
  expect(first.createTransaction).toMatchObject({ amount: '-42.10', description: 'Market', account: { name: 'Cash' } });
  expect(await countOf(client)).toBe(1);
  // Another key is another transaction.
  await client.ok(CREATE_TRANSACTION, { input: market(randomUUID()) });
  expect(await countOf(client)).toBe(2);
});

test('concurrent retries with one key make one row', async () => {
  const { client } = await signUp(running.baseUrl);
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: 6 }, () => client.gql(CREATE_TRANSACTION, { input: market(key) })));
  for (const answer of answers) expect(answer.errors).toBeUndefined();
  expect(new Set(answers.map((answer) => answer.data.createTransaction.id)).size).toBe(1);
  expect(await countOf(client)).toBe(1);
});

test('the same key with another input is a CONFLICT and changes nothing', async () => {
  const { client } = await signUp(running.baseUrl);
  const key = randomUUID();
  await client.ok(CREATE_TRANSACTION, { input: market(key) });
  const other = await client.gql(CREATE_TRANSACTION, { input: { ...market(key), amount: '-42.11' } });
  expect(codeOf(other)).toBe('CONFLICT');
  expect(fieldOf(other)).toBe('clientMutationId');
  expect(await countOf(client)).toBe(1);
  // Leaving out a field that was null is the same input.
  expect((await client.gql(CREATE_TRANSACTION, { input: { ...market(key), notes: null, categoryId: null } })).errors).toBeUndefined();
  expect(await countOf(client)).toBe(1);
});

test('keys belong to their user: the same key from someone else is their own create', async () => {
  const { client } = await signUp(running.baseUrl);
  const { client: neighbour } = await signUp(running.baseUrl);
  const key = randomUUID();
  const mine = await client.ok(CREATE_TRANSACTION, { input: market(key) });
  const theirs = await neighbour.ok(CREATE_TRANSACTION, { input: market(key) });
  expect(theirs.createTransaction.id).not.toBe(mine.createTransaction.id);
  expect(await countOf(neighbour)).toBe(1);
});

test('a create that fails keeps its key free for the corrected retry', async () => {
  const { client } = await signUp(running.baseUrl);
  const key = randomUUID();
  const refused = await client.gql(CREATE_TRANSACTION, { input: { ...market(key), amount: 'abc' } });
  expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  expect((await client.gql(CREATE_TRANSACTION, { input: { ...market(key), date: '2025-02-30' } })).errors?.[0].extensions?.field).toBe('date');
  expect((await client.ok(CREATE_TRANSACTION, { input: market(key) })).createTransaction.amount).toBe('-42.10');
  expect(await countOf(client)).toBe(1);
});

test('an empty or overlong key is bad input', async () => {
  const { client } = await signUp(running.baseUrl);
  for (const key of ['', 'k'.repeat(256)]) {
    const answer = await client.gql(CREATE_TRANSACTION, { input: market(key) });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(fieldOf(answer)).toBe('clientMutationId');
  }
  expect(await countOf(client)).toBe(0);
});

test("the create's answer is what its database transaction wrote: nothing is read after the commit", async () => {
  const { client } = await signUp(running.baseUrl);
  const create = `mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) {
    id date amount description notes createdAt updatedAt account { id name currency } category { id name } } }`;
  for (const input of [market(randomUUID()), { date: '2025-03-15', amount: '-1.00' }]) {
    const statements: string[] = [];
    const stop = statementCounterOf(running.app.dataSource).listen((sql) => statements.push(sql));
    let answer;
    try {
      answer = await client.ok(create, { input });
    } finally {
      stop();
    }
    const commit = statements.findIndex((sql) => /^COMMIT/i.test(sql));
    expect(commit).toBeGreaterThan(0);
    // The session check may read the user before the operation; after the commit, nothing at all.
    expect(statements.slice(commit + 1)).toEqual([]);
    const read = (await client.ok(`query ($id: ID!) { transaction(id: $id) {
      id date amount description notes createdAt updatedAt account { id name currency } category { id name } } }`, { id: answer.createTransaction.id })).transaction;
    expect(answer.createTransaction).toEqual(read);
  }
});

test('createAccount and createCategory take a clientMutationId too', async () => {
  const { client } = await signUp(running.baseUrl);
  const key = randomUUID();
  const account = { name: 'Savings', openingBalance: '10.00', clientMutationId: key };
  const first = await client.ok(CREATE_ACCOUNT, { input: account });
  expect(await client.ok(CREATE_ACCOUNT, { input: account })).toEqual(first);
  expect(codeOf(await client.gql(CREATE_ACCOUNT, { input: { ...account, name: 'Other' } }))).toBe('CONFLICT');
  // One key names one change, whatever kind: the same key on a category is another change.
  expect(codeOf(await client.gql(CREATE_CATEGORY, { input: { name: 'Savings', clientMutationId: key } }))).toBe('CONFLICT');
  const category = { name: 'Books', kind: 'EXPENSE', clientMutationId: randomUUID() };
  const [a, b] = await Promise.all([client.ok(CREATE_CATEGORY, { input: category }), client.ok(CREATE_CATEGORY, { input: category })]);
  expect(a).toEqual(b);
  const { accounts, categories } = await client.ok('{ accounts { name } categories { name } }');
  expect(accounts.filter(({ name }: { name: string }) => name === 'Savings')).toHaveLength(1);
  expect(categories.filter(({ name }: { name: string }) => name === 'Books')).toHaveLength(1);
});

test("an update's answer is read inside its database transaction too", async () => {
  const { client } = await signUp(running.baseUrl);
  const { id } = (await client.ok(CREATE_TRANSACTION, { input: market(randomUUID()) })).createTransaction;
  const statements: string[] = [];
  const stop = statementCounterOf(running.app.dataSource).listen((sql) => statements.push(sql));
  let answer;
  try {
    answer = await client.ok(`mutation ($id: ID!, $input: UpdateTransactionInput!) { updateTransaction(id: $id, input: $input) {
      id amount description updatedAt account { name } category { name } } }`, { id, input: { amount: '-43.00', description: 'Market, again' } });
  } finally {
    stop();
  }
  expect(answer.updateTransaction).toMatchObject({ id, amount: '-43.00', description: 'Market, again', account: { name: 'Cash' }, category: null });
  const commit = statements.findIndex((sql) => /^COMMIT/i.test(sql));
  expect(commit).toBeGreaterThan(0);
  expect(statements.slice(commit + 1)).toEqual([]);
});

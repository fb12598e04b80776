import fc from 'fast-check';
import { ApiClient, signUp, uniqueEmail } from './support/client';
import { CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION, LIST_TRANSACTIONS } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

/**
 * Random and hostile values into every input field of every mutation (and the free-text query
 * arguments). Each answer must be a clean error with a known code or a correct save; never a 500,
 * never an internal error, and text that was saved must come back exactly as sent.
 */
const CLEAN_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'TOO_MANY_REQUESTS']);

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }), // any UTF-16 code units, lone surrogates included
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => s + '\u0000' + s),
  fc.constantFrom(
    "'; DROP TABLE transactions; --",
    '" OR 1=1 --',
    '%_\\',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '{{7*7}}',
    '../../etc/passwd',
    '\u202Eevil',
    'Ω≈ç√∫˜µ≤≥÷',
    '🏳️‍🌈👨‍👩‍👧',
    ' ',
    '',
  ),
  fc.integer({ min: 1000, max: 20000 }).map((length) => 'x'.repeat(length)),
);

const numberish = fc.oneof(
  fc.constantFrom('0', '-0', '1e3', '1E-2', 'NaN', 'Infinity', '-Infinity', '9007199254740993', '-99999999999.99', '99999999999.99', '100000000000', '0.001', '.5', '5.', '--1', '0x10', '١٢٣', ' 1.00 '),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
  hostile,
);

const dateish = fc.oneof(
  fc.date({ min: new Date('1800-01-01'), max: new Date('3100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2025-02-29', '2024-02-29', '0000-00-00', '2025-1-1', '2025-01-01T00:00:00Z', '9999-12-31'),
  hostile,
);

const idish = fc.oneof(fc.constantFrom('1', '0', '-1', '999999999999999999999', '1.5', '1e2', 'abc'), fc.nat().map(String), hostile);

let running: RunningApp;
let client: ApiClient;
let categoryId: string;
let accountId: string;
let transactionId: string;

beforeAll(async () => {
  running = await startTestApp();
  client = (await signUp(running.baseUrl)).client;
  categoryId = (await client.ok(CREATE_CATEGORY, { input: { name: 'Fuzz' } })).createCategory.id;
  accountId = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Fuzz account' } })).createAccount.id;
  transactionId = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '-1.00' } })).createTransaction.id;
});
afterAll(() => running.destroy());

async function expectClean(result: Awaited<ReturnType<ApiClient['gql']>>): Promise<void> {
  expect(result.status).toBeLessThan(500);
  for (const error of result.errors ?? []) expect(CLEAN_CODES).toContain(error.extensions?.code);
}

const RUNS = { numRuns: 25 };

test('createTransaction: every field', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({ date: dateish, amount: numberish, description: hostile, notes: hostile, categoryId: fc.option(idish), accountId: fc.option(idish) }, { requiredKeys: ['date', 'amount'] }),
      async (input) => {
        const result = await client.gql(CREATE_TRANSACTION, { input });
        await expectClean(result);
        const saved = result.data?.createTransaction;
        if (saved) {
          const read = (await client.ok(`query ($id: ID!) { transaction(id: $id) { description notes date } }`, { id: saved.id })).transaction;
          expect(read).toEqual({ description: input.description ?? '', notes: input.notes ?? '', date: input.date });
        }
      },
    ),
    RUNS,
  );
});

test('text that is saved comes back exactly as sent', async () => {
  let saved = 0;
  await fc.assert(
    fc.asyncProperty(hostile, hostile, async (description, notes) => {
      const result = await client.gql(CREATE_TRANSACTION, { input: { date: '2025-06-01', amount: '-2.50', description, notes } });
      await expectClean(result);
      if (!result.data?.createTransaction) return;
      saved += 1;
      const read = (await client.ok(`query ($id: ID!) { transaction(id: $id) { description notes amount } }`, { id: result.data.createTransaction.id })).transaction;
      expect(read).toEqual({ description, notes, amount: '-2.50' });
    }),
    { numRuns: 60 },
  );
  expect(saved).toBeGreaterThan(10);
});

test('updateTransaction: every field', async () => {
  await fc.assert(
    fc.asyncProperty(
      idish,
      fc.record({ date: dateish, amount: numberish, description: hostile, notes: hostile, categoryId: fc.option(idish), accountId: idish }, { requiredKeys: [] }),
      async (id, input) => {
        await expectClean(await client.gql(`mutation ($id: ID!, $input: UpdateTransactionInput!) { updateTransaction(id: $id, input: $input) { id } }`, { id, input }));
        await expectClean(await client.gql(`mutation ($id: ID!, $input: UpdateTransactionInput!) { updateTransaction(id: $id, input: $input) { id description } }`, { id: transactionId, input }));
      },
    ),
    RUNS,
  );
});

test('accounts and categories: every field', async () => {
  await fc.assert(
    fc.asyncProperty(hostile, hostile, numberish, idish, fc.constantFrom('EXPENSE', 'INCOME', 'SPENDING', ''), async (name, text, money, id, kind) => {
      await expectClean(await client.gql(CREATE_ACCOUNT, { input: { name, currency: text.slice(0, 5), openingBalance: money } }));
      await expectClean(await client.gql(`mutation ($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id } }`, { id: accountId, input: { name: text, openingBalance: money } }));
      const category = await client.gql(CREATE_CATEGORY, { input: { name, kind, color: text } });
      await expectClean(category);
      await expectClean(await client.gql(`mutation ($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id } }`, { id: categoryId, input: { name: text } }));
      await expectClean(await client.gql(`mutation ($id: ID!) { deleteCategory(id: $id) }`, { id }));
      if (category.data?.createCategory) expect(category.data.createCategory.name).toBe(name.trim());
    }),
    RUNS,
  );
});

test('sign-up, sign-in, profile and password: every field', async () => {
  await fc.assert(
    fc.asyncProperty(hostile, hostile, hostile, async (email, password, name) => {
      const visitor = new ApiClient(running.baseUrl);
      await expectClean(await visitor.gql(`mutation ($input: RegisterInput!) { register(input: $input) { id } }`, { input: { email, password, name, currency: name.slice(0, 3) } }));
      await expectClean(await visitor.gql(`mutation ($input: RegisterInput!) { register(input: $input) { id name } }`, { input: { email: uniqueEmail(), password: `${password}-long-enough-x`, name } }));
      await expectClean(await new ApiClient(running.baseUrl).gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, { e: email, p: password }));
      await expectClean(await client.gql(`mutation ($input: UpdateMeInput!) { updateMe(input: $input) { id } }`, { input: { name, currency: email.slice(0, 3) } }));
      await expectClean(await client.gql(`mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`, { c: password, n: name }));
    }),
    { numRuns: 15 },
  );
});

test('sign-in with an email no database could store is a plain UNAUTHENTICATED', async () => {
  for (const email of ['\u0000', 'a\u0000@b.co', '\ud800@b.co']) {
    const result = await new ApiClient(running.baseUrl).gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`, { e: email, p: 'whatever pw' });
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }
});

test('queries with free-text and id arguments', async () => {
  await fc.assert(
    fc.asyncProperty(hostile, idish, dateish, numberish, async (search, id, date, amount) => {
      await expectClean(await client.gql(LIST_TRANSACTIONS, { filter: { search, accountId: id, from: date, minAmount: amount }, after: search }));
      await expectClean(await client.gql(`query ($id: ID!) { transaction(id: $id) { id } }`, { id }));
      await expectClean(await client.gql(`query ($f: Date, $t: Date) { dashboard(from: $f, to: $t) { net } }`, { f: date, t: date }));
      await expectClean(await client.gql(`mutation ($id: ID!) { deleteReceipt(id: $id) }`, { id }));
    }),
    RUNS,
  );
});

test('the server is still healthy after all that', async () => {
  expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
  expect((await client.ok('{ me { id } }')).me).not.toBeNull();
});

import fc from 'fast-check';
import { loadWebOperations } from '../../test-kit/web-operations.cjs';
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
  // Each run hashes passwords (argon2) several times: on a loaded 2-core machine that can pass 30 s.
}, 90_000);

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

/**
 * Whole requests, mutated: JSON bodies cut and spliced byte by byte, documents with tokens
 * inserted and removed, random operation names, variables and extensions, odd headers, and
 * multipart uploads with broken boundaries and parts. A client can send any of these; the answer
 * is a 4xx (or a 200), never a 5xx nor an INTERNAL_SERVER_ERROR. Bounded in count and time; loopback only.
 */
describe('mutated HTTP requests', () => {
  const REQUESTS = 3000;
  const TIME_LIMIT_MS = 40_000;
  const PARALLEL = 4;

  // The web client's documents, and a few of our own that reach resolvers with arguments.
  const documents = [
    ...[...loadWebOperations().entries()].filter(([name]) => !/^(Logout|DeleteMe)$/.test(name)).map(([, operation]) => operation.document()),
    CREATE_TRANSACTION,
    LIST_TRANSACTIONS,
    '{ dashboard(from: "2025-01-01", to: "2025-12-31") { net byCategory { total } } }',
    'query A { me { id } } query B { accounts { id } }',
    'subscription { me { id } }',
  ];
  const sampleVariables = {
    input: { date: '2025-01-01', amount: '-1.00', name: 'x', kind: 'EXPENSE', description: 'd' },
    id: '1',
    first: 5,
    from: '2025-01-01',
    to: '2025-12-31',
    filter: { search: 'a' },
  };

  const GRAPHQL_TOKENS = ['{', '}', '(', ')', ':', '$', '@', '...', '"', '"""', '!', '[', ']', '=', '#', '\\u', '\n', ' ', 'query', 'mutation', 'fragment', 'on', '__schema', '__typename', '@include(if: true)', 'a: me { id }'];

  const mutatedText = (text: string) =>
    fc
      .array(
        fc.oneof(
          fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 8 }) }),
          fc.record({ at: fc.nat(), insert: fc.oneof(fc.constantFrom(...GRAPHQL_TOKENS), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })) }),
          fc.record({ at: fc.nat(), repeat: fc.integer({ min: 1, max: 40 }) }),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((edits) =>
        edits.reduce((current, edit) => {
          const at = current.length ? edit.at % current.length : 0;
          if ('remove' in edit) return current.slice(0, at) + current.slice(at + edit.remove);
          if ('insert' in edit) return current.slice(0, at) + edit.insert + current.slice(at);
          const piece = current.slice(at, at + 12);
          return current.slice(0, at) + piece.repeat(edit.repeat) + current.slice(at);
        }, text),
      );

  const mutatedBytes = (bytes: Buffer) =>
    fc
      .array(fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'drop', 'insert', 'cut'), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 })
      .map((edits) =>
        edits.reduce((current, { at, kind, byte }) => {
          const i = current.length ? at % current.length : 0;
          if (kind === 'flip') return Buffer.concat([current.subarray(0, i), Buffer.from([byte]), current.subarray(i + 1)]);
          if (kind === 'drop') return Buffer.concat([current.subarray(0, i), current.subarray(i + 1)]);
          if (kind === 'insert') return Buffer.concat([current.subarray(0, i), Buffer.from([byte]), current.subarray(i)]);
          return current.subarray(0, i);
        }, bytes),
      );

  const jsonish: fc.Arbitrary<unknown> = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant(sampleVariables),
    fc.dictionary(fc.constantFrom(...Object.keys(sampleVariables), 'file', '__proto__'), fc.jsonValue({ maxDepth: 2 })),
  );

  const body = fc.record(
    {
      query: fc.oneof(fc.constantFrom(...documents), fc.constantFrom(...documents).chain(mutatedText), fc.jsonValue({ maxDepth: 1 })),
      operationName: fc.oneof(fc.constantFrom('A', 'B', 'C', 'Transactions', 'Dashboard', ''), fc.string({ maxLength: 10 }), fc.constant(null), fc.integer()),
      variables: jsonish,
      extensions: fc.oneof(
        fc.record({ persistedQuery: fc.record({ version: fc.oneof(fc.constant(1), fc.integer()), sha256Hash: fc.oneof(fc.string({ maxLength: 64 }), fc.constant('a'.repeat(64))) }, { requiredKeys: [] }) }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    },
    { requiredKeys: [] },
  );

  const contentType = fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/graphql-response+json',
      'application/graphql',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=XYZ',
      'application/octet-stream',
      '',
      ';;;',
    ),
    fc.string({ maxLength: 30 }),
  );

  const headers = fc.record(
    {
      'content-type': contentType,
      'apollo-require-preflight': fc.constantFrom('true', ''),
      'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'),
      accept: fc.constantFrom('application/json', 'multipart/mixed; deferSpec=20220824', 'text/html', '*/*', 'application/graphql-response+json', 'x/y'),
      'x-request-id': fc.string({ maxLength: 70 }),
      cookie: fc.constantFrom('ft.sid=garbage', 'ft.sid=s%3Aabc.def', '=;=;', 'a'),
    },
    { requiredKeys: [] },
  );

  const BOUNDARY = '----fuzz7MA4YWxkTrZu0gW';
  const uploadBody = (operations: string, map: string, file: Buffer) =>
    Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n`),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n${map}\r\n`),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"; filename="r.png"\r\nContent-Type: image/png\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
  const validUpload = () =>
    uploadBody(
      JSON.stringify({ query: 'mutation ($t: ID!, $file: Upload!) { uploadReceipt(transactionId: $t, file: $file) { id } }', variables: { t: transactionId, file: null } }),
      JSON.stringify({ 0: ['variables.file'] }),
      Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    );

  // Lone surrogates cannot be percent-encoded: they go as U+FFFD, as a browser would send them.
  const uri = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

  interface FuzzRequest {
    method: 'GET' | 'POST';
    path: string;
    headers: Record<string, string>;
    body?: Buffer | string;
    signedIn: boolean;
  }

  const request: fc.Arbitrary<FuzzRequest> = fc.oneof(
    // Well-formed JSON around mutated documents and odd fields.
    fc.tuple(body, fc.boolean()).map(([b, signedIn]): FuzzRequest => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b), signedIn })),
    // JSON bodies mutated byte by byte.
    fc.tuple(body, fc.boolean()).chain(([b, signedIn]) =>
      mutatedBytes(Buffer.from(JSON.stringify(b))).map((bytes): FuzzRequest => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: bytes, signedIn })),
    ),
    // Any headers over a good or a broken body.
    fc.tuple(headers, body, fc.boolean(), fc.boolean()).map(([h, b, broken, signedIn]): FuzzRequest => ({
      method: 'POST',
      path: '/graphql',
      headers: h,
      body: broken ? JSON.stringify(b).slice(0, 20) : JSON.stringify(b),
      signedIn,
    })),
    // Multipart uploads, mutated, with right, wrong or no boundary.
    fc
      .tuple(
        fc.oneof(fc.constant(validUpload()), fc.constant(validUpload()).chain(mutatedBytes), fc.tuple(fc.constantFrom(...documents), jsonish.map((v) => JSON.stringify(v))).map(([d, map]) => uploadBody(JSON.stringify({ query: d, variables: sampleVariables }), map, Buffer.alloc(10)))),
        fc.constantFrom(`multipart/form-data; boundary=${BOUNDARY}`, 'multipart/form-data; boundary=other', 'multipart/form-data', `multipart/form-data; boundary="${BOUNDARY}"; charset=x`),
      )
      .map(([bytes, type]): FuzzRequest => ({ method: 'POST', path: '/graphql', headers: { 'content-type': type, 'apollo-require-preflight': 'true' }, body: bytes, signedIn: true })),
    // GET with a mutated query string.
    fc.tuple(fc.constantFrom(...documents).chain(mutatedText), fc.string({ maxLength: 20 }), fc.boolean()).map(([query, extra, signedIn]): FuzzRequest => ({
      method: 'GET',
      path: `/graphql?query=${uri(query)}&variables=${uri(extra)}&extensions=${uri(extra)}`,
      headers: { 'apollo-require-preflight': 'true' },
      signedIn,
    })),
  );

  test(`${REQUESTS} mutated requests: never a 5xx, never an internal error`, async () => {
    // A user of its own, so logging out (a mutated document may) spoils nobody else's session.
    const fuzzer = (await signUp(running.baseUrl)).client;
    const requests = fc.sample(request, { numRuns: REQUESTS, seed: 20261201 });
    const failures: { status: number; request: FuzzRequest; answer: string }[] = [];
    const deadline = Date.now() + TIME_LIMIT_MS;
    let sent = 0;
    let next = 0;
    const worker = async () => {
      while (next < requests.length && Date.now() < deadline) {
        const sample = requests[next++];
        const requestHeaders = new Headers(sample.headers);
        if (sample.signedIn && fuzzer.cookie) requestHeaders.set('cookie', fuzzer.cookie);
        let response: Response;
        try {
          response = await fetch(`${running.baseUrl}${sample.path}`, { method: sample.method, headers: requestHeaders, body: sample.body, redirect: 'manual' });
        } catch (error) {
          // fetch itself refuses some header values before sending anything: nothing reached the server.
          if (error instanceof TypeError && !(error as { cause?: unknown }).cause) continue;
          throw error;
        }
        const answer = await response.text();
        sent += 1;
        // A 200 that hides an unexpected error counts too (a subscription used to be one).
        if (response.status >= 500 || answer.includes('INTERNAL_SERVER_ERROR')) failures.push({ status: response.status, request: sample, answer: answer.slice(0, 300) });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(failures.slice(0, 3)).toEqual([]);
    expect(sent).toBeGreaterThan(REQUESTS / 3);
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
  }, TIME_LIMIT_MS + 20_000);
});

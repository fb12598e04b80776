import { ApiClient } from './support/client';
import { codeOf } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

/**
 * A client's mistake is answered 4xx with a code, and logged at info: errors in the log are ours.
 * Each request here used to be answered 500 (or 200 with INTERNAL_SERVER_ERROR).
 */
const logLines: { level: number; msg: string; req?: { id?: string } }[] = [];
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp({ LOG_LEVEL: 'info' }, undefined, { write: (line: string) => void logLines.push(JSON.parse(line)) });
});
afterAll(() => running.destroy());

interface Answer {
  status: number;
  codes: string[];
  logLevels: number[];
}

async function post(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer> {
  const response = await fetch(`${running.baseUrl}/graphql`, { method: 'POST', headers, body });
  const text = await response.text();
  const requestId = response.headers.get('x-request-id');
  // pino writes the request's line when the response finishes: give it that tick.
  await new Promise((resolve) => setTimeout(resolve, 20));
  let codes: string[];
  try {
    codes = (JSON.parse(text).errors ?? []).map((error: { extensions?: { code?: string } }) => error.extensions?.code);
  } catch {
    codes = [`not JSON: ${text.slice(0, 80)}`];
  }
  return { status: response.status, codes, logLevels: logLines.filter((line) => line.req?.id === requestId).map((line) => line.level) };
}

const json = (body: unknown) => JSON.stringify(body);
const multipart = (contentType: string) => ({ 'content-type': contentType, 'apollo-require-preflight': 'true' });
const FORM = '--XYZ\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ me { id } }"}\r\n--XYZ--\r\n';

const cases: [name: string, send: () => Promise<Answer>, status: number, code: string][] = [
  ['two operations without an operationName', () => post(json({ query: 'query A { me { id } } query B { me { id } }' })), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['an operationName the document does not have', () => post(json({ query: 'query A { me { id } }', operationName: 'C' })), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['an unknown operationName among several', () => post(json({ query: 'query A { me { id } } mutation B { logout }', operationName: 'C' })), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['a syntax error', () => post(json({ query: '{ me { id ' })), 400, 'GRAPHQL_PARSE_FAILED'],
  ['a document over the token limit', () => post(json({ query: `{ ${'me { id } '.repeat(600)} }` })), 400, 'GRAPHQL_PARSE_FAILED'],
  ['a body that is not UTF-8', () => post(Buffer.concat([Buffer.from('{"query":"{ me { id } }","x":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])), 400, 'BAD_REQUEST'],
  ['a multipart body with the wrong boundary', () => post(FORM, multipart('multipart/form-data; boundary=ABC')), 400, 'BAD_REQUEST'],
  ['a multipart body without a boundary', () => post(FORM, multipart('multipart/form-data')), 400, 'BAD_REQUEST'],
  ['a truncated multipart body', () => post(FORM.slice(0, 40), multipart('multipart/form-data; boundary=XYZ')), 400, 'BAD_REQUEST'],
  ['a subscription', () => post(json({ query: 'subscription { me { id } }' })), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['an unknown persisted query', () => post(json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })), 400, 'PERSISTED_QUERY_NOT_FOUND'],
  ['a persisted query of an unknown version', () => post(json({ extensions: { persistedQuery: { version: 7, sha256Hash: 'a'.repeat(64) } } })), 400, 'BAD_REQUEST'],
  ['a persisted query whose hash is not its text', () => post(json({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })), 400, 'BAD_REQUEST'],
  ['an Upload variable that is not a file', () => post(json({ query: 'mutation ($file: Upload!) { uploadReceipt(transactionId: "1", file: $file) { id } }', variables: { file: { name: 'x' } } })), 400, 'BAD_USER_INPUT'],
  ['JSON that is cut short', () => post('{"query":'), 400, 'BAD_REQUEST'],
];

test.each(cases)('%s is a 4xx with a code, logged at info', async (_name, send, status, code) => {
  const answer = await send();
  expect(answer).toMatchObject({ status, codes: [code] });
  expect(answer.logLevels.length).toBeGreaterThan(0);
  expect(Math.max(...answer.logLevels)).toBe(30);
});

test('the operation the client named still runs when the document has several', async () => {
  const answer = await fetch(`${running.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: json({ query: 'query A { me { id } } query B { __typename }', operationName: 'B' }),
  });
  expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
});

describe('in production no message suggests a name', () => {
  let production: RunningApp;
  beforeAll(async () => {
    production = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => production.destroy());

  const typos: [what: string, query: string, variables: Record<string, unknown>][] = [
    ['a misspelled enum value', 'mutation { createCategory(input: { name: "Food", kind: EXPENS }) { id } }', {}],
    ['a misspelled enum value in a variable', 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id } }', { input: { name: 'Food', kind: 'EXPENS' } }],
    ['a misspelled field', '{ acounts { id } }', {}],
    ['a misspelled input field', 'mutation { createTransaction(input: { date: "2025-01-01", amout: "1.00" }) { id } }', {}],
    ['a misspelled argument', '{ transactions(frist: 5) { totalCount } }', {}],
    ['a misspelled type', 'query ($f: TransactionFiltr) { transactions(filter: $f) { totalCount } }', {}],
  ];

  test.each(typos)('%s', async (_what, query, variables) => {
    // Validation runs before anything else, signed in or not.
    const answer = await new ApiClient(production.baseUrl).gql(query, variables);
    expect(answer.status).toBe(400);
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.errors)).not.toMatch(/did you mean/i);
    // Outside production the same typo is helped, so the test above can fail.
    expect(JSON.stringify((await new ApiClient(running.baseUrl).gql(query, variables)).errors)).toMatch(/Did you mean/);
  });

  test('the enum value is still named as the one that was wrong', async () => {
    const answer = await new ApiClient(production.baseUrl).gql('mutation { createCategory(input: { name: "Food", kind: EXPENS }) { id } }');
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].message).toBe('Value "EXPENS" does not exist in "CategoryKind" enum.');
  });
});

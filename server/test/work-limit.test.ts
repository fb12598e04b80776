import { Kind, parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import { graphqlArmor } from '../src/api/graphql/armor';
import { buildAppSchema } from '../src/api/graphql/schema';
import { MAX_WORK, workOf } from '../src/api/graphql/work-limit';
import { loadWebOperations } from '../../test-kit/web-operations.cjs';
import { ApiClient, signUp } from './support/client';
import { codeOf, CREATE_TRANSACTION } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

/** What a request may ask for is bounded by the work its fields do, with the variables known. */
let running: RunningApp;
let client: ApiClient;
beforeAll(async () => {
  running = await startTestApp();
  client = (await signUp(running.baseUrl)).client;
  await client.ok(CREATE_TRANSACTION, { input: { date: '2025-03-14', amount: '-42.10', description: 'Market' } });
});
afterAll(() => running.destroy());

const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

test('fifteen aliased dashboards over 1900-2999 are refused before anything runs', async () => {
  const literal = await client.gql(aliased(15, 'dashboard(from: "1900-01-01", to: "2999-12-31") { net }'));
  expect(literal.status).toBe(400);
  expect(codeOf(literal)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(literal.errors?.[0].message).toMatch(/too much work at once \(cost \d+, at most 2000\)/);
  expect(literal.data).toBeUndefined();

  const withVariables = await client.gql(
    `query ($from: Date, $to: Date) ${aliased(15, 'dashboard(from: $from, to: $to) { net }')}`,
    { from: '1900-01-01', to: '2999-12-31' },
  );
  expect(codeOf(withVariables)).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('a dashboard of a year is accepted, and so is one over every date a user could have', async () => {
  const year = await client.gql('query ($from: Date, $to: Date) { dashboard(from: $from, to: $to) { net } }', { from: '2025-01-01', to: '2025-12-31' });
  expect(year.errors).toBeUndefined();
  expect(year.data.dashboard.net).toBe('-42.10');
  const allTime = await client.gql('{ dashboard(from: "1900-01-01", to: "2999-12-31") { net } }');
  expect(allTime.errors).toBeUndefined();
  // The same cheap field fifteen times is fine: the limit counts work, not names.
  expect((await client.gql(aliased(15, 'dashboard { net }'))).errors).toBeUndefined();
});

test('pages are priced by their size and counts extra, most under a search', async () => {
  const fifteenCounts = await client.gql(aliased(15, 'transactions(first: 100) { totalCount edges { node { id } } }'));
  expect(codeOf(fifteenCounts)).toBe('GRAPHQL_VALIDATION_FAILED');
  const searchCounts = await client.gql(aliased(7, 'transactions(first: 5, filter: { search: "market" }) { totalCount }'));
  expect(codeOf(searchCounts)).toBe('GRAPHQL_VALIDATION_FAILED');
  const plainCounts = await client.gql(aliased(15, 'transactions(first: 5) { totalCount }'));
  expect(plainCounts.errors).toBeUndefined();
  const viaVariable = await client.gql(`query ($n: Int) ${aliased(15, 'transactions(first: $n) { edges { node { id } } }')}`, { n: 200 });
  expect(codeOf(viaVariable)).toBe('GRAPHQL_VALIDATION_FAILED');
  const fewSmall = await client.gql(aliased(5, 'transactions(first: 20) { totalCount edges { node { id } } }'));
  expect(fewSmall.errors).toBeUndefined();
  expect(fewSmall.data.a4.totalCount).toBe(1);
});

test('pages of preview rows are priced by their size, through a variable as through a literal', async () => {
  const schema = await buildAppSchema();
  const cost = (document: string, variables: Record<string, unknown> = {}) => {
    const parsed = parse(document);
    return workOf(schema, parsed, parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!, variables);
  };
  expect(cost('{ importPreview(id: 1) { rows(first: 200) { totalCount } } }')).toBe(10 + 200);
  expect(cost('query ($n: Int) { importPreview(id: 1) { rows(first: $n) { totalCount } } }', { n: 200 })).toBe(10 + 200);
  expect(cost('{ importPreview(id: 1) { rows { totalCount } } }')).toBe(10 + 50);
  const tenPages = await client.gql(`query ($n: Int) ${aliased(10, 'importPreview(id: 1) { rows(first: $n) { totalCount } }')}`, { n: 200 });
  expect(codeOf(tenPages)).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('a costly field inside a fragment is counted at each spread', async () => {
  const century = 'dashboard(from: "1900-01-01", to: "2999-12-31") { net }';
  expect((await client.gql(`{ ${century} }`)).errors).toBeUndefined();
  const result = await client.gql(`{ ...Long a: ${century} } fragment Long on Query { ${century} }`);
  expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
  const countsInFragments = await client.gql(
    `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: transactions(first: 5, filter: { search: "x" }) { ...Count }`).join(' ')} } fragment Count on TransactionConnection { totalCount }`,
  );
  expect(codeOf(countsInFragments)).toBe('GRAPHQL_VALIDATION_FAILED');
});

test("every document of the web client costs at most a quarter of the limit, with the largest variables it sends", async () => {
  const schema = await buildAppSchema();
  const web = loadWebOperations();
  expect(web.size).toBeGreaterThan(20);
  const today = new Date().toISOString().slice(0, 10);
  const aYearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
  // The list's page is 50, counted under a search; the dashboard's longest preset is twelve months.
  const variables = { from: aYearAgo, to: today, first: 50, withTotal: true, filter: { search: 'coffee' } };
  const costs = new Map<string, number>();
  for (const [name, operation] of web) {
    const document = parse(operation.document());
    const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    costs.set(name, workOf(schema, document, definition, variables));
  }
  for (const [name, cost] of costs) expect([name, cost <= MAX_WORK / 4]).toEqual([name, true]);
  // The two that do real work are priced: the test would catch a price that stopped counting.
  expect(costs.get('Dashboard')).toBe(10 + 13);
  expect(costs.get('Transactions')).toBe(10 + 50 + 300);
});

test('every document of the web client passes the request limits (depth, cost, aliases) as the server checks them', async () => {
  const schema = await buildAppSchema();
  const { validationRules, parseOptions } = graphqlArmor();
  const web = loadWebOperations();
  for (const [name, operation] of web) {
    const errors = validate(schema, parse(operation.document(), parseOptions), [...specifiedRules, ...validationRules]);
    expect([name, errors.map((error) => error.message)]).toEqual([name, []]);
  }
});

import { execute, getIntrospectionQuery, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { createContext } from '../src/api/graphql/context';
import { buildAppSchema } from '../src/api/graphql/schema';
import { loadWebOperations } from '../../test-kit/web-operations.cjs';
import { ApiClient, signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import { CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

/**
 * Queries run through graphql-jit (src/api/graphql/compiled-executor.ts). These tests hold it to
 * graphql-js: the same answers for every query the web client sends, and the same errors.
 */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const webQueries = [...loadWebOperations()].filter(([, operation]) => operation.kind === 'query');

interface Household {
  client: ApiClient;
  userId: number;
  transactions: string[];
  account: string;
  category: string;
  /** A preview of a statement (a typed coffee it matches, a duplicate line, an invalid one), kept uncommitted. */
  importPreview: string;
}

async function household(): Promise<Household> {
  const { client, user } = await signUp(running.baseUrl);
  const account = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Checking', openingBalance: '100.00' } })).createAccount.id;
  await client.ok(CREATE_ACCOUNT, { input: { name: 'Travel', currency: 'EUR' } });
  const category = (await client.ok(CREATE_CATEGORY, { input: { name: 'Coffee', kind: 'EXPENSE', color: '#6f4e37' } })).createCategory.id;
  const transactions: string[] = [];
  const thisYear = new Date().getUTCFullYear();
  for (const [day, amount, description, categoryId] of [
    ['01-05', '-3.50', 'Coffee at the corner', category],
    ['01-05', '-12.00', 'Lunch', null],
    ['02-10', '2500.00', 'Salary', null],
    ['02-11', '-4.20', 'Coffee beans', category],
    ['03-01', '-0.01', 'Rounding', null],
  ] as const) {
    const input = { accountId: account, date: `${thisYear}-${day}`, amount, description, notes: 'kept', categoryId };
    transactions.push((await client.ok(CREATE_TRANSACTION, { input })).createTransaction.id);
  }
  await client.upload(UPLOAD_RECEIPT, { transactionId: transactions[0] }, receiptFiles.png);
  const statement = `Date,Description,Amount\n${thisYear}-01-06,CORNER COFFEE,-3.50\n${thisYear}-03-02,BOOKS,-20.00\n${thisYear}-03-02,BOOKS,-20.00\n${thisYear}-03-03,NO AMOUNT,\n`;
  const preview = await client.upload('mutation ($a: ID!, $file: Upload!) { previewImport(accountId: $a, file: $file) { id } }', { a: account }, { name: 'bank.csv', type: 'text/csv', body: Buffer.from(statement) });
  return { client, userId: Number(user.id), transactions, account, category, importPreview: preview.data.previewImport.id };
}

/** The variables each web query is checked with: a query added to the client must be added here. */
function variablesFor(name: string, { transactions, account, category, importPreview }: Household): Record<string, unknown>[] | undefined {
  const year = new Date().getUTCFullYear();
  const cursorAfterTwo = Buffer.from(`${year}-02-10|${transactions[2]}`).toString('base64url');
  const byName: Record<string, Record<string, unknown>[]> = {
    Me: [{}],
    Accounts: [{}],
    Categories: [{}],
    // Without $withTotal, its default (true) applies: graphql-jit alone would refuse it.
    Transactions: [
      { first: 2 },
      { first: 2, withTotal: false, after: cursorAfterTwo },
      { first: 50, filter: { search: 'COFFEE' } },
      { first: 50, filter: { search: '-4.50' } },
      { first: 50, filter: { uncategorized: true, minAmount: '-100' } },
      { first: 50, filter: { accountId: account, categoryId: category, from: `${year}-02-01` } },
    ],
    Transaction: [{ id: transactions[0] }, { id: transactions[1] }],
    Dashboard: [{}, { from: `${year}-01-01`, to: `${year}-12-31` }],
    MonthlyTrend: [{ from: `${year}-01-01`, to: `${year}-12-31` }],
    ServerLimits: [{}],
    Sessions: [{}],
    ImportPreviewRows: [{ id: importPreview, first: 50 }, { id: importPreview, first: 1, status: 'NEW' }, { id: importPreview, first: 2, status: 'INVALID' }],
    ImportBatches: [{}, { accountId: account }],
    Rules: [{}],
    RuleSuggestions: [{}],
    BudgetMonth: [{ month: `${year}-01` }, { month: `${year}-02` }],
    BudgetHistory: [{ categoryId: category, from: `${year}-01`, to: `${year}-03` }],
  };
  return byName[name];
}

/**
 * The devices list depends on the request's own session (which one is current, its last use): the
 * graphql-js reference runs outside any session, so those two fields are left out of the comparison.
 */
function comparable(name: string, data: Record<string, unknown>): unknown {
  if (name !== 'Sessions') return data;
  return (data.sessions as Record<string, unknown>[]).map(({ current: _current, lastUsedAt: _lastUsedAt, ...rest }) => rest);
}

/** How many operations each executor has run so far, from /metrics. */
async function executions(): Promise<{ compiled: number; graphqlJs: number }> {
  const text = await (await new ApiClient(running.baseUrl).fetch('/metrics')).text();
  const count = (executor: string) => Number(new RegExp(`graphql_executions_total\\{executor="${executor}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return { compiled: count('compiled'), graphqlJs: count('graphql-js') };
}

test('every query the web client sends compiles', async () => {
  const schema = await buildAppSchema(running.app.services);
  expect(webQueries.length).toBeGreaterThanOrEqual(7);
  for (const [name, operation] of webQueries) {
    const compiled = compileQuery(schema, parse(operation.document()), name);
    expect({ name, compiled: isCompiledQuery(compiled) }).toEqual({ name, compiled: true });
  }
});

test('every query the web client sends answers, compiled, exactly what graphql-js answers', async () => {
  const data = await household();
  const schema = await buildAppSchema(running.app.services);
  const request = { session: { userId: data.userId } } as unknown as Parameters<typeof createContext>[1];
  const reference = async (document: string, variables: Record<string, unknown>) => {
    const contextValue = createContext(running.app.services, request, {} as Parameters<typeof createContext>[2]);
    const result = (await execute({ schema, document: parse(document), variableValues: variables, contextValue }));
    expect(result.errors).toBeUndefined();
    return JSON.parse(JSON.stringify(result.data));
  };
  const before = await executions();
  let requests = 0;
  for (const [name, operation] of webQueries) {
    const cases = variablesFor(name, data);
    expect({ name, cases: Array.isArray(cases) }).toEqual({ name, cases: true });
    for (const variables of cases!) {
      const expected = await reference(operation.document(), variables);
      // The first request compiles the document; the second runs the compiled one again.
      for (let round = 0; round < 2; round += 1) {
        const answer = await data.client.gql(operation.document(), variables);
        requests += 1;
        expect({ name, variables, errors: answer.errors }).toEqual({ name, variables, errors: undefined });
        expect(comparable(name, answer.data)).toEqual(comparable(name, expected));
      }
    }
  }
  // Every one of them ran compiled: none fell back to graphql-js (the default of $withTotal included).
  expect(await executions()).toEqual({ compiled: before.compiled + requests, graphqlJs: before.graphqlJs });
  const firstPage = await data.client.ok(webQueries.find(([name]) => name === 'Transactions')![1].document(), { first: 2 });
  expect(firstPage.transactions.totalCount).toBe(5);
});

test('directives on fragments, aliases, nested fragments and typenames answer, compiled, what graphql-js answers', async () => {
  const data = await household();
  const schema = await buildAppSchema(running.app.services);
  const request = { session: { userId: data.userId } } as unknown as Parameters<typeof createContext>[1];
  const fragments = `
    fragment Money on Transaction { amount account { currency } }
    fragment Row on Transaction { id date ...Money @include(if: $money) category @skip(if: $money) { name } }`;
  const documents = [
    `query ($money: Boolean!) { transactions(first: 3) { edges { node { ...Row } } } } ${fragments}`,
    `query ($money: Boolean!) { transactions(first: 3) { edges { node { ...Row @skip(if: $money) id } } } } ${fragments}`,
    `query ($money: Boolean!) { list: transactions(first: 2) { edges { n: node { __typename ... on Transaction @include(if: $money) { amount }
      ... @skip(if: $money) { description } } } } again: transactions(first: 1, filter: { search: "coffee" }) { totalCount } }`,
    `query ($money: Boolean! = false, $to: Date) { dashboard(to: $to) { byCategory { category { __typename name } total @include(if: $money) } } }`,
  ];
  for (const document of documents) {
    for (const money of [true, false]) {
      const variables = { money, to: `${new Date().getUTCFullYear()}-12-31` };
      const contextValue = createContext(running.app.services, request, {} as Parameters<typeof createContext>[2]);
      const reference = (await execute({ schema, document: parse(document), variableValues: variables, contextValue }));
      expect(reference.errors).toBeUndefined();
      for (let round = 0; round < 2; round += 1) {
        const answer = await data.client.gql(document, variables);
        expect({ document, money, errors: answer.errors }).toEqual({ document, money, errors: undefined });
        expect(answer.data).toEqual(JSON.parse(JSON.stringify(reference.data)));
      }
    }
  }
});

test('the standard introspection query (tools send it where introspection is on) answers, compiled, what graphql-js answers', async () => {
  const { client } = await signUp(running.baseUrl);
  const schema = await buildAppSchema(running.app.services);
  const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
  const expected = JSON.parse(JSON.stringify((await execute({ schema, document: parse(query) })).data));
  for (let round = 0; round < 2; round += 1) {
    const answer = await client.gql(query);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(expected);
  }
});

describe('errors are graphql-js errors', () => {
  const PAGE = 'query Page($first: Int!, $after: String) { transactions(first: $first, after: $after) { edges { cursor } } }';

  test('a bad variable is BAD_USER_INPUT with status 400, every time', async () => {
    const { client } = await signUp(running.baseUrl);
    for (let round = 0; round < 2; round += 1) {
      const answer = await client.gql(PAGE, { first: 'many' });
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0].message).toMatch(/^Variable "\$first" got invalid value "many"/);
    }
  });

  test("a service's error keeps its code, field and path", async () => {
    const { client } = await signUp(running.baseUrl);
    for (let round = 0; round < 2; round += 1) {
      const tooMany = await client.gql(PAGE, { first: 201 });
      expect(tooMany.status).toBe(200);
      expect(tooMany.errors).toEqual([
        { message: 'Ask for between 0 and 200 transactions.', path: ['transactions'], extensions: { code: 'BAD_USER_INPUT', field: 'first' } },
      ]);
      const missing = await client.gql('query One($id: ID!) { transaction(id: $id) { id } }', { id: '999999' });
      expect(missing.errors?.[0]).toMatchObject({ path: ['transaction'], extensions: { code: 'NOT_FOUND' } });
      const signedOut = await new ApiClient(running.baseUrl).gql(PAGE, { first: 1 });
      expect(signedOut.errors?.[0]).toMatchObject({ path: ['transactions'], extensions: { code: 'UNAUTHENTICATED' } });
    }
  });
});

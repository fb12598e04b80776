import { ApiClient, signUp } from './support/client';
import {
  codeOf,
  CREATE_ACCOUNT,
  CREATE_CATEGORY,
  CREATE_TRANSACTION,
  DELETE_TRANSACTION,
  fieldOf,
  GET_TRANSACTION,
  LIST_ACCOUNTS,
  LIST_TRANSACTIONS,
  UPDATE_TRANSACTION,
} from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

async function countOf(client: ApiClient): Promise<number> {
  return (await client.ok(LIST_TRANSACTIONS, { first: 0 })).transactions.totalCount;
}

describe('creating, reading, updating and deleting', () => {
  test('a transaction is created in the first account by default and reads back exactly', async () => {
    const { client } = await signUp(running.baseUrl);
    const [groceries] = (await client.ok('{ categories { id name } }')).categories.filter((c: { name: string }) => c.name === 'Groceries');
    const input = { date: '2025-03-14', amount: '-42.10', description: 'Market – “organic” 🥕', notes: 'Line one\nline two', categoryId: groceries.id };
    const created = (await client.ok(CREATE_TRANSACTION, { input })).createTransaction;
    expect(created).toMatchObject({ date: '2025-03-14', amount: '-42.10', description: input.description, notes: input.notes });
    expect(created.account.name).toBe('Cash');
    expect(created.category).toEqual({ id: groceries.id, name: 'Groceries', kind: 'EXPENSE' });
    expect(created.receipts).toEqual([]);
    const read = (await client.ok(GET_TRANSACTION, { id: created.id })).transaction;
    expect(read).toEqual(created);
    const { accounts } = await client.ok(LIST_ACCOUNTS);
    expect(accounts[0].balance).toBe('-42.10');
  });

  test('amounts are exact: many small amounts add up without float drift', async () => {
    const { client } = await signUp(running.baseUrl);
    for (let i = 0; i < 10; i += 1) await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '0.10' } });
    await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '9999999999.99' } });
    const { accounts } = await client.ok(LIST_ACCOUNTS);
    expect(accounts[0].balance).toBe('10000000000.99');
  });

  test('amounts are normalised to the currency’s decimals', async () => {
    const { client } = await signUp(running.baseUrl);
    const cases: [string, string][] = [['5', '5.00'], ['-0.5', '-0.50'], ['007.1', '7.10'], ['-0', '0.00']];
    for (const [sent, stored] of cases) {
      const { createTransaction } = await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: sent } });
      expect(createTransaction.amount).toBe(stored);
    }
  });

  test('yen have no decimals and dinars have three', async () => {
    const { client } = await signUp(running.baseUrl);
    const yen = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Tokyo', currency: 'JPY', openingBalance: '1000' } })).createAccount;
    const dinar = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Manama', currency: 'BHD' } })).createAccount;
    expect(yen.openingBalance).toBe('1000');
    const ok = await client.ok(CREATE_TRANSACTION, { input: { accountId: yen.id, date: '2025-01-01', amount: '-500' } });
    expect(ok.createTransaction.amount).toBe('-500');
    const bad = await client.gql(CREATE_TRANSACTION, { input: { accountId: yen.id, date: '2025-01-01', amount: '-5.5' } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const fils = await client.ok(CREATE_TRANSACTION, { input: { accountId: dinar.id, date: '2025-01-01', amount: '1.234' } });
    expect(fils.createTransaction.amount).toBe('1.234');
  });

  test('update changes only the fields given; categoryId null uncategorises', async () => {
    const { client } = await signUp(running.baseUrl);
    const category = (await client.ok(CREATE_CATEGORY, { input: { name: 'Hobby' } })).createCategory;
    const created = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-02-01', amount: '-10.00', description: 'Paint', notes: 'Blue', categoryId: category.id } })).createTransaction;
    const moved = (await client.ok(UPDATE_TRANSACTION, { id: created.id, input: { amount: '-11.00' } })).updateTransaction;
    expect(moved).toMatchObject({ amount: '-11.00', description: 'Paint', notes: 'Blue', date: '2025-02-01', category: { id: category.id } });
    expect(new Date(moved.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());
    const cleared = (await client.ok(UPDATE_TRANSACTION, { id: created.id, input: { categoryId: null, description: 'Paint set' } })).updateTransaction;
    expect(cleared).toMatchObject({ category: null, description: 'Paint set', amount: '-11.00' });
  });

  test('moving a transaction to another account moves its amount between the balances', async () => {
    const { client } = await signUp(running.baseUrl);
    const savings = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Savings', openingBalance: '50.00' } })).createAccount;
    const created = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-02-01', amount: '-10.00' } })).createTransaction;
    await client.ok(UPDATE_TRANSACTION, { id: created.id, input: { accountId: savings.id } });
    const balances = Object.fromEntries((await client.ok(LIST_ACCOUNTS)).accounts.map((a: { name: string; balance: string }) => [a.name, a.balance]));
    expect(balances).toEqual({ Cash: '0.00', Savings: '40.00' });
  });

  test('moving to an account in another currency needs the new amount', async () => {
    const { client } = await signUp(running.baseUrl);
    const euro = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Euro', currency: 'EUR' } })).createAccount;
    const created = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-02-01', amount: '-10.00' } })).createTransaction;
    const refused = await client.gql(UPDATE_TRANSACTION, { id: created.id, input: { accountId: euro.id } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(fieldOf(refused)).toBe('amount');
    const moved = (await client.ok(UPDATE_TRANSACTION, { id: created.id, input: { accountId: euro.id, amount: '-9.20' } })).updateTransaction;
    expect(moved).toMatchObject({ amount: '-9.20', account: { id: euro.id, currency: 'EUR' } });
  });

  test('delete removes it; deleting again or reading it is NOT_FOUND', async () => {
    const { client } = await signUp(running.baseUrl);
    const created = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-02-01', amount: '-1.00' } })).createTransaction;
    expect((await client.ok(DELETE_TRANSACTION, { id: created.id })).deleteTransaction).toBe(true);
    expect(codeOf(await client.gql(DELETE_TRANSACTION, { id: created.id }))).toBe('NOT_FOUND');
    const read = await client.gql(GET_TRANSACTION, { id: created.id });
    expect(codeOf(read)).toBe('NOT_FOUND');
    expect(read.data?.transaction).toBeNull();
    expect(await countOf(client)).toBe(0);
  });
});

describe('bad input is BAD_USER_INPUT, names the field, and stores nothing', () => {
  let client: ApiClient;
  let otherUsersCategory: string;
  beforeAll(async () => {
    client = (await signUp(running.baseUrl)).client;
    const other = (await signUp(running.baseUrl)).client;
    otherUsersCategory = (await other.ok(CREATE_CATEGORY, { input: { name: 'Theirs' } })).createCategory.id;
  });

  const valid = { date: '2025-04-01', amount: '-1.00' };
  test.each([
    ['amount', { amount: '1.234' }],
    ['amount', { amount: 'abc' }],
    ['amount', { amount: '1e3' }],
    ['amount', { amount: '1,000.00' }],
    ['amount', { amount: '' }],
    ['amount', { amount: ' ' }],
    ['amount', { amount: '+5' }],
    ['amount', { amount: '99999999999999999999999' }],
    ['amount', { amount: '100000000000.01' }],
    ['amount', { amount: 12.5 }],
    ['date', { date: '2025-02-30' }],
    ['date', { date: '2025-13-01' }],
    ['date', { date: '25-01-01' }],
    ['date', { date: '2025-01-01T00:00:00Z' }],
    ['date', { date: '' }],
    ['description', { description: 'd'.repeat(10_000) }],
    ['description', { description: 'bell\u0007' }],
    ['description', { description: 'half a pair \ud800' }],
    ['notes', { notes: 'n'.repeat(10_000) }],
    ['categoryId', { categoryId: '999999' }],
    ['categoryId', { categoryId: 'abc' }],
    ['accountId', { accountId: '999999' }],
  ])('%s, case %#', async (field, override) => {
    const result = await client.gql(CREATE_TRANSACTION, { input: { ...valid, ...override } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe(field);
    expect(result.errors?.[0].message).toBeTruthy();
    expect(await countOf(client)).toBe(0);
  });

  test('another user’s category id is refused exactly like an unknown one', async () => {
    const foreign = await client.gql(CREATE_TRANSACTION, { input: { ...valid, categoryId: otherUsersCategory } });
    const unknown = await client.gql(CREATE_TRANSACTION, { input: { ...valid, categoryId: '999999' } });
    expect(foreign.errors).toEqual(unknown.errors);
    expect(await countOf(client)).toBe(0);
  });

  test('a bad literal in the query text is BAD_USER_INPUT too', async () => {
    const result = await client.gql('mutation { createTransaction(input: { date: "2025-02-30", amount: "1.00" }) { id } }');
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    const enumResult = await client.gql('mutation { createCategory(input: { name: "X", kind: SPENDING }) { id } }');
    expect(codeOf(enumResult)).toBe('BAD_USER_INPUT');
    const enumVariable = await client.gql('mutation ($k: CategoryKind) { createCategory(input: { name: "X", kind: $k }) { id } }', { k: 'SPENDING' });
    expect(codeOf(enumVariable)).toBe('BAD_USER_INPUT');
    expect(await countOf(client)).toBe(0);
  });

  test('a failed update changes nothing', async () => {
    const created = (await client.ok(CREATE_TRANSACTION, { input: { ...valid, description: 'Keep me' } })).createTransaction;
    const result = await client.gql(UPDATE_TRANSACTION, { id: created.id, input: { description: 'Changed', amount: '1.001' } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect((await client.ok(GET_TRANSACTION, { id: created.id })).transaction).toEqual(created);
    await client.ok(DELETE_TRANSACTION, { id: created.id });
  });

  test('unknown ids of the thing being changed are NOT_FOUND', async () => {
    for (const id of ['999999', 'abc', '-1', '0']) {
      expect(codeOf(await client.gql(UPDATE_TRANSACTION, { id, input: { amount: '1.00' } }))).toBe('NOT_FOUND');
      expect(codeOf(await client.gql(GET_TRANSACTION, { id }))).toBe('NOT_FOUND');
    }
  });

  test('page size and cursor are checked', async () => {
    expect(codeOf(await client.gql(LIST_TRANSACTIONS, { first: 201 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await client.gql(LIST_TRANSACTIONS, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await client.gql(LIST_TRANSACTIONS, { after: 'not a cursor' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await client.gql(LIST_TRANSACTIONS, { filter: { from: '2025-02-31' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('listing, filtering and searching', () => {
  let client: ApiClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    client = (await signUp(running.baseUrl)).client;
    const card = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Card' } })).createAccount;
    const food = (await client.ok(CREATE_CATEGORY, { input: { name: 'Food' } })).createCategory;
    ids.card = card.id;
    ids.food = food.id;
    const rows = [
      { key: 'salary', date: '2025-01-31', amount: '3000.00', description: 'ACME payroll' },
      { key: 'bakery', date: '2025-02-01', amount: '-4.50', description: 'Bäckerei Müller', categoryId: food.id, accountId: card.id },
      { key: 'market', date: '2025-02-03', amount: '-62.00', description: 'Farmers market', notes: 'ÄPFEL and pears', categoryId: food.id },
      { key: 'percent', date: '2025-02-05', amount: '-10.00', description: '100% juice_box' },
      { key: 'rent', date: '2025-03-01', amount: '-1200.00', description: 'Rent March', accountId: card.id },
    ];
    for (const { key, ...input } of rows) ids[key] = (await client.ok(CREATE_TRANSACTION, { input })).createTransaction.id;
  });

  async function descriptions(filter: Record<string, unknown>): Promise<string[]> {
    const { transactions } = await client.ok(LIST_TRANSACTIONS, { filter });
    expect(transactions.totalCount).toBe(transactions.edges.length);
    return transactions.edges.map((edge: { node: { description: string } }) => edge.node.description);
  }

  test('newest first by date', async () => {
    expect(await descriptions({})).toEqual(['Rent March', '100% juice_box', 'Farmers market', 'Bäckerei Müller', 'ACME payroll']);
  });

  test.each([
    ['account', () => ({ accountId: ids.card }), ['Rent March', 'Bäckerei Müller']],
    ['category', () => ({ categoryId: ids.food }), ['Farmers market', 'Bäckerei Müller']],
    ['uncategorised', () => ({ uncategorized: true }), ['Rent March', '100% juice_box', 'ACME payroll']],
    ['date range', () => ({ from: '2025-02-01', to: '2025-02-03' }), ['Farmers market', 'Bäckerei Müller']],
    ['search in description, any case', () => ({ search: 'MARKET' }), ['Farmers market']],
    ['search beyond ASCII', () => ({ search: 'bäckerei' }), ['Bäckerei Müller']],
    ['search in notes', () => ({ search: 'äpfel' }), ['Farmers market']],
    ['search treats % and _ literally', () => ({ search: '% juice_' }), ['100% juice_box']],
    ['search for _ alone', () => ({ search: '_' }), ['100% juice_box']],
    ['money in', () => ({ minAmount: '0.01' }), ['ACME payroll']],
    ['money out between 5 and 100', () => ({ minAmount: '-100', maxAmount: '-5' }), ['100% juice_box', 'Farmers market']],
    ['combined', () => ({ categoryId: ids.food, accountId: ids.card, search: 'müller' }), ['Bäckerei Müller']],
    ['someone else’s account id finds nothing', () => ({ accountId: '999999' }), []],
  ])('%s', async (_name, filter, expected) => {
    expect(await descriptions(filter())).toEqual(expected);
  });

  test('a bad amount bound is BAD_USER_INPUT', async () => {
    const result = await client.gql(LIST_TRANSACTIONS, { filter: { minAmount: '1.001' } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('minAmount');
  });
});

describe('keyset pagination', () => {
  test('walks every row once, with no duplicates or gaps, while rows are being added', async () => {
    const { client } = await signUp(running.baseUrl);
    const dates = ['2024-12-31', '2025-01-01', '2025-01-02'];
    const initial: string[] = [];
    for (let i = 0; i < 45; i += 1) {
      const { createTransaction } = await client.ok(CREATE_TRANSACTION, { input: { date: dates[i % 3], amount: `-${i + 1}.00`, description: `row ${i}` } });
      initial.push(createTransaction.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let lastKey: string | null = null;
    do {
      const { transactions }: any = await client.ok(LIST_TRANSACTIONS, { first: 7, after });
      for (const { node } of transactions.edges) {
        const key = `${node.date}|${String(node.id).padStart(10, '0')}`;
        if (lastKey !== null) expect(key < lastKey).toBe(true);
        lastKey = key;
        seen.push(node.id);
      }
      after = transactions.pageInfo.hasNextPage ? transactions.pageInfo.endCursor : null;
      pages += 1;
      // Someone adds rows while we read: newer ones land before the cursor, older ones after it.
      if (pages === 2) {
        await client.ok(CREATE_TRANSACTION, { input: { date: '2025-06-01', amount: '-1.00', description: 'newer' } });
        const older = (await client.ok(CREATE_TRANSACTION, { input: { date: '2020-01-01', amount: '-1.00', description: 'older' } })).createTransaction;
        initial.push(older.id);
      }
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...initial].sort());
    expect(pages).toBe(7);
  });

  test('first: 0 answers only the count', async () => {
    const { client } = await signUp(running.baseUrl);
    await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '1.00' } });
    const { transactions } = await client.ok(LIST_TRANSACTIONS, { first: 0 });
    expect(transactions).toEqual({ totalCount: 1, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });
});

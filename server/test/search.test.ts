import { ApiClient, signUp } from './support/client';
import { CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const SEARCH = `query ($filter: TransactionFilter) {
  transactions(filter: $filter, first: 50) { totalCount totals { currency amount count } edges { node { description amount } } } }`;

let running: RunningApp;
let client: ApiClient;

beforeAll(async () => {
  running = await startTestApp({ RECEIPT_MAX_MB: '3' });
  client = (await signUp(running.baseUrl, { currency: 'USD' })).client;
  const pets = (await client.ok(CREATE_CATEGORY, { input: { name: 'Pet food', kind: 'EXPENSE' } })).createCategory;
  const yen = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Tokyo wallet', currency: 'JPY' } })).createAccount;
  const rows = [
    { date: '2025-03-01', amount: '-38.50', description: 'Kibble', categoryId: pets.id },
    { date: '2025-03-02', amount: '38.50', description: 'Refund' },
    { date: '2025-03-03', amount: '-12.00', description: 'Bakery', notes: 'bread for the dog' },
    { date: '2025-03-04', amount: '-3850', description: 'Ramen', accountId: yen.id },
    { date: '2025-03-05', amount: '-4000', description: 'Treats', accountId: yen.id, categoryId: pets.id },
  ];
  for (const input of rows) await client.ok(CREATE_TRANSACTION, { input });
});
afterAll(() => running.destroy());

async function search(filter: Record<string, unknown>) {
  const { transactions } = await client.ok(SEARCH, { filter });
  return { ...transactions, descriptions: transactions.edges.map((edge: { node: { description: string } }) => edge.node.description).sort() };
}

describe('searching transactions', () => {
  test('a search finds the category by name, not only description and notes', async () => {
    const found = await search({ search: 'PET FO' });
    expect(found.descriptions).toEqual(['Kibble', 'Treats']);
    expect(found.totalCount).toBe(2);
    // Description and notes still match as before.
    expect((await search({ search: 'dog' })).descriptions).toEqual(['Bakery']);
  });

  test('an amount finds money in and out of exactly that amount; a sign or a decimal comma narrows or reads it', async () => {
    expect((await search({ search: '38.50' })).descriptions).toEqual(['Kibble', 'Refund']);
    expect((await search({ search: '38,50' })).descriptions).toEqual(['Kibble', 'Refund']);
    expect((await search({ search: '-38.50' })).descriptions).toEqual(['Kibble']);
    expect((await search({ search: '+38.50' })).descriptions).toEqual(['Refund']);
    // In a yen account 38.50 is no amount (yen have no decimals); 3850 is, and only there.
    expect((await search({ search: '3850' })).descriptions).toEqual(['Ramen']);
    expect((await search({ search: '38.5' })).descriptions).toEqual(['Kibble', 'Refund']);
    expect((await search({ search: '38.501' })).descriptions).toEqual([]);
  });

  test('search combines with the other filters', async () => {
    expect((await search({ search: 'pet', from: '2025-03-02' })).descriptions).toEqual(['Treats']);
    expect((await search({ search: '38.50', maxAmount: '0' })).descriptions).toEqual(['Kibble']);
  });
});

describe('the total of what matches', () => {
  test('totals sum the matching transactions per currency, exactly', async () => {
    expect((await search({ search: 'pet' })).totals).toEqual([
      { currency: 'JPY', amount: '-4000', count: 1 },
      { currency: 'USD', amount: '-38.50', count: 1 },
    ]);
    expect((await search({ search: '38.50' })).totals).toEqual([{ currency: 'USD', amount: '0.00', count: 2 }]);
    expect((await search({ from: '2025-03-02', to: '2025-03-03' })).totals).toEqual([{ currency: 'USD', amount: '26.50', count: 2 }]);
  });

  test('nothing matching sums to no entries', async () => {
    expect((await search({ search: 'no such thing' })).totals).toEqual([]);
  });

  test('another user’s transactions are never in the sum', async () => {
    const other = (await signUp(running.baseUrl, { currency: 'USD' })).client;
    const { transactions } = await other.ok(SEARCH, { filter: { search: 'pet' } });
    expect(transactions.totals).toEqual([]);
    expect(transactions.totalCount).toBe(0);
  });
});

describe('the limits the server publishes', () => {
  test('the receipt size limit comes from RECEIPT_MAX_MB, even before signing in', async () => {
    const anonymous = new ApiClient(running.baseUrl);
    const { serverLimits } = await anonymous.ok('{ serverLimits { receiptMaxBytes } }');
    expect(serverLimits.receiptMaxBytes).toBe(3 * 1024 * 1024);
  });
});

describe('the dashboard names what it leaves out', () => {
  test('accounts in another currency are counted per currency', async () => {
    const { dashboard } = await client.ok('{ dashboard(from: "2025-03-01", to: "2025-03-31") { currency expenses otherCurrencies { currency accountCount } } }');
    expect(dashboard).toEqual({ currency: 'USD', expenses: '50.50', otherCurrencies: [{ currency: 'JPY', accountCount: 1 }] });
  });
});

import { ApiClient, signUp } from './support/client';
import { CREATE_ACCOUNT, CREATE_CATEGORY } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const PREVIEW = `mutation ($accountId: ID!, $file: Upload!) {
  previewImport(accountId: $accountId, file: $file) {
    id newCount invalidCount
    rows(first: 100) { edges { node { line date amount description notes status error
      splits { amount category { id name } categoryName notes transferAccount { id name } } } } }
  } }`;
const COMMIT = `mutation ($previewId: ID!) { commitImport(previewId: $previewId) { id createdCount skippedCount } }`;
const UNDO = `mutation ($batchId: ID!) { undoImport(batchId: $batchId) { id undone } }`;
const TRANSACTIONS = `query ($filter: TransactionFilter) { transactions(filter: $filter, first: 100) {
  edges { node { id date amount description notes category { id name } } } } }`;
const CATEGORIES = `{ categories { id name } }`;

const qif = (text: string) => ({ name: 'money.qif', type: 'application/qif', body: Buffer.from(text) });

/** A receipt split three ways (one part a transfer), a split that does not add up, categories by name, parts nobody has. */
const SPLITS = qif(`!Type:Bank
D3/15'26
T-15.50
PPharmacy Mart
MWeekly shop
L--Split--
SFood:Groceries
EFruit
$-12.00
Shealth/Family
$-3.49
S[savings]
ERound-up
$-0.01
^
D3/16'26
T-20.00
PMarket
SGroceries
$-12.00
SHealth
$-7.00
^
D3/17'26
T-42.10
PGrocery Mart
LFood:Groceries
^
D3/18'26
T-9.99
PStreaming
LHobbies:Films
^
D3/19'26
T-100.00
PPet Shop
SPets
$-60.00
S[Brokerage]
$-30.00
S[Checking]
$-10.00
^
D3/20'26
T2500.00
PACME
LSalary
^
`);

interface Split {
  amount: string;
  category: { id: string; name: string } | null;
  categoryName: string | null;
  notes: string;
  transferAccount: { id: string; name: string } | null;
}
interface Row {
  line: number;
  date: string | null;
  amount: string | null;
  description: string;
  notes: string;
  status: string;
  error: string | null;
  splits: Split[];
}

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

async function newUser(): Promise<{ client: ApiClient; accountId: string; savingsId: string; categoryId: (name: string) => string }> {
  const { client } = await signUp(running.baseUrl, { currency: 'USD' });
  const { createAccount } = await client.ok(CREATE_ACCOUNT, { input: { name: 'Checking', currency: 'USD' } });
  const savings = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Savings', currency: 'USD' } })).createAccount;
  const { categories } = await client.ok(CATEGORIES);
  const byName = new Map((categories as { id: string; name: string }[]).map((category) => [category.name, category.id]));
  return { client, accountId: createAccount.id, savingsId: savings.id, categoryId: (name) => byName.get(name)! };
}

async function preview(client: ApiClient, accountId: string, file: ReturnType<typeof qif>): Promise<{ id: string; newCount: number; invalidCount: number; rows: Row[] }> {
  const result = await client.upload(PREVIEW, { accountId }, file);
  expect(result.errors).toBeUndefined();
  const preview = result.data.previewImport;
  return { ...preview, rows: preview.rows.edges.map((edge: { node: Row }) => edge.node) as Row[] };
}

test('a QIF split record previews with its parts, their categories and transfer account resolved by name', async () => {
  // Another user's account and category of the names the file gives are never theirs to resolve to.
  const stranger = await signUp(running.baseUrl, { currency: 'USD' });
  await stranger.client.ok(CREATE_ACCOUNT, { input: { name: 'Brokerage', currency: 'USD' } });
  await stranger.client.ok(CREATE_CATEGORY, { input: { name: 'Pets', kind: 'EXPENSE', color: '#123456' } });
  const { client, accountId, savingsId, categoryId } = await newUser();

  const result = await preview(client, accountId, SPLITS);
  expect(result).toMatchObject({ newCount: 5, invalidCount: 1 });
  const [shop, market, grocer, streaming, pets, salary] = result.rows;
  expect(shop).toEqual({
    line: 2, date: '2026-03-15', amount: '-15.50', description: 'Pharmacy Mart', notes: 'Weekly shop', status: 'NEW', error: null,
    splits: [
      // "Food:Groceries" is the category named after its last part; "health" is "Health", case aside
      { amount: '-12.00', category: { id: categoryId('Groceries'), name: 'Groceries' }, categoryName: 'Food:Groceries', notes: 'Fruit', transferAccount: null },
      { amount: '-3.49', category: { id: categoryId('Health'), name: 'Health' }, categoryName: 'health', notes: '', transferAccount: null },
      { amount: '-0.01', category: null, categoryName: null, notes: 'Round-up', transferAccount: { id: savingsId, name: 'Savings' } },
    ],
  });
  expect(market).toMatchObject({
    line: 16, status: 'INVALID', amount: null, error: "The split lines add up to -19.00, not to the transaction's -20.00: a difference of -1.00.",
  });
  expect(market.splits.map((split) => [split.amount, split.category?.name])).toEqual([['-12.00', 'Groceries'], ['-7.00', 'Health']]);
  expect([grocer, streaming, salary].map((row) => [row.status, row.splits])).toEqual([['NEW', []], ['NEW', []], ['NEW', []]]);
  // Names nobody of the owner's has resolve to nothing; the import's own account is no transfer's other side.
  expect(pets.splits).toEqual([
    { amount: '-60.00', category: null, categoryName: 'Pets', notes: '', transferAccount: null },
    { amount: '-30.00', category: null, categoryName: null, notes: '', transferAccount: null },
    { amount: '-10.00', category: null, categoryName: null, notes: '', transferAccount: null },
  ]);
});

test('a split amount with more decimals than the account currency makes the row INVALID, naming the split', async () => {
  const { client, accountId } = await newUser();
  const result = await preview(client, accountId, qif("!Type:Bank\nD3/15'26\nT-1.50\nPShop\nSGroceries\n$-1.495\nSHealth\n$-0.005\n^\n"));
  expect(result.rows).toEqual([expect.objectContaining({ status: 'INVALID', error: expect.stringMatching(/^Split 1, amount -1\.495: /), splits: [] })]);
});

test("a new row gets the category its L line names when the owner has it; an undo removes the rows", async () => {
  const { client, accountId, categoryId } = await newUser();
  const result = await preview(client, accountId, SPLITS);
  const batch = (await client.ok(COMMIT, { previewId: result.id })).commitImport;
  expect(batch).toMatchObject({ createdCount: 5, skippedCount: 1 });
  const listed = async () =>
    ((await client.ok(TRANSACTIONS, { filter: { accountId } })).transactions.edges as { node: { description: string; amount: string; category: { id: string } | null } }[])
      .map(({ node }) => [node.description, node.amount, node.category?.id ?? null])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
  expect(await listed()).toEqual([
    ['ACME', '2500.00', categoryId('Salary')],
    ['Grocery Mart', '-42.10', categoryId('Groceries')],
    ['Pet Shop', '-100.00', null],
    ['Pharmacy Mart', '-15.50', null],
    ['Streaming', '-9.99', null],
  ]);
  expect((await client.ok(UNDO, { batchId: batch.id })).undoImport.undone).toBe(true);
  expect(await listed()).toEqual([]);
});

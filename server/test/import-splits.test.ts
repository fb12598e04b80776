import { ApiClient, signUp } from './support/client';
import { CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION } from './support/operations';
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
  edges { node { id date amount description notes kind category { id name } account { id }
    splits { amount notes category { id name } transfer { outflow { id } inflow { id account { id } } } } } } } }`;
const ACCOUNTS = `{ accounts { id balance } }`;
const LINK = `mutation ($outflowId: ID!, $inflowId: ID!) { linkTransfer(outflowId: $outflowId, inflowId: $inflowId) { id } }`;
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
$-5.00
S[euro cash]
$-5.00
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

interface User {
  client: ApiClient;
  userId: string;
  accountId: string;
  savingsId: string;
  categoryId: (name: string) => string;
}

async function newUser(): Promise<User> {
  const { client, user } = await signUp(running.baseUrl, { currency: 'USD' });
  const { createAccount } = await client.ok(CREATE_ACCOUNT, { input: { name: 'Checking', currency: 'USD' } });
  const savings = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Savings', currency: 'USD' } })).createAccount;
  await client.ok(CREATE_ACCOUNT, { input: { name: 'Euro cash', currency: 'EUR' } });
  const { categories } = await client.ok(CATEGORIES);
  const byName = new Map((categories as { id: string; name: string }[]).map((category) => [category.name, category.id]));
  return { client, userId: user.id, accountId: createAccount.id, savingsId: savings.id, categoryId: (name) => byName.get(name)! };
}

async function preview(client: ApiClient, accountId: string, file: ReturnType<typeof qif>): Promise<{ id: string; newCount: number; invalidCount: number; rows: Row[] }> {
  const result = await client.upload(PREVIEW, { accountId }, file);
  expect(result.errors).toBeUndefined();
  const preview = result.data.previewImport;
  return { ...preview, rows: preview.rows.edges.map((edge: { node: Row }) => edge.node) as Row[] };
}

interface Listed {
  id: string;
  date: string;
  amount: string;
  description: string;
  notes: string;
  kind: string;
  category: { id: string; name: string } | null;
  account: { id: string };
  splits: { amount: string; notes: string; category: { id: string; name: string } | null; transfer: { outflow: { id: string }; inflow: { id: string; account: { id: string } } } | null }[];
}

async function transactionsOf(client: ApiClient, accountId: string): Promise<Listed[]> {
  const { transactions } = await client.ok(TRANSACTIONS, { filter: { accountId } });
  return (transactions.edges as { node: Listed }[]).map(({ node }) => node).sort((a, b) => a.date.localeCompare(b.date) || a.description.localeCompare(b.description));
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
  // Names the owner has nothing of resolve to nothing, and a transfer part without its account says where the money went.
  // The import's own account and one in another currency are no transfer part's other side.
  expect(pets.splits).toEqual([
    { amount: '-60.00', category: null, categoryName: 'Pets', notes: '', transferAccount: null },
    { amount: '-30.00', category: null, categoryName: null, notes: 'Transfer to Brokerage', transferAccount: null },
    { amount: '-5.00', category: null, categoryName: null, notes: 'Transfer to Checking', transferAccount: null },
    { amount: '-5.00', category: null, categoryName: null, notes: 'Transfer to euro cash', transferAccount: null },
  ]);
});

test('split amounts with more decimals than the currency, or more parts than a transaction takes, make the row INVALID; lines of 0 are left out', async () => {
  const { client, accountId } = await newUser();
  const lines = (count: number) => Array.from({ length: count }, () => 'SGroceries\n$-0.01').join('\n');
  const result = await preview(
    client,
    accountId,
    qif(`!Type:Bank\nD3/15'26\nT-1.50\nPShop\nSGroceries\n$-1.495\nSHealth\n$-0.005\n^\nD3/16'26\nT-1.01\nPMany\n${lines(101)}\n^\nD3/17'26\nT-1.00\nPMemo line\nSGroceries\n$-1.00\nSHealth\nEA note\n$0.00\n^\nD3/18'26\nT4.00\nPRefund\nSSalary\n$3.00\nS[Nowhere]\nEDeposit back\n$1.00\n^\n`),
  );
  expect(result.rows).toEqual([
    expect.objectContaining({ status: 'INVALID', error: expect.stringMatching(/^Split 1, amount -1\.495: /), splits: [] }),
    expect.objectContaining({ status: 'INVALID', error: 'The transaction has 101 split lines; a transaction takes at most 100 parts.', splits: [] }),
    expect.objectContaining({ status: 'NEW', amount: '-1.00', splits: [expect.objectContaining({ amount: '-1.00', categoryName: 'Groceries' })] }),
    expect.objectContaining({
      status: 'NEW',
      splits: [
        expect.objectContaining({ amount: '3.00', category: expect.objectContaining({ name: 'Salary' }) }),
        expect.objectContaining({ amount: '1.00', notes: 'Deposit back (transfer from Nowhere)', transferAccount: null }),
      ],
    }),
  ]);
});

test('a commit makes the parts, a transfer part with its other leg; a new row gets the category its L line names; undo removes it all', async () => {
  const { client, userId, accountId, savingsId, categoryId } = await newUser();
  const result = await preview(client, accountId, SPLITS);
  // Names are matched again at commit: a category made since the preview is used.
  const pets = (await client.ok(CREATE_CATEGORY, { input: { name: 'Pets', kind: 'EXPENSE', color: '#123456' } })).createCategory;
  const batch = (await client.ok(COMMIT, { previewId: result.id })).commitImport;
  expect(batch).toMatchObject({ createdCount: 5, skippedCount: 1 });

  const rows = await transactionsOf(client, accountId);
  expect(rows.map((row) => [row.description, row.amount, row.kind, row.category?.id ?? null])).toEqual([
    ['Pharmacy Mart', '-15.50', 'EXPENSE', null],
    ['Grocery Mart', '-42.10', 'EXPENSE', categoryId('Groceries')],
    ['Streaming', '-9.99', 'EXPENSE', null],
    ['Pet Shop', '-100.00', 'EXPENSE', null],
    ['ACME', '2500.00', 'INCOME', categoryId('Salary')],
  ]);
  const [shop, , , petShop] = rows;
  const [leg] = await transactionsOf(client, savingsId);
  expect(shop.splits).toEqual([
    { amount: '-12.00', notes: 'Fruit', category: { id: categoryId('Groceries'), name: 'Groceries' }, transfer: null },
    { amount: '-3.49', notes: '', category: { id: categoryId('Health'), name: 'Health' }, transfer: null },
    { amount: '-0.01', notes: 'Round-up', category: null, transfer: { outflow: { id: shop.id }, inflow: { id: leg.id, account: { id: savingsId } } } },
  ]);
  expect(leg).toMatchObject({ date: '2026-03-15', amount: '0.01', kind: 'TRANSFER', splits: [] });
  expect(petShop.splits.map((split) => [split.amount, split.notes, split.category, split.transfer])).toEqual([
    ['-60.00', '', { id: pets.id, name: 'Pets' }, null],
    ['-30.00', 'Transfer to Brokerage', null, null],
    ['-5.00', 'Transfer to Checking', null, null],
    ['-5.00', 'Transfer to euro cash', null, null],
  ]);
  // A filter by category finds the split transaction by its part; a search finds a part's note.
  const found = async (filter: object) => (await client.ok(TRANSACTIONS, { filter })).transactions.edges.map(({ node }: { node: Listed }) => node.id).sort();
  expect(await found({ accountId, categoryId: categoryId('Health') })).toEqual([shop.id]);
  expect(await found({ accountId, categoryId: pets.id })).toEqual([petShop.id]);
  expect(await found({ search: 'to brokerage' })).toEqual([petShop.id]);
  // (the leg has the part's note as its own)
  const bySearch = (await client.ok(TRANSACTIONS, { filter: { search: 'Round-up' } })).transactions.edges.map(({ node }: { node: Listed }) => node.id);
  expect(bySearch.sort()).toEqual([shop.id, leg.id].sort());
  const balances = async () => Object.fromEntries(((await client.ok(ACCOUNTS)).accounts as { id: string; balance: string }[]).map((account) => [account.id, account.balance]));
  expect(await balances()).toMatchObject({ [accountId]: '2332.41', [savingsId]: '0.01' });

  const owned = async (table: string) => Number((await running.app.dataSource.query(`SELECT COUNT(*) AS "n" FROM "${table}" WHERE "user_id" = ${Number(userId)}`))[0].n);
  expect([await owned('transaction_splits'), await owned('transfers')]).toEqual([7, 1]);
  expect((await client.ok(UNDO, { batchId: batch.id })).undoImport.undone).toBe(true);
  expect(await transactionsOf(client, accountId)).toEqual([]);
  // The leg the transfer part made goes with it; the parts go with their transactions.
  expect(await transactionsOf(client, savingsId)).toEqual([]);
  expect([await owned('transaction_splits'), await owned('transfers'), await owned('transactions')]).toEqual([0, 0, 0]);
  expect(await balances()).toMatchObject({ [accountId]: '0.00', [savingsId]: '0.00' });
});

test('undo leaves a leg the user linked since, unlinked', async () => {
  const { client, accountId, savingsId } = await newUser();
  const result = await preview(client, accountId, qif("!Type:Bank\nD3/21'26\nT-250.00\nPTo savings\nL[Savings]\n^\n"));
  const batch = (await client.ok(COMMIT, { previewId: result.id })).commitImport;
  const [imported] = await transactionsOf(client, accountId);
  const typed = (await client.ok(CREATE_TRANSACTION, { input: { accountId: savingsId, date: '2026-03-21', amount: '250.00', description: 'From checking' } })).createTransaction;
  await client.ok(LINK, { outflowId: imported.id, inflowId: typed.id });
  await client.ok(UNDO, { batchId: batch.id });
  expect((await transactionsOf(client, savingsId)).map((row) => [row.id, row.kind])).toEqual([[typed.id, 'INCOME']]);
});

test('a split row is offered no whole-row transfer and is not linked as one when ticked; its transfer parts are its legs', async () => {
  const { client, accountId, savingsId } = await newUser();
  const lookalike = (await client.ok(CREATE_TRANSACTION, { input: { accountId: savingsId, date: '2026-03-15', amount: '15.50', description: 'Looks like the other leg' } })).createTransaction;
  const grocer = (await client.ok(CREATE_TRANSACTION, { input: { accountId: savingsId, date: '2026-03-17', amount: '42.10', description: 'Refund' } })).createTransaction;
  const result = await client.upload(
    `mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) { id rows { edges { node { line transferSuggestion { id } } } } } }`,
    { accountId },
    SPLITS,
  );
  expect(result.errors).toBeUndefined();
  const suggestions = (result.data.previewImport.rows.edges as { node: { line: number; transferSuggestion: { id: string } | null } }[]).map(({ node }) => [node.line, node.transferSuggestion?.id ?? null]);
  // the plain row is offered its look-alike; the split one (line 2) is not
  expect(suggestions.filter(([, suggested]) => suggested !== null)).toEqual([[24, grocer.id]]);
  expect(suggestions).toContainEqual([2, null]);
  await client.ok(`mutation ($previewId: ID!, $link: [Int!]) { commitImport(previewId: $previewId, linkTransfers: $link) { id } }`, { previewId: result.data.previewImport.id, link: [2, 24] });
  const kinds = Object.fromEntries((await transactionsOf(client, savingsId)).map((row) => [row.id, row.kind]));
  expect(kinds[lookalike.id]).toBe('INCOME');
  expect(kinds[grocer.id]).toBe('TRANSFER');
  const shop = (await transactionsOf(client, accountId)).find((row) => row.description === 'Pharmacy Mart')!;
  expect([shop.kind, shop.splits.length, shop.splits[2].transfer?.inflow.account.id]).toEqual(['EXPENSE', 3, savingsId]);
});

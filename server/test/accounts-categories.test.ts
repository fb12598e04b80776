import { signUp } from './support/client';
import {
  codeOf,
  CREATE_ACCOUNT,
  CREATE_CATEGORY,
  CREATE_TRANSACTION,
  DELETE_ACCOUNT,
  DELETE_CATEGORY,
  fieldOf,
  GET_TRANSACTION,
  LIST_ACCOUNTS,
  LIST_CATEGORIES,
  LIST_TRANSACTIONS,
  UPDATE_ACCOUNT,
  UPDATE_CATEGORY,
} from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

describe('accounts', () => {
  test('create in the user’s currency by default, with an opening balance that counts in the balance', async () => {
    const { client } = await signUp(running.baseUrl, { currency: 'EUR' });
    const created = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Girokonto', openingBalance: '1250.5' } })).createAccount;
    expect(created).toMatchObject({ name: 'Girokonto', currency: 'EUR', openingBalance: '1250.50', balance: '1250.50', archived: false });
    await client.ok(CREATE_TRANSACTION, { input: { accountId: created.id, date: '2025-01-01', amount: '-250.25' } });
    await client.ok(CREATE_TRANSACTION, { input: { accountId: created.id, date: '2025-01-02', amount: '100.00' } });
    const account = (await client.ok(LIST_ACCOUNTS)).accounts.find((a: { id: string }) => a.id === created.id);
    expect(account.balance).toBe('1100.25');
  });

  test('rename, archive and change the opening balance', async () => {
    const { client } = await signUp(running.baseUrl);
    const created = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Old' } })).createAccount;
    await client.ok(CREATE_TRANSACTION, { input: { accountId: created.id, date: '2025-01-01', amount: '5.00' } });
    const updated = (await client.ok(UPDATE_ACCOUNT, { id: created.id, input: { name: 'New', archived: true, openingBalance: '10.00' } })).updateAccount;
    expect(updated).toMatchObject({ name: 'New', archived: true, openingBalance: '10.00', balance: '15.00', currency: 'USD' });
  });

  test('correcting the opening balance moves the balance by the difference, transactions untouched', async () => {
    const { client } = await signUp(running.baseUrl, { currency: 'EUR' });
    const created = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Girokonto', openingBalance: '100.00' } })).createAccount;
    await client.ok(CREATE_TRANSACTION, { input: { accountId: created.id, date: '2025-01-01', amount: '-30.25' } });
    const corrected = (await client.ok(UPDATE_ACCOUNT, { id: created.id, input: { openingBalance: '-12.50' } })).updateAccount;
    expect(corrected).toMatchObject({ openingBalance: '-12.50', balance: '-42.75' });
    const refused = await client.gql(UPDATE_ACCOUNT, { id: created.id, input: { openingBalance: '1.234', name: 'Renamed' } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(fieldOf(refused)).toBe('openingBalance');
    const account = (await client.ok(LIST_ACCOUNTS)).accounts.find((a: { id: string }) => a.id === created.id);
    expect(account).toMatchObject({ name: 'Girokonto', openingBalance: '-12.50', balance: '-42.75' });
  });

  test('two accounts cannot share a name, in any case, on create or rename', async () => {
    const { client } = await signUp(running.baseUrl);
    const duplicate = await client.gql(CREATE_ACCOUNT, { input: { name: ' cASH ' } });
    expect(codeOf(duplicate)).toBe('CONFLICT');
    expect(fieldOf(duplicate)).toBe('name');
    const savings = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Savings' } })).createAccount;
    const renamed = await client.gql(UPDATE_ACCOUNT, { id: savings.id, input: { name: 'CASH', archived: true } });
    expect(codeOf(renamed)).toBe('CONFLICT');
    expect((await client.ok(LIST_ACCOUNTS)).accounts.map((a: { name: string; archived: boolean }) => [a.name, a.archived])).toEqual([['Cash', false], ['Savings', false]]);
    // Its own name in another case is a rename, not a clash; another user's names are theirs.
    expect((await client.ok(UPDATE_ACCOUNT, { id: savings.id, input: { name: 'SAVINGS' } })).updateAccount.name).toBe('SAVINGS');
    const other = (await signUp(running.baseUrl)).client;
    expect((await other.ok(CREATE_ACCOUNT, { input: { name: 'Savings' } })).createAccount.name).toBe('Savings');
  });

  test('the currency can change only while the account has no transactions', async () => {
    const { client } = await signUp(running.baseUrl);
    const created = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Travel' } })).createAccount;
    expect((await client.ok(UPDATE_ACCOUNT, { id: created.id, input: { currency: 'chf' } })).updateAccount.currency).toBe('CHF');
    await client.ok(CREATE_TRANSACTION, { input: { accountId: created.id, date: '2025-01-01', amount: '-5.00' } });
    const refused = await client.gql(UPDATE_ACCOUNT, { id: created.id, input: { currency: 'EUR', name: 'Renamed' } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(fieldOf(refused)).toBe('currency');
    const account = (await client.ok(LIST_ACCOUNTS)).accounts.find((a: { id: string }) => a.id === created.id);
    expect(account).toMatchObject({ name: 'Travel', currency: 'CHF' });
  });

  test.each([
    ['name', { name: '' }],
    ['name', { name: 'a'.repeat(101) }],
    ['currency', { name: 'X', currency: 'EURO' }],
    ['openingBalance', { name: 'X', openingBalance: '1.001' }],
    ['openingBalance', { name: 'X', openingBalance: 'ten' }],
  ])('bad %s is refused and nothing is created', async (field, input) => {
    const { client } = await signUp(running.baseUrl);
    const result = await client.gql(CREATE_ACCOUNT, { input });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe(field);
    expect((await client.ok(LIST_ACCOUNTS)).accounts).toHaveLength(1);
  });

  test('an account with transactions is deleted only when asked to take them along', async () => {
    const { client } = await signUp(running.baseUrl);
    const created = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Closing' } })).createAccount;
    const transaction = (await client.ok(CREATE_TRANSACTION, { input: { accountId: created.id, date: '2025-01-01', amount: '-5.00' } })).createTransaction;
    const refused = await client.gql(DELETE_ACCOUNT, { id: created.id });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect((await client.ok(GET_TRANSACTION, { id: transaction.id })).transaction.id).toBe(transaction.id);
    expect((await client.ok(DELETE_ACCOUNT, { id: created.id, deleteTransactions: true })).deleteAccount).toBe(true);
    expect(codeOf(await client.gql(GET_TRANSACTION, { id: transaction.id }))).toBe('NOT_FOUND');
    expect((await client.ok(LIST_ACCOUNTS)).accounts.map((a: { name: string }) => a.name)).toEqual(['Cash']);
  });

  test('an empty account is deleted without asking', async () => {
    const { client } = await signUp(running.baseUrl);
    const created = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Empty' } })).createAccount;
    expect((await client.ok(DELETE_ACCOUNT, { id: created.id })).deleteAccount).toBe(true);
    expect(codeOf(await client.gql(DELETE_ACCOUNT, { id: created.id }))).toBe('NOT_FOUND');
  });

  test('without any account, a transaction needs one first', async () => {
    const { client } = await signUp(running.baseUrl);
    const [cash] = (await client.ok(LIST_ACCOUNTS)).accounts;
    await client.ok(DELETE_ACCOUNT, { id: cash.id });
    const result = await client.gql(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '1.00' } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('accountId');
  });
});

describe('categories', () => {
  test('create with a kind and colour; defaults for both', async () => {
    const { client } = await signUp(running.baseUrl);
    const bonus = (await client.ok(CREATE_CATEGORY, { input: { name: 'Bonus', kind: 'INCOME', color: '#ABCDEF' } })).createCategory;
    expect(bonus).toMatchObject({ name: 'Bonus', kind: 'INCOME', color: '#abcdef' });
    const plain = (await client.ok(CREATE_CATEGORY, { input: { name: 'Pets' } })).createCategory;
    expect(plain.kind).toBe('EXPENSE');
    expect(plain.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  test('rename and recolour', async () => {
    const { client } = await signUp(running.baseUrl);
    const created = (await client.ok(CREATE_CATEGORY, { input: { name: 'Gym' } })).createCategory;
    const updated = (await client.ok(UPDATE_CATEGORY, { id: created.id, input: { name: 'Fitness', color: '#123456' } })).updateCategory;
    expect(updated).toMatchObject({ id: created.id, name: 'Fitness', color: '#123456', kind: 'EXPENSE' });
  });

  test('two categories cannot share a name, in any case, on create or rename', async () => {
    const { client } = await signUp(running.baseUrl);
    const before = (await client.ok(LIST_CATEGORIES)).categories;
    const duplicate = await client.gql(CREATE_CATEGORY, { input: { name: 'groceries', kind: 'INCOME' } });
    expect(codeOf(duplicate)).toBe('CONFLICT');
    expect(fieldOf(duplicate)).toBe('name');
    expect(duplicate.errors?.[0].message).toBe('You already have a category called “Groceries”; choose another name.');
    expect((await client.ok(LIST_CATEGORIES)).categories).toEqual(before);
    const rent = before.find((c: { name: string }) => c.name === 'Rent');
    const renamed = await client.gql(UPDATE_CATEGORY, { id: rent.id, input: { name: 'SALARY', color: '#000000' } });
    expect(codeOf(renamed)).toBe('CONFLICT');
    expect((await client.ok(LIST_CATEGORIES)).categories).toEqual(before);
    expect((await client.ok(UPDATE_CATEGORY, { id: rent.id, input: { name: 'rent' } })).updateCategory.name).toBe('rent');
  });

  test.each([
    ['name', { name: '   ' }],
    ['name', { name: 'x'.repeat(10_000) }],
    ['color', { name: 'X', color: 'red' }],
    ['color', { name: 'X', color: '#12345' }],
  ])('bad %s is refused', async (field, input) => {
    const { client } = await signUp(running.baseUrl);
    const before = (await client.ok(LIST_CATEGORIES)).categories;
    const result = await client.gql(CREATE_CATEGORY, { input });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe(field);
    expect((await client.ok(LIST_CATEGORIES)).categories).toEqual(before);
  });

  test('deleting a category leaves its transactions uncategorised', async () => {
    const { client } = await signUp(running.baseUrl);
    const created = (await client.ok(CREATE_CATEGORY, { input: { name: 'Temporary' } })).createCategory;
    const transaction = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '-3.00', categoryId: created.id } })).createTransaction;
    expect((await client.ok(DELETE_CATEGORY, { id: created.id })).deleteCategory).toBe(true);
    expect((await client.ok(GET_TRANSACTION, { id: transaction.id })).transaction).toMatchObject({ category: null, amount: '-3.00' });
    const uncategorised = (await client.ok(LIST_TRANSACTIONS, { filter: { uncategorized: true } })).transactions;
    expect(uncategorised.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([transaction.id]);
    expect((await client.ok(LIST_CATEGORIES)).categories.map((c: { id: string }) => c.id)).not.toContain(created.id);
  });
});

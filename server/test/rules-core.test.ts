import { signUp, type ApiClient } from './support/client';
import { startTestApp, type RunningApp } from './support/test-app';

/** Issue 18, the core path: a rule categorises on create and on import, hand-set fields stay, learning offers a rule. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const RULE = 'id name position enabled appliedCount lastAppliedAt conditions { field operator value } actions { type value }';
const csv = (text: string) => ({ name: 'bank.csv', type: 'text/csv', body: Buffer.from(text) });

async function user(): Promise<{ client: ApiClient; accountId: string; category: (name: string) => string }> {
  const { client } = await signUp(running.baseUrl, { currency: 'USD' });
  const accountId = (await client.ok('{ accounts { id } }')).accounts[0].id;
  const { categories } = await client.ok('{ categories { id name } }');
  const byName = new Map((categories as { id: string; name: string }[]).map((c) => [c.name, c.id]));
  return { client, accountId, category: (name) => byName.get(name)! };
}

async function otherExpense(client: ApiClient, not: string): Promise<string> {
  return (await client.ok('{ categories { id kind } }')).categories.find((c: { id: string; kind: string }) => c.kind === 'EXPENSE' && c.id !== not).id;
}

const createRule = (client: ApiClient, input: Record<string, unknown>) => client.ok(`mutation ($input: RuleInput!) { createRule(input: $input) { ${RULE} } }`, { input });
const createTransaction = async (client: ApiClient, input: Record<string, unknown>) =>
  (await client.ok(`mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id description notes category { id } handSetFields } }`, { input: { date: '2025-03-10', ...input } }))
    .createTransaction;

test('a rule categorises a new transaction the client left uncategorised, never one it categorised', async () => {
  const { client, category } = await user();
  const groceries = category('Groceries');
  const rule = (await createRule(client, { name: 'Tesco', conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: 'tésco' }], actions: [{ type: 'SET_CATEGORY', value: groceries }] }))
    .createRule;
  const ruled = await createTransaction(client, { amount: '-12.30', description: 'TESCO STORES 2231' });
  expect(ruled.category).toEqual({ id: groceries });
  expect(ruled.handSetFields).toEqual(['DESCRIPTION']);
  const other = await otherExpense(client, groceries);
  const given = await createTransaction(client, { amount: '-5.00', description: 'Tesco cafe', categoryId: other });
  expect(given.category).toEqual({ id: other });
  expect(given.handSetFields).toEqual(['CATEGORY', 'DESCRIPTION']);
  const { rules } = await client.ok(`{ rules { ${RULE} } }`);
  expect(rules).toEqual([expect.objectContaining({ id: rule.id, appliedCount: 1 })]);
  expect(rules[0].lastAppliedAt).not.toBeNull();
});

test('an import preview shows the category a rule gives each row and which rule, and the commit writes it', async () => {
  const { client, accountId, category } = await user();
  const groceries = category('Groceries');
  const rule = (await createRule(client, {
    name: 'Spotify',
    conditions: [
      { field: 'DESCRIPTION', operator: 'STARTS_WITH', value: 'spotify' },
      { field: 'AMOUNT', operator: 'IS', value: '-9.99' },
    ],
    actions: [
      { type: 'SET_CATEGORY', value: groceries },
      { type: 'SET_DESCRIPTION', value: 'Spotify ({{importedDescription}})' },
    ],
  })).createRule;
  const file = csv('Date,Description,Amount\n2025-03-01,SPOTIFY P1234,-9.99\n2025-03-02,SPOTIFY P1234,-19.99\n2025-03-03,Corner shop,-3.00\n');
  const result = await client.upload(
    `mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) { id rows { edges { node { line description transactionDescription category { id } categoryRule { id name } appliedRules { id } } } } } }`,
    { accountId },
    file,
  );
  expect(result.errors).toBeUndefined();
  const rows = result.data.previewImport.rows.edges.map((edge: { node: unknown }) => edge.node);
  expect(rows).toEqual([
    { line: 2, description: 'SPOTIFY P1234', transactionDescription: 'Spotify (SPOTIFY P1234)', category: { id: groceries }, categoryRule: { id: rule.id, name: 'Spotify' }, appliedRules: [{ id: rule.id }] },
    { line: 3, description: 'SPOTIFY P1234', transactionDescription: 'SPOTIFY P1234', category: null, categoryRule: null, appliedRules: [] },
    { line: 4, description: 'Corner shop', transactionDescription: 'Corner shop', category: null, categoryRule: null, appliedRules: [] },
  ]);
  await client.ok(`mutation ($id: ID!) { commitImport(previewId: $id) { id } }`, { id: result.data.previewImport.id });
  const { transactions } = await client.ok(`{ transactions { edges { node { description importedDescription amount category { id } handSetFields } } } }`);
  const spotify = transactions.edges.map((edge: { node: { amount: string } }) => edge.node).find((node: { amount: string }) => node.amount === '-9.99');
  expect(spotify).toEqual({ description: 'Spotify (SPOTIFY P1234)', importedDescription: 'SPOTIFY P1234', amount: '-9.99', category: { id: groceries }, handSetFields: [] });
});

test('applyRule leaves a category set by hand alone; previewRule counts matches and changes', async () => {
  const { client, category } = await user();
  const groceries = category('Groceries');
  const a = await createTransaction(client, { amount: '-1.00', description: 'Aldi 1' });
  const b = await createTransaction(client, { amount: '-2.00', description: 'Aldi 2' });
  await createTransaction(client, { amount: '-3.00', description: 'Lidl' });
  const other = await otherExpense(client, groceries);
  await client.ok(`mutation ($id: ID!, $input: UpdateTransactionInput!) { updateTransaction(id: $id, input: $input) { id } }`, { id: b.id, input: { categoryId: other } });
  const input = { name: 'Aldi', conditions: [{ field: 'DESCRIPTION', operator: 'STARTS_WITH', value: 'ALDI' }], actions: [{ type: 'SET_CATEGORY', value: groceries }] };
  const { previewRule } = await client.ok(
    `mutation ($input: RuleInput!) { previewRule(input: $input) { matchCount changeCount changes { transaction { id } changedFields category { id } } } }`,
    { input },
  );
  expect(previewRule.matchCount).toBe(2);
  expect(previewRule.changeCount).toBe(1);
  expect(previewRule.changes).toEqual([
    { transaction: { id: b.id }, changedFields: [], category: null },
    { transaction: { id: a.id }, changedFields: ['CATEGORY'], category: { id: groceries } },
  ]);
  const rule = (await createRule(client, input)).createRule;
  expect((await client.ok(`mutation ($id: ID!) { applyRule(id: $id) }`, { id: rule.id })).applyRule).toBe(1);
  expect((await client.ok(`mutation ($id: ID!) { applyRule(id: $id) }`, { id: rule.id })).applyRule).toBe(0);
  const { transaction } = await client.ok(`query ($id: ID!) { transaction(id: $id) { category { id } handSetFields } }`, { id: b.id });
  expect(transaction).toEqual({ category: { id: other }, handSetFields: ['CATEGORY', 'DESCRIPTION'] });
});

test('categorising a description no rule matches offers a rule once; accepting creates it', async () => {
  const { client, category } = await user();
  const groceries = category('Groceries');
  const row = await createTransaction(client, { amount: '-4.00', description: 'FARMERS MARKET 0042' });
  await client.ok(`mutation ($id: ID!, $input: UpdateTransactionInput!) { updateTransaction(id: $id, input: $input) { id } }`, { id: row.id, input: { categoryId: groceries } });
  const { ruleSuggestions } = await client.ok('{ ruleSuggestions { id description timesCategorised category { id } } }');
  expect(ruleSuggestions).toEqual([{ id: expect.any(String), description: 'farmers market', timesCategorised: 1, category: { id: groceries } }]);
  const { acceptRuleSuggestion } = await client.ok(`mutation ($id: ID!) { acceptRuleSuggestion(id: $id) { ${RULE} } }`, { id: ruleSuggestions[0].id });
  expect(acceptRuleSuggestion.conditions).toEqual([{ field: 'DESCRIPTION', operator: 'STARTS_WITH', value: 'farmers market' }]);
  expect((await client.ok('{ ruleSuggestions { id } }')).ruleSuggestions).toEqual([]);
  const next = await createTransaction(client, { amount: '-6.00', description: 'Farmers Market 0043' });
  expect(next.category).toEqual({ id: groceries });
});

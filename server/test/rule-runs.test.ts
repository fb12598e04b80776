import { startTestApp, type RunningApp } from './support/test-app';
import { createTransaction, splitHouseholdOf } from './support/households';
import { rowOf, SET_SPLITS, sortIds, UPDATE_LEDGER_TRANSACTION } from './support/transfers';
import {
  action,
  applyRule,
  commitPreview,
  importCsv,
  folded,
  listedOf,
  previewCsv,
  previewOf,
  RULE,
  ruledTransaction,
  ruleInput,
  ruleOf,
  setCategory,
  UPDATE_RULE,
  when,
  type Rule,
} from './support/rules';

/** Issue 18: how rules run — in order, on creates and imports — and what they never touch. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const household = () => splitHouseholdOf(running);
const tesco = when('DESCRIPTION', 'CONTAINS', 'tesco');
const created = async (client: Parameters<typeof createTransaction>[0], input: Record<string, unknown>) => {
  const result = await createTransaction(client, input);
  expect(result.errors).toBeUndefined();
  return ruledTransaction(client, result.data.createTransaction.id);
};
const ruleNow = async (client: Parameters<typeof createTransaction>[0], id: string): Promise<Rule> => (await client.ok(RULE, { id })).rule;

describe('the order of running', () => {
  test('the first rule that sets a field wins; a later rule sets the fields it left; override takes a field over', async () => {
    const h = await household();
    await ruleOf(h.client, [tesco], [setCategory(h.groceries)]);
    const later = await ruleOf(h.client, [tesco], [setCategory(h.pharmacy), action('APPEND_NOTES', 'second')]);
    expect(await created(h.client, { description: 'TESCO 12', amount: '-1.00' })).toMatchObject({ category: { id: h.groceries }, notes: 'second' });
    await h.client.ok(UPDATE_RULE, { id: later.id, input: ruleInput(later.conditions, later.actions, { override: true }) });
    expect(await created(h.client, { description: 'TESCO 12', amount: '-1.00' })).toMatchObject({ category: { id: h.pharmacy }, notes: 'second' });
    // Reordered, the override rule runs first and the other one cannot take the category back.
    const [first, second] = (await h.client.ok('{ rules { id } }')).rules.map((rule: { id: string }) => rule.id);
    await h.client.ok('mutation ($ids: [ID!]!) { reorderRules(ids: $ids) { id } }', { ids: [second, first] });
    expect(await created(h.client, { description: 'TESCO 12', amount: '-1.00' })).toMatchObject({ category: { id: h.pharmacy } });
  });

  test('stopProcessing ends the run on the rows its rule matches, and only there', async () => {
    const h = await household();
    await ruleOf(h.client, [tesco], [setCategory(h.groceries)], { stopProcessing: true });
    await ruleOf(h.client, [when('AMOUNT', 'MONEY_OUT')], [action('APPEND_NOTES', 'spent'), setCategory(h.pharmacy)]);
    expect(await created(h.client, { description: 'Tesco', amount: '-1.00' })).toMatchObject({ category: { id: h.groceries }, notes: '' });
    expect(await created(h.client, { description: 'Aldi', amount: '-1.00' })).toMatchObject({ category: { id: h.pharmacy }, notes: 'spent' });
  });

  test('a disabled rule runs neither on createTransaction nor on an import', async () => {
    const h = await household();
    const rule = await ruleOf(h.client, [tesco], [setCategory(h.groceries)], { enabled: false });
    expect((await created(h.client, { description: 'Tesco', amount: '-1.00' })).category).toBeNull();
    const preview = await previewCsv(h.client, h.checking, ['Date,Description,Amount', '2025-06-02,TESCO STORES,-5.00']);
    expect(preview.rows[0]).toMatchObject({ category: null, categoryRule: null, appliedRules: [] });
    await commitPreview(h.client, preview.id);
    expect((await listedOf(h.client, { accountId: h.checking }))[0].category).toBeNull();
    expect(await ruleNow(h.client, rule.id)).toMatchObject({ appliedCount: 0, lastAppliedAt: null });
  });

  test('createTransaction fills only the fields the client left empty, and handSetFields says which it gave', async () => {
    const h = await household();
    await ruleOf(h.client, [when('AMOUNT', 'IS', '-9.99')], [setCategory(h.groceries), action('SET_DESCRIPTION', 'Spotify'), action('APPEND_NOTES', 'music')]);
    expect(await created(h.client, { amount: '-9.99' })).toMatchObject({ category: { id: h.groceries }, description: 'Spotify', notes: 'music', handSetFields: [] });
    expect(await created(h.client, { amount: '-9.99', categoryId: h.pharmacy })).toMatchObject({ category: { id: h.pharmacy }, description: 'Spotify', notes: 'music', handSetFields: ['CATEGORY'] });
    const given = await created(h.client, { amount: '-9.99', categoryId: h.pharmacy, description: 'Tidal', notes: 'mine' });
    expect(given).toMatchObject({ category: { id: h.pharmacy }, description: 'Tidal', notes: 'mine' });
    expect([...given.handSetFields].sort()).toEqual(['CATEGORY', 'DESCRIPTION', 'NOTES']);
  });
});

describe('fields set by hand', () => {
  test('updateTransaction’s category (even none) and description, and setSplits, are never changed by applyRule', async () => {
    const h = await household();
    // Imported, so nothing of theirs is the user's yet.
    await importCsv(h.client, h.checking, ['Date,Description,Amount', ...[1, 2, 3, 4, 5].map((n) => `2025-03-0${n},Tesco ${n},-20.00`)]);
    const idOf = new Map((await listedOf(h.client)).map((row) => [row.importedDescription, row.id]));
    const [recategorised, uncategorised, renamed, split, untouched] = [1, 2, 3, 4, 5].map((n) => idOf.get(`Tesco ${n}`)!);
    await h.client.ok(UPDATE_LEDGER_TRANSACTION, { id: recategorised, input: { categoryId: h.pharmacy } });
    await h.client.ok(UPDATE_LEDGER_TRANSACTION, { id: uncategorised, input: { categoryId: h.groceries } });
    await h.client.ok(UPDATE_LEDGER_TRANSACTION, { id: uncategorised, input: { categoryId: null } });
    await h.client.ok(UPDATE_LEDGER_TRANSACTION, { id: renamed, input: { description: 'Tesco, by hand' } });
    await h.client.ok(SET_SPLITS, { transactionId: split, splits: [{ amount: '-5.00', categoryId: h.pharmacy }, { amount: '-15.00' }] });
    const rule = await ruleOf(h.client, [tesco], [setCategory(h.salary), action('SET_DESCRIPTION', 'TESCO')]);

    const preview = await previewOf(h.client, ruleInput(rule.conditions, rule.actions));
    const fields = Object.fromEntries(preview.changes.map((change) => [change.transaction.id, [...change.changedFields].sort()]));
    expect(fields).toEqual({ [recategorised]: ['DESCRIPTION'], [uncategorised]: ['DESCRIPTION'], [renamed]: ['CATEGORY'], [split]: ['DESCRIPTION'], [untouched]: ['CATEGORY', 'DESCRIPTION'] });
    expect(await applyRule(h.client, rule.id)).toBe(5);

    expect(await ruledTransaction(h.client, recategorised)).toMatchObject({ category: { id: h.pharmacy }, description: 'TESCO', handSetFields: ['CATEGORY'] });
    expect(await ruledTransaction(h.client, uncategorised)).toMatchObject({ category: null, description: 'TESCO', handSetFields: ['CATEGORY'] });
    expect(await ruledTransaction(h.client, renamed)).toMatchObject({ category: { id: h.salary }, description: 'Tesco, by hand', handSetFields: ['DESCRIPTION'] });
    expect(await ruledTransaction(h.client, split)).toMatchObject({ category: null, description: 'TESCO', splits: [{ amount: '-5.00', category: { id: h.pharmacy } }, { amount: '-15.00', category: null }] });
    expect(await ruledTransaction(h.client, untouched)).toMatchObject({ category: { id: h.salary }, description: 'TESCO', handSetFields: [] });
    // A split rule leaves the hand-made parts alone too.
    const splitRule = await ruleOf(h.client, [tesco], [action('SPLIT_FIXED', JSON.stringify([{ amount: '10.00', categoryId: h.groceries }, {}]))]);
    await applyRule(h.client, splitRule.id);
    expect((await ruledTransaction(h.client, split)).splits).toMatchObject([{ amount: '-5.00' }, { amount: '-15.00' }]);
  });

  test('an import that matches a hand-entered row leaves its category and description as the user set them', async () => {
    const h = await household();
    const typed = await rowOf(h.client, { accountId: h.checking, date: '2026-03-04', amount: '-42.10', description: 'Groceries', categoryId: h.pharmacy });
    await ruleOf(h.client, [when('IMPORTED_DESCRIPTION', 'CONTAINS', 'grocery')], [setCategory(h.groceries), action('SET_DESCRIPTION', 'Grocery Mart')]);
    const preview = await previewCsv(h.client, h.checking, ['Date,Description,Amount', '2026-03-05,GROCERY MART,-42.10']);
    expect(preview.rows[0].status).toBe('MATCHED');
    expect(await commitPreview(h.client, preview.id)).toMatchObject({ matchedCount: 1, createdCount: 0 });
    expect(await ruledTransaction(h.client, typed)).toMatchObject({ description: 'Groceries', importedDescription: 'GROCERY MART', category: { id: h.pharmacy } });
  });
});

describe('imports', () => {
  test('the preview shows each NEW row’s category, the rule that set it, its description and every rule that changes it; the commit writes exactly that', async () => {
    const h = await household();
    const groceries = await ruleOf(h.client, [tesco], [setCategory(h.groceries)], { name: 'Tesco' });
    const spotify = await ruleOf(h.client, [when('DESCRIPTION', 'STARTS_WITH', 'spotify'), when('AMOUNT', 'IS', '-9.99')], [action('SET_DESCRIPTION', 'Spotify'), setCategory(h.pharmacy)], { name: 'Spotify' });
    const notes = await ruleOf(h.client, [when('AMOUNT', 'MONEY_OUT')], [action('APPEND_NOTES', 'card')], { name: 'Card' });
    const preview = await previewCsv(h.client, h.checking, [
      'Date,Description,Amount', '2025-06-01,TESCO STORES 3297,-23.10', '2025-06-02,SPOTIFY P1C2D3,-9.99', '2025-06-03,SPOTIFY P1C2D3,-19.99', '2025-06-04,ACME PAYROLL,2500.00',
    ]);
    const shown = preview.rows.map((row) => [row.description, row.category?.id ?? null, row.categoryRule?.id ?? null, row.transactionDescription, row.appliedRules.map((rule) => rule.id)]);
    expect(shown).toEqual([
      ['TESCO STORES 3297', h.groceries, groceries.id, 'TESCO STORES 3297', [groceries.id, notes.id]],
      ['SPOTIFY P1C2D3', h.pharmacy, spotify.id, 'Spotify', [spotify.id, notes.id]],
      ['SPOTIFY P1C2D3', null, null, 'SPOTIFY P1C2D3', [notes.id]],
      ['ACME PAYROLL', null, null, 'ACME PAYROLL', []],
    ]);
    // The preview writes nothing and counts nothing.
    expect(await listedOf(h.client)).toEqual([]);
    expect((await ruleNow(h.client, groceries.id)).appliedCount).toBe(0);

    expect((await commitPreview(h.client, preview.id)).createdCount).toBe(4);
    const written = (await listedOf(h.client, { accountId: h.checking })).sort((a, b) => a.date.localeCompare(b.date));
    expect(written.map((row) => [row.importedDescription, row.category?.id ?? null, row.description, row.notes, row.handSetFields])).toEqual([
      ['TESCO STORES 3297', h.groceries, 'TESCO STORES 3297', 'card', []],
      ['SPOTIFY P1C2D3', h.pharmacy, 'Spotify', 'card', []],
      ['SPOTIFY P1C2D3', null, 'SPOTIFY P1C2D3', 'card', []],
      ['ACME PAYROLL', null, 'ACME PAYROLL', '', []],
    ]);
    expect([(await ruleNow(h.client, groceries.id)).appliedCount, (await ruleNow(h.client, spotify.id)).appliedCount, (await ruleNow(h.client, notes.id)).appliedCount]).toEqual([1, 1, 3]);
  });

  test('a category the file gives wins over the rules’, and that rule is not among the row’s', async () => {
    const h = await household();
    await ruleOf(h.client, [when('DESCRIPTION', 'CONTAINS', 'chemist')], [setCategory(h.groceries)]);
    const file = { name: 'money.qif', type: 'application/qif', body: Buffer.from("!Type:Bank\nD3/15'26\nT-15.50\nPChemist\nLPharmacy\n^\nD3/16'26\nT-3.00\nPChemist\n^\n") };
    const result = await h.client.upload(`mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) { id
      rows(first: 10) { edges { node { category { id } categoryRule { id } appliedRules { id } } } } } }`, { accountId: h.checking }, file);
    expect(result.errors).toBeUndefined();
    const [fromFile, fromRule] = result.data.previewImport.rows.edges.map((edge: { node: unknown }) => edge.node);
    expect(fromFile).toEqual({ category: { id: h.pharmacy }, categoryRule: null, appliedRules: [] });
    expect(fromRule).toMatchObject({ category: { id: h.groceries }, categoryRule: { id: expect.any(String) } });
    await commitPreview(h.client, result.data.previewImport.id);
    expect((await listedOf(h.client, { accountId: h.checking })).map((row) => row.category?.id).sort()).toEqual([h.groceries, h.pharmacy].sort());
  });
});

describe('applyRule and its counts', () => {
  test('appliedCount and lastAppliedAt move with each transaction a rule changes, and only then', async () => {
    const h = await household();
    await rowOf(h.client, { description: 'Tesco', amount: '-1.00' });
    await rowOf(h.client, { description: 'Tesco', amount: '-2.00' });
    const rule = await ruleOf(h.client, [tesco], [setCategory(h.groceries)]);
    await previewOf(h.client, ruleInput(rule.conditions, rule.actions));
    expect(await ruleNow(h.client, rule.id)).toMatchObject({ appliedCount: 0, lastAppliedAt: null });
    expect(await applyRule(h.client, rule.id)).toBe(2);
    const applied = await ruleNow(h.client, rule.id);
    expect(applied.appliedCount).toBe(2);
    expect(Date.now() - Date.parse(applied.lastAppliedAt!)).toBeLessThan(60_000);
    // Nothing left to change: the count stays.
    expect(await applyRule(h.client, rule.id)).toBe(0);
    expect((await ruleNow(h.client, rule.id)).appliedCount).toBe(2);
    await created(h.client, { description: 'Tesco', amount: '-3.00' });
    await created(h.client, { description: 'Tesco', amount: '-3.00', categoryId: h.pharmacy });
    const after = await ruleNow(h.client, rule.id);
    expect(after.appliedCount).toBe(3);
    expect(Date.parse(after.lastAppliedAt!)).toBeGreaterThanOrEqual(Date.parse(applied.lastAppliedAt!));
  });

  test('applyRule over a filter changes only the matching rows in it and answers how many', async () => {
    const h = await household();
    const rows = [];
    for (const [accountId, date, description] of [
      [h.checking, '2025-02-27', 'Coffee'], [h.checking, '2025-03-02', 'COFFEE BAR'], [h.checking, '2025-03-20', 'Tea'], [h.checking, '2025-04-01', 'coffee'],
      [h.cash, '2025-03-05', 'Coffee'], [h.checking, '2025-03-28', 'Coffee'],
    ] as const) {
      rows.push({ id: await rowOf(h.client, { accountId, date, description, amount: '-3.00' }), accountId, date, description });
    }
    const rule = await ruleOf(h.client, [when('DESCRIPTION', 'STARTS_WITH', 'coffee')], [setCategory(h.groceries)]);
    const filter = { accountId: h.checking, from: '2025-03-01', to: '2025-03-31' };
    const wanted = rows.filter((r) => r.accountId === h.checking && r.date >= filter.from && r.date <= filter.to && folded(r.description).startsWith('coffee')).map((r) => r.id);
    expect(wanted).toHaveLength(2);
    expect(await previewOf(h.client, ruleInput(rule.conditions, rule.actions), filter)).toMatchObject({ matchCount: 2, changeCount: 2 });
    expect(await applyRule(h.client, rule.id, filter)).toBe(wanted.length);
    const categorised = (await listedOf(h.client)).filter((row) => row.category?.id === h.groceries).map((row) => row.id);
    expect(sortIds(categorised)).toEqual(sortIds(wanted));
  });
});

import { startTestApp, type RunningApp } from './support/test-app';
import { createTransaction, expectBalancesMatchRows, householdOf, splitHouseholdOf } from './support/households';
import { rowOf } from './support/transfers';
import {
  action,
  applyRule,
  importCsv,
  listedOf,
  previewOf,
  ruledTransaction,
  ruleInput,
  ruleOf,
  setCategory,
  when,
} from './support/rules';

/** Issue 18: every rule action, as previewRule shows it, as applyRule writes it, and as createTransaction gets it. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const household = () => splitHouseholdOf(running);
const created = async (...args: Parameters<typeof createTransaction>) => {
  const result = await createTransaction(...args);
  expect(result.errors).toBeUndefined();
  return ruledTransaction(args[0], result.data.createTransaction.id);
};
const partsOf = (splits: { amount: string; category: { id: string } | null; notes: string }[]) => splits.map((s) => [s.amount, s.category?.id ?? null, s.notes]);

test('SET_CATEGORY: previewRule shows the change, applyRule makes it, a hand-set category stays; createTransaction gets it when left out', async () => {
  const h = await household();
  const plain = await rowOf(h.client, { description: 'TESCO STORES 3297', amount: '-12.00' });
  const handSet = await rowOf(h.client, { description: 'Tesco', amount: '-3.00', categoryId: h.pharmacy });
  const other = await rowOf(h.client, { description: 'ALDI', amount: '-7.00' });
  const input = ruleInput([when('DESCRIPTION', 'CONTAINS', 'tesco')], [setCategory(h.groceries)]);
  const rule = (await h.client.ok('mutation ($input: RuleInput!) { createRule(input: $input) { id } }', { input })).createRule;

  const preview = await previewOf(h.client, input);
  expect(preview).toMatchObject({ matchCount: 2, changeCount: 1 });
  const byId = new Map(preview.changes.map((change) => [change.transaction.id, change]));
  expect(byId.get(plain)).toMatchObject({ changedFields: ['CATEGORY'], category: { id: h.groceries } });
  expect(byId.get(handSet)).toMatchObject({ changedFields: [] });

  expect(await applyRule(h.client, rule.id)).toBe(1);
  // The description was the client's; the category the rule's.
  expect(await ruledTransaction(h.client, plain)).toMatchObject({ category: { id: h.groceries }, handSetFields: ['DESCRIPTION'] });
  expect(await ruledTransaction(h.client, handSet)).toMatchObject({ category: { id: h.pharmacy }, handSetFields: ['CATEGORY', 'DESCRIPTION'] });
  expect((await ruledTransaction(h.client, other)).category).toBeNull();
  // Applied again, there is nothing left to change.
  expect(await applyRule(h.client, rule.id)).toBe(0);

  expect(await created(h.client, { description: 'Tesco Metro', amount: '-1.00' })).toMatchObject({ category: { id: h.groceries } });
  expect(await created(h.client, { description: 'Tesco Metro', amount: '-1.00', categoryId: h.pharmacy })).toMatchObject({ category: { id: h.pharmacy } });
});

test('SET_DESCRIPTION with {{importedDescription}} and {{description}}; the bank’s text stays as it came', async () => {
  const h = await household();
  await importCsv(h.client, h.checking, ['Date,Description,Amount', '2025-06-02,AMZN MKTP US*2K4,-23.99', '2025-06-03,STARBUCKS 1234,-4.10']);
  const [amazon] = (await listedOf(h.client)).filter((row) => row.importedDescription.startsWith('AMZN'));
  const rename = ruleInput([when('IMPORTED_DESCRIPTION', 'STARTS_WITH', 'amzn')], [action('SET_DESCRIPTION', 'Amazon ({{importedDescription}})')]);
  const preview = await previewOf(h.client, rename);
  expect(preview.changes).toEqual([expect.objectContaining({ transaction: expect.objectContaining({ id: amazon.id }), changedFields: ['DESCRIPTION'], description: 'Amazon (AMZN MKTP US*2K4)' })]);
  const rule = await ruleOf(h.client, rename.conditions, rename.actions);
  expect(await applyRule(h.client, rule.id)).toBe(1);
  expect(await ruledTransaction(h.client, amazon.id)).toMatchObject({ description: 'Amazon (AMZN MKTP US*2K4)', importedDescription: 'AMZN MKTP US*2K4', handSetFields: [] });

  const coffee = await ruleOf(h.client, [when('DESCRIPTION', 'STARTS_WITH', 'starbucks')], [action('SET_DESCRIPTION', 'Coffee: {{description}}')]);
  expect(await applyRule(h.client, coffee.id)).toBe(1);
  expect((await listedOf(h.client)).find((row) => row.importedDescription === 'STARBUCKS 1234')).toMatchObject({ description: 'Coffee: STARBUCKS 1234' });

  // A typed row gets the description only when the client sent none.
  await ruleOf(h.client, [when('AMOUNT', 'IS', '-9.99')], [action('SET_DESCRIPTION', 'Spotify')]);
  expect(await created(h.client, { amount: '-9.99' })).toMatchObject({ description: 'Spotify', handSetFields: [] });
  expect(await created(h.client, { amount: '-9.99', description: 'Music' })).toMatchObject({ description: 'Music', handSetFields: ['DESCRIPTION'] });
});

test('APPEND_NOTES: after the file’s notes, or alone; notes the client typed stay', async () => {
  const h = await household();
  await importCsv(h.client, h.checking, ['Date,Description,Amount,Memo', '2025-06-02,SHELL OIL 123,-40.00,pump 4', '2025-06-03,SHELL OIL 456,-30.00,'], { csv: { notesColumn: 'Memo' } });
  const rule = await ruleOf(h.client, [when('DESCRIPTION', 'STARTS_WITH', 'shell')], [action('APPEND_NOTES', 'fuel for {{description}}')]);
  const preview = await previewOf(h.client, ruleInput(rule.conditions, rule.actions));
  expect(preview).toMatchObject({ matchCount: 2, changeCount: 2 });
  expect(await applyRule(h.client, rule.id)).toBe(2);
  const notes = Object.fromEntries((await listedOf(h.client)).map((row) => [row.description, row.notes]));
  expect(notes['SHELL OIL 123']).toMatch(/^pump 4[ \n]fuel for SHELL OIL 123$/);
  expect(notes['SHELL OIL 456']).toBe('fuel for SHELL OIL 456');
  expect(preview.changes.map((change) => change.notes).sort()).toEqual([notes['SHELL OIL 123'], notes['SHELL OIL 456']].sort());

  expect(await created(h.client, { description: 'Shell', amount: '-1.00' })).toMatchObject({ notes: 'fuel for Shell' });
  expect(await created(h.client, { description: 'Shell', amount: '-1.00', notes: 'mine' })).toMatchObject({ notes: 'mine', handSetFields: expect.arrayContaining(['NOTES']) });
});

test('LINK_TRANSFER_TO_ACCOUNT: with the matching row there, or a new counter-row; balances stay right', async () => {
  const h = await householdOf(running);
  const withCounterpart = await rowOf(h.client, { accountId: h.checking, date: '2025-03-10', amount: '-200.00', description: 'TRANSFER TO SAVINGS 4321' });
  const counterpart = await rowOf(h.client, { accountId: h.savings, date: '2025-03-11', amount: '200.00', description: 'From checking' });
  const alone = await rowOf(h.client, { accountId: h.checking, date: '2025-03-20', amount: '-300.00', description: 'TRANSFER TO SAVINGS 4321' });
  const rule = await ruleOf(h.client, [when('DESCRIPTION', 'STARTS_WITH', 'transfer to savings')], [action('LINK_TRANSFER_TO_ACCOUNT', h.savings)]);
  const preview = await previewOf(h.client, ruleInput(rule.conditions, rule.actions));
  expect(preview).toMatchObject({ matchCount: 2, changeCount: 2 });
  for (const change of preview.changes) expect(change).toMatchObject({ changedFields: ['TRANSFER'], transferAccount: { id: h.savings } });

  expect(await applyRule(h.client, rule.id)).toBe(2);
  const linked = await ruledTransaction(h.client, withCounterpart);
  expect(linked.transfer).toMatchObject({ outflow: { id: withCounterpart }, inflow: { id: counterpart, amount: '200.00', account: { id: h.savings } } });
  const made = await ruledTransaction(h.client, alone);
  expect(made.transfer).toMatchObject({ outflow: { id: alone }, inflow: { amount: '300.00', account: { id: h.savings } } });
  expect(await listedOf(h.client, { accountId: h.savings })).toHaveLength(2);
  await expectBalancesMatchRows(running, h);
  // Applied again: both are legs already.
  expect(await applyRule(h.client, rule.id)).toBe(0);

  const typed = await created(h.client, { accountId: h.checking, amount: '-50.00', description: 'Transfer to savings' });
  expect(typed.transfer).toMatchObject({ outflow: { id: typed.id }, inflow: { amount: '50.00', account: { id: h.savings } } });
  await expectBalancesMatchRows(running, h);
});

test('LINK_TRANSFER_TO_ACCOUNT to an account in another currency changes nothing', async () => {
  const h = await householdOf(running);
  const id = await rowOf(h.client, { accountId: h.checking, amount: '-20.00', description: 'To euro' });
  const rule = await ruleOf(h.client, [when('DESCRIPTION', 'IS', 'to euro')], [action('LINK_TRANSFER_TO_ACCOUNT', h.euro)]);
  expect(await previewOf(h.client, ruleInput(rule.conditions, rule.actions))).toMatchObject({ matchCount: 1, changeCount: 0 });
  expect(await applyRule(h.client, rule.id)).toBe(0);
  expect((await ruledTransaction(h.client, id)).transfer).toBeNull();
});

test('SPLIT_BY_PERCENT: the rounding remainder goes to the last part', async () => {
  const h = await household();
  const id = await rowOf(h.client, { description: 'COSTCO WHSE', amount: '-10.01' });
  const parts = JSON.stringify([{ percent: '33', categoryId: h.groceries, notes: 'food' }, { percent: '33', categoryId: h.pharmacy }, { percent: '34' }]);
  const rule = await ruleOf(h.client, [when('DESCRIPTION', 'STARTS_WITH', 'costco')], [action('SPLIT_BY_PERCENT', parts)]);
  const expected = [['-3.30', h.groceries, 'food'], ['-3.30', h.pharmacy, ''], ['-3.41', null, '']];
  const [change] = (await previewOf(h.client, ruleInput(rule.conditions, rule.actions))).changes;
  expect(change.changedFields).toEqual(['SPLITS']);
  expect(partsOf(change.splits)).toEqual(expected);
  expect(await applyRule(h.client, rule.id)).toBe(1);
  const split = await ruledTransaction(h.client, id);
  expect([split.amount, split.category, partsOf(split.splits)]).toEqual(['-10.01', null, expected]);

  expect(partsOf((await created(h.client, { description: 'Costco', amount: '20.00' })).splits)).toEqual([['6.60', h.groceries, 'food'], ['6.60', h.pharmacy, ''], ['6.80', null, '']]);
  // A category from the client is a hand-set choice: the row is not split.
  expect(await created(h.client, { description: 'Costco', amount: '-20.00', categoryId: h.groceries })).toMatchObject({ splits: [], category: { id: h.groceries } });
});

test('SPLIT_FIXED: unsigned amounts take the row’s sign, one part takes the rest; parts that do not add up leave the row whole', async () => {
  const h = await household();
  const out = await rowOf(h.client, { description: 'Pharmacy Mart', amount: '-25.00' });
  const back = await rowOf(h.client, { description: 'Pharmacy Mart refund', amount: '25.00' });
  const rest = await ruleOf(h.client, [when('DESCRIPTION', 'STARTS_WITH', 'pharmacy mart')], [action('SPLIT_FIXED', JSON.stringify([{ amount: '10.00', categoryId: h.groceries }, { categoryId: h.pharmacy, notes: 'rest' }]))]);
  expect(await applyRule(h.client, rest.id)).toBe(2);
  expect(partsOf((await ruledTransaction(h.client, out)).splits)).toEqual([['-10.00', h.groceries, ''], ['-15.00', h.pharmacy, 'rest']]);
  expect(partsOf((await ruledTransaction(h.client, back)).splits)).toEqual([['10.00', h.groceries, ''], ['15.00', h.pharmacy, 'rest']]);

  const exact = await rowOf(h.client, { description: 'Market', amount: '-25.00' });
  const more = await rowOf(h.client, { description: 'Market', amount: '-30.00' });
  const fixed = await ruleOf(h.client, [when('DESCRIPTION', 'IS', 'market')], [action('SPLIT_FIXED', JSON.stringify([{ amount: '10.00', categoryId: h.groceries }, { amount: '15.00' }]))]);
  expect(await previewOf(h.client, ruleInput(fixed.conditions, fixed.actions))).toMatchObject({ matchCount: 2, changeCount: 1 });
  expect(await applyRule(h.client, fixed.id)).toBe(1);
  expect(partsOf((await ruledTransaction(h.client, exact)).splits)).toEqual([['-10.00', h.groceries, ''], ['-15.00', null, '']]);
  expect((await ruledTransaction(h.client, more)).splits).toEqual([]);

  expect(partsOf((await created(h.client, { description: 'Market', amount: '-25.00' })).splits)).toEqual([['-10.00', h.groceries, ''], ['-15.00', null, '']]);
});

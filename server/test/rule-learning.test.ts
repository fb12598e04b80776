import { startTestApp, type RunningApp } from './support/test-app';
import { createTransaction, splitHouseholdOf, type SplitHousehold } from './support/households';
import { rowOf, UPDATE_LEDGER_TRANSACTION } from './support/transfers';
import { ACCEPT_SUGGESTION, DISMISS_SUGGESTION, folded, ruledTransaction, ruleOf, rulesOf, setCategory, SUGGESTIONS, when } from './support/rules';

/** Issue 18: "Always categorise X as Y?" — offered after hand categorising, made into a rule when accepted, gone for good when dismissed. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

interface Suggestion {
  id: string;
  description: string;
  category: { id: string; name: string };
  timesCategorised: number;
}
const suggestionsOf = async (h: SplitHousehold): Promise<Suggestion[]> => (await h.client.ok(SUGGESTIONS)).ruleSuggestions;
const categorise = (h: SplitHousehold, id: string, categoryId: string | null) => h.client.ok(UPDATE_LEDGER_TRANSACTION, { id, input: { categoryId } });
const createdCategoryOf = async (h: SplitHousehold, description: string) => {
  const result = await createTransaction(h.client, { description, amount: '-4.20' });
  expect(result.errors).toBeUndefined();
  return (await ruledTransaction(h.client, result.data.createTransaction.id)).category?.id ?? null;
};

test('categorising a row no rule matches offers a rule at once; accepting it makes a rule that categorises the next one', async () => {
  const h = await splitHouseholdOf(running);
  const id = await rowOf(h.client, { description: 'Corner Bakery', amount: '-4.20' });
  expect(await suggestionsOf(h)).toEqual([]);
  await categorise(h, id, h.groceries);
  const [suggestion, ...more] = await suggestionsOf(h);
  expect(more).toEqual([]);
  expect(suggestion).toMatchObject({ category: { id: h.groceries }, timesCategorised: 1 });
  expect(folded('Corner Bakery').startsWith(folded(suggestion.description))).toBe(true);
  expect(suggestion.description.length).toBeGreaterThan(0);

  const rule = (await h.client.ok(ACCEPT_SUGGESTION, { id: suggestion.id })).acceptRuleSuggestion;
  expect(rule).toMatchObject({
    enabled: true,
    conditions: [{ field: 'DESCRIPTION', operator: 'STARTS_WITH', value: suggestion.description }],
    actions: [{ type: 'SET_CATEGORY', value: h.groceries }],
  });
  expect((await rulesOf(h.client)).map((r) => r.id)).toEqual([rule.id]);
  expect(await suggestionsOf(h)).toEqual([]);
  expect(await createdCategoryOf(h, 'CORNER BAKERY')).toBe(h.groceries);
});

test('where a rule matches, the same description categorised the same way by hand three times offers one rule', async () => {
  const h = await splitHouseholdOf(running);
  await ruleOf(h.client, [when('DESCRIPTION', 'CONTAINS', 'bakery')], [setCategory(h.pharmacy)]);
  const ids = [];
  for (let i = 0; i < 4; i += 1) ids.push((await createTransaction(h.client, { description: 'Corner Bakery', amount: '-4.20' })).data.createTransaction.id);
  for (const id of ids) expect((await ruledTransaction(h.client, id)).category).toEqual({ id: h.pharmacy });
  await categorise(h, ids[0], h.groceries);
  // Another category in between counts for that other category only.
  await categorise(h, ids[3], h.salary);
  await categorise(h, ids[1], h.groceries);
  expect((await suggestionsOf(h)).filter((s) => s.category.id === h.groceries)).toEqual([]);
  await categorise(h, ids[2], h.groceries);
  const offered = (await suggestionsOf(h)).filter((s) => s.category.id === h.groceries);
  expect(offered).toEqual([expect.objectContaining({ timesCategorised: 3 })]);
  expect(folded('Corner Bakery').startsWith(folded(offered[0].description))).toBe(true);

  const accepted = (await h.client.ok(ACCEPT_SUGGESTION, { id: offered[0].id })).acceptRuleSuggestion;
  expect(accepted.actions).toEqual([{ type: 'SET_CATEGORY', value: h.groceries }]);
  expect((await suggestionsOf(h)).filter((s) => s.category.id === h.groceries)).toEqual([]);
  // The rule the user accepted must categorise the next row, or the offer did nothing.
  expect(await createdCategoryOf(h, 'Corner Bakery')).toBe(h.groceries);
});

test('a dismissed suggestion is never offered again for that description and category; another category still can be', async () => {
  const h = await splitHouseholdOf(running);
  const row = () => rowOf(h.client, { description: 'Corner Bakery', amount: '-4.20' });
  await categorise(h, await row(), h.groceries);
  const [suggestion] = await suggestionsOf(h);
  expect((await h.client.ok(DISMISS_SUGGESTION, { id: suggestion.id })).dismissRuleSuggestion).toBe(true);
  expect(await suggestionsOf(h)).toEqual([]);
  for (let i = 0; i < 4; i += 1) await categorise(h, await row(), h.groceries);
  const created = await createTransaction(h.client, { description: 'Corner Bakery', amount: '-1.00', categoryId: h.groceries });
  expect(created.errors).toBeUndefined();
  expect(await suggestionsOf(h)).toEqual([]);
  expect(await rulesOf(h.client)).toEqual([]);

  await categorise(h, await row(), h.pharmacy);
  expect(await suggestionsOf(h)).toEqual([expect.objectContaining({ category: expect.objectContaining({ id: h.pharmacy }) })]);
});

test('createTransaction with a category the user chose offers a rule as an edit does; uncategorising offers none', async () => {
  const h = await splitHouseholdOf(running);
  const result = await createTransaction(h.client, { description: 'Zoo Tickets', amount: '-30.00', categoryId: h.salary });
  expect(result.errors).toBeUndefined();
  expect(await suggestionsOf(h)).toEqual([expect.objectContaining({ category: expect.objectContaining({ id: h.salary }), timesCategorised: 1 })]);
  const other = await createTransaction(h.client, { description: 'Parking', amount: '-3.00' });
  await categorise(h, other.data.createTransaction.id, null);
  expect(await suggestionsOf(h)).toHaveLength(1);
});

import { loadConfig } from '../src/config';
import { signUp } from './support/client';
import { codeOf } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { splitHouseholdOf } from './support/households';
import { accountOf, categoryOf, rowOf, UPDATE_LEDGER_TRANSACTION as UPDATE_TRANSACTION } from './support/transfers';
import {
  ACCEPT_SUGGESTION,
  action,
  APPLY_RULE,
  CREATE_RULE,
  DELETE_RULE,
  DISMISS_SUGGESTION,
  expectRuleRefused,
  REORDER_RULES,
  RULE,
  ruleInput,
  ruleOf,
  rulesAndLedgerOf,
  rulesOf,
  setCategory,
  SUGGESTIONS,
  UPDATE_RULE,
  when,
  type Condition,
} from './support/rules';

/** Issue 18: a user's rules — made, changed, ordered and deleted — and what the API refuses. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const household = () => splitHouseholdOf(running);
const tesco = when('DESCRIPTION', 'CONTAINS', 'tesco');

describe('making, changing and deleting rules', () => {
  test('createRule answers the rule with the contract’s defaults, appended at the end; rules lists them in order', async () => {
    const h = await household();
    const first = await ruleOf(h.client, [tesco], [setCategory(h.groceries)]);
    expect(first).toEqual({
      id: expect.any(String), name: 'A rule', position: 0, enabled: true, matchAll: true, stopProcessing: false, override: false,
      createdAt: expect.any(String), lastAppliedAt: null, appliedCount: 0,
      conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: 'tesco' }], actions: [{ type: 'SET_CATEGORY', value: h.groceries }],
    });
    expect(Date.now() - Date.parse(first.createdAt)).toBeLessThan(60_000);
    const second = await ruleOf(h.client, [when('AMOUNT', 'LT', '-100'), when('ACCOUNT', 'IS', h.checking)], [action('APPEND_NOTES', 'big one'), setCategory(h.pharmacy)], {
      name: 'Big spends', enabled: false, matchAll: false, stopProcessing: true, override: true,
    });
    expect(second).toMatchObject({ name: 'Big spends', position: 1, enabled: false, matchAll: false, stopProcessing: true, override: true });
    expect(second.conditions.map((c) => c.field)).toEqual(['AMOUNT', 'ACCOUNT']);
    expect(second.actions.map((a) => a.type)).toEqual(['APPEND_NOTES', 'SET_CATEGORY']);
    expect(await rulesOf(h.client)).toEqual([first, second]);
    expect((await h.client.ok(RULE, { id: second.id })).rule).toEqual(second);
  });

  test('updateRule replaces everything but the position; deleteRule removes one and the rest keep their order', async () => {
    const h = await household();
    const [a, b, c] = [await ruleOf(h.client, [tesco], [setCategory(h.groceries)]), await ruleOf(h.client, [tesco], [setCategory(h.pharmacy)]), await ruleOf(h.client, [tesco], [setCategory(h.salary)])];
    const input = ruleInput([when('NOTES', 'IS_EMPTY'), when('DATE', 'WEEKDAY', '["6","7"]')], [action('SET_DESCRIPTION', 'Weekend {{description}}')], { name: 'Weekends', matchAll: false, enabled: false });
    const updated = (await h.client.ok(UPDATE_RULE, { id: b.id, input })).updateRule;
    expect(updated).toEqual({
      ...b, name: 'Weekends', matchAll: false, enabled: false, conditions: input.conditions, actions: input.actions,
    });
    expect((await h.client.ok(DELETE_RULE, { id: a.id })).deleteRule).toBe(true);
    const left = await rulesOf(h.client);
    expect(left.map((rule) => rule.id)).toEqual([b.id, c.id]);
    // The ones after it move up: positions stay 0 to n - 1.
    expect(left.map((rule) => rule.position)).toEqual([0, 1]);
    expect(codeOf(await h.client.gql(RULE, { id: a.id }))).toBe('NOT_FOUND');
    expect(codeOf(await h.client.gql(DELETE_RULE, { id: a.id }))).toBe('NOT_FOUND');
    // A new rule goes after the ones left.
    expect((await ruleOf(h.client, [tesco], [setCategory(h.groceries)])).position).toBe(2);
  });

  test('reorderRules sets the order of running, every rule once', async () => {
    const h = await household();
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push((await ruleOf(h.client, [tesco], [setCategory(h.groceries)], { name: `Rule ${i}` })).id);
    const order = [ids[2], ids[0], ids[3], ids[1]];
    const reordered = (await h.client.ok(REORDER_RULES, { ids: order })).reorderRules;
    expect(reordered.map((rule: { id: string; position: number }) => [rule.id, rule.position])).toEqual(order.map((id, position) => [id, position]));
    expect((await rulesOf(h.client)).map((rule) => rule.id)).toEqual(order);
    // Not every rule, one twice, none:
    for (const given of [[ids[2], ids[0], ids[3]], [...order, ids[0]], [ids[2], ids[0], ids[3], ids[3]], []]) {
      await expectRuleRefused(h.client, () => h.client.gql(REORDER_RULES, { ids: given }), 'BAD_USER_INPUT');
    }
    // An id that is no rule of the user's is not found, as rule(id) answers.
    await expectRuleRefused(h.client, () => h.client.gql(REORDER_RULES, { ids: [...order.slice(0, 3), '999999'] }), 'NOT_FOUND');
  });
});

describe('validation: BAD_USER_INPUT naming what is wrong, and nothing stored', () => {
  // Each value is wrong for its field and operator; the tests put it second, after a good condition.
  const badConditions: [string, (ids: { foreignAccount: string; foreignCategory: string }) => Condition][] = [
    ['an amount that is not a number', () => when('AMOUNT', 'IS', 'ten')],
    ['an amount with a decimal comma', () => when('AMOUNT', 'GT', '9,99')],
    ['an empty amount', () => when('AMOUNT', 'LT', '')],
    ['BETWEEN with one amount', () => when('AMOUNT', 'BETWEEN', '["-100"]')],
    ['BETWEEN that is not a JSON array', () => when('AMOUNT', 'BETWEEN', '-100..-50')],
    ['APPROX with a percent that is not a number', () => when('AMOUNT', 'APPROX', '["-9.99","some"]')],
    ['a date that does not exist', () => when('DATE', 'IS', '2025-02-30')],
    ['a date that is not a date', () => when('DATE', 'GT', 'yesterday')],
    ['a date range of one date', () => when('DATE', 'BETWEEN', '["2025-01-01"]')],
    ['weekday 8', () => when('DATE', 'WEEKDAY', '8')],
    ['weekday 0 in a list', () => when('DATE', 'WEEKDAY', '["0","6"]')],
    ['day of month 32', () => when('DATE', 'DAY_OF_MONTH', '32')],
    ['ONE_OF that is not a JSON array', () => when('DESCRIPTION', 'ONE_OF', 'tesco,aldi')],
    ['ONE_OF with a value that is no text', () => when('NOTES', 'ONE_OF', '["tesco",null]')],
    ['an unknown account', () => when('ACCOUNT', 'IS', '999999')],
    ['another user’s account', ({ foreignAccount }) => when('ACCOUNT', 'IS_NOT', foreignAccount)],
    ['an unknown category in a list', () => when('CATEGORY', 'ONE_OF', '["999999"]')],
    ['another user’s category', ({ foreignCategory }) => when('CATEGORY', 'IS', foreignCategory)],
    ['a category id that is not an id', () => when('CATEGORY', 'IS', 'groceries')],
    ['a text operator on an amount', () => when('AMOUNT', 'CONTAINS', '9.99')],
    ['an amount operator on a text', () => when('DESCRIPTION', 'GT', 'a')],
    ['a date operator on notes', () => when('NOTES', 'WEEKDAY', '1')],
    ['a text operator on a date', () => when('DATE', 'STARTS_WITH', '2025')],
    ['a date operator on an account', () => when('ACCOUNT', 'DAY_OF_MONTH', '1')],
    ['APPROX on a category', () => when('CATEGORY', 'APPROX', '1')],
    ['money in on a description', () => when('IMPORTED_DESCRIPTION', 'MONEY_IN')],
  ];

  test.each(badConditions)('a condition with %s: "Condition 2", on create and on update', async (_name, condition) => {
    const h = await household();
    const stranger = (await signUp(running.baseUrl)).client;
    const ids = { foreignAccount: await accountOf(stranger, 'Theirs'), foreignCategory: await categoryOf(stranger, 'Theirs') };
    const input = ruleInput([tesco, condition(ids)], [setCategory(h.groceries)]);
    await expectRuleRefused(h.client, () => h.client.gql(CREATE_RULE, { input }), 'BAD_USER_INPUT', /Condition 2\b/);
    const rule = await ruleOf(h.client, [tesco], [setCategory(h.groceries)]);
    await expectRuleRefused(h.client, () => h.client.gql(UPDATE_RULE, { id: rule.id, input }), 'BAD_USER_INPUT', /Condition 2\b/);
  });

  test('the condition named is the one that is wrong', async () => {
    const h = await household();
    const input = ruleInput([tesco, tesco, when('AMOUNT', 'IS', 'ten'), tesco], [setCategory(h.groceries)]);
    await expectRuleRefused(h.client, () => h.client.gql(CREATE_RULE, { input }), 'BAD_USER_INPUT', /Condition 3\b/);
  });

  const badActions: [string, (h: Awaited<ReturnType<typeof household>>, foreign: { account: string; category: string }) => ReturnType<typeof action>][] = [
    ['SET_CATEGORY of an unknown category', () => setCategory('999999')],
    ['SET_CATEGORY of another user’s category', (_h, foreign) => setCategory(foreign.category)],
    ['SET_CATEGORY without a value', () => action('SET_CATEGORY')],
    ['SET_DESCRIPTION with an unknown placeholder', () => action('SET_DESCRIPTION', 'Shop {{payee}}')],
    ['SET_DESCRIPTION with an unclosed placeholder', () => action('SET_DESCRIPTION', 'Shop {{importedDescription')],
    ['APPEND_NOTES with an unknown placeholder', () => action('APPEND_NOTES', '{{amount}}')],
    ['APPEND_NOTES with a control character', () => action('APPEND_NOTES', 'paid \u0007 back')],
    ['SPLIT_BY_PERCENT with a control character in a part’s notes', (h) => action('SPLIT_BY_PERCENT', JSON.stringify([{ percent: '50', categoryId: h.groceries, notes: 'a\u0000b' }, { percent: '50', categoryId: h.pharmacy }]))],
    ['LINK_TRANSFER_TO_ACCOUNT of an unknown account', () => action('LINK_TRANSFER_TO_ACCOUNT', '999999')],
    ['LINK_TRANSFER_TO_ACCOUNT of another user’s account', (_h, foreign) => action('LINK_TRANSFER_TO_ACCOUNT', foreign.account)],
    ['SPLIT_BY_PERCENT not adding to 100', (h) => action('SPLIT_BY_PERCENT', JSON.stringify([{ percent: '60', categoryId: h.groceries }, { percent: '30', categoryId: h.pharmacy }]))],
    ['SPLIT_BY_PERCENT with an unknown category', (h) => action('SPLIT_BY_PERCENT', JSON.stringify([{ percent: '60', categoryId: h.groceries }, { percent: '40', categoryId: '999999' }]))],
    ['SPLIT_BY_PERCENT that is not JSON', () => action('SPLIT_BY_PERCENT', '60/40')],
    ['SPLIT_FIXED with two parts taking the rest', (h) => action('SPLIT_FIXED', JSON.stringify([{ amount: '10.00', categoryId: h.groceries }, { categoryId: h.pharmacy }, {}]))],
    ['SPLIT_FIXED with an amount that is not money', (h) => action('SPLIT_FIXED', JSON.stringify([{ amount: 'ten', categoryId: h.groceries }, { categoryId: h.pharmacy }]))],
  ];

  test.each(badActions)('an action %s is BAD_USER_INPUT, on create and on update', async (_name, badAction) => {
    const h = await household();
    const stranger = (await signUp(running.baseUrl)).client;
    const foreign = { account: await accountOf(stranger, 'Theirs'), category: await categoryOf(stranger, 'Theirs') };
    const input = ruleInput([tesco], [action('SET_DESCRIPTION', 'Tesco'), badAction(h, foreign)]);
    await expectRuleRefused(h.client, () => h.client.gql(CREATE_RULE, { input }), 'BAD_USER_INPUT', /Action 2\b/);
    const rule = await ruleOf(h.client, [tesco], [setCategory(h.groceries)]);
    await expectRuleRefused(h.client, () => h.client.gql(UPDATE_RULE, { id: rule.id, input }), 'BAD_USER_INPUT', /Action 2\b/);
  });

  test('another user’s ids in a rule are refused exactly like unknown ones', async () => {
    const h = await household();
    const stranger = (await signUp(running.baseUrl)).client;
    const theirs = await categoryOf(stranger, 'Theirs');
    const foreign = await h.client.gql(CREATE_RULE, { input: ruleInput([tesco], [setCategory(theirs)]) });
    const unknown = await h.client.gql(CREATE_RULE, { input: ruleInput([tesco], [setCategory('999999')]) });
    // The same answer but for the id it repeats back.
    expect(JSON.stringify(foreign.errors).replace(theirs, '999999')).toEqual(JSON.stringify(unknown.errors));
  });

  test.each([
    ['no conditions', (h: { groceries: string }) => ruleInput([], [setCategory(h.groceries)])],
    ['21 conditions', (h: { groceries: string }) => ruleInput(Array.from({ length: 21 }, () => tesco), [setCategory(h.groceries)])],
    ['no actions', () => ruleInput([tesco], [])],
    ['11 actions', () => ruleInput([tesco], Array.from({ length: 11 }, (_, i) => action('APPEND_NOTES', `note ${i}`)))],
    ['an empty name', (h: { groceries: string }) => ({ ...ruleInput([tesco], [setCategory(h.groceries)]), name: '' })],
    ['a name of 101 characters', (h: { groceries: string }) => ({ ...ruleInput([tesco], [setCategory(h.groceries)]), name: 'x'.repeat(101) })],
  ])('a rule with %s is BAD_USER_INPUT', async (_name, input) => {
    const h = await household();
    await expectRuleRefused(h.client, () => h.client.gql(CREATE_RULE, { input: input(h) }), 'BAD_USER_INPUT');
  });

  test('20 conditions are as many as a rule takes; its actions each set a field of their own', async () => {
    const h = await household();
    const actions = [action('APPEND_NOTES', 'note'), action('SET_DESCRIPTION', 'Shop'), setCategory(h.groceries)];
    const rule = await ruleOf(h.client, Array.from({ length: 20 }, (_, i) => when('DESCRIPTION', 'NOT_CONTAINS', `word ${i}`)), actions);
    expect([rule.conditions.length, rule.actions]).toEqual([20, actions]);
    // Category, split and transfer are one choice: a second action making it is refused, named.
    for (const second of [setCategory(h.pharmacy), action('LINK_TRANSFER_TO_ACCOUNT', h.checking), action('APPEND_NOTES', 'again')]) {
      const input = ruleInput([tesco], [second.type === 'APPEND_NOTES' ? action('APPEND_NOTES', 'note') : action('SPLIT_BY_PERCENT', JSON.stringify([{ percent: '50' }, { percent: '50' }])), second]);
      await expectRuleRefused(h.client, () => h.client.gql(CREATE_RULE, { input }), 'BAD_USER_INPUT', /Action 2\b/);
    }
  });

  test('a user has at most RULES_PER_USER rules (500 unless set); the next one is refused and nothing else changes', async () => {
    expect(loadConfig({}).rulesPerUser).toBe(500);
    expect(() => loadConfig({ RULES_PER_USER: '0' })).toThrow(/RULES_PER_USER/);
    // A small limit here: the rule that refuses is the same for 500, without 500 round trips.
    const limited = await startTestApp({ RULES_PER_USER: '12' });
    try {
      const { client } = await signUp(limited.baseUrl);
      const input = ruleInput([tesco], [action('APPEND_NOTES', 'tesco')]);
      for (let made = 0; made < 12; made += 1) expect((await client.gql(CREATE_RULE, { input })).errors).toBeUndefined();
      const refused = await expectRuleRefused(client, () => client.gql(CREATE_RULE, { input }), 'BAD_USER_INPUT');
      expect(refused.errors[0].message).toContain('12 rules');
      const rules = await rulesOf(client);
      expect(rules.map((rule) => rule.position)).toEqual([...Array(12).keys()]);
      // Deleting one makes room for one, which runs last.
      await client.ok(DELETE_RULE, { id: rules[0].id });
      expect((await client.gql(CREATE_RULE, { input })).errors).toBeUndefined();
      expect((await rulesOf(client)).map((rule) => rule.position)).toEqual([...Array(12).keys()]);
      expect((await client.gql(CREATE_RULE, { input })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await limited.destroy();
    }
  });
});

describe('another user’s rules', () => {
  test('rule, updateRule, deleteRule and applyRule answer NOT_FOUND, as for an unknown id; the owner’s rule stays as it was', async () => {
    const h = await household();
    const rule = await ruleOf(h.client, [tesco], [setCategory(h.groceries)]);
    await rowOf(h.client, { description: 'TESCO STORES', amount: '-5.00' });
    const intruder = await household();
    const before = await rulesAndLedgerOf(h.client);
    const attempts = [
      (id: string) => intruder.client.gql(RULE, { id }),
      (id: string) => intruder.client.gql(UPDATE_RULE, { id, input: ruleInput([tesco], [setCategory(intruder.groceries)]) }),
      (id: string) => intruder.client.gql(DELETE_RULE, { id }),
      (id: string) => intruder.client.gql(APPLY_RULE, { id }),
    ];
    for (const attempt of attempts) {
      const theirs = await attempt(rule.id);
      expect(codeOf(theirs)).toBe('NOT_FOUND');
      expect(theirs.errors).toEqual((await attempt('999999')).errors);
    }
    expect(await rulesAndLedgerOf(h.client)).toEqual(before);
    expect(await rulesOf(intruder.client)).toEqual([]);
  });

  test('reorderRules with another user’s rule among one’s own is refused as with an unknown id, and neither user’s order changes', async () => {
    const h = await household();
    const mine = [await ruleOf(h.client, [tesco], [setCategory(h.groceries)]), await ruleOf(h.client, [tesco], [setCategory(h.pharmacy)])];
    const intruder = await household();
    const theirs = await ruleOf(intruder.client, [tesco], [setCategory(intruder.groceries)]);
    const code = codeOf(await intruder.client.gql(REORDER_RULES, { ids: [theirs.id, '999999'] }));
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(code);
    const ownersBefore = await rulesAndLedgerOf(h.client);
    await expectRuleRefused(intruder.client, () => intruder.client.gql(REORDER_RULES, { ids: [mine[1].id, theirs.id, mine[0].id] }), code!);
    await expectRuleRefused(intruder.client, () => intruder.client.gql(REORDER_RULES, { ids: [mine[1].id, mine[0].id] }), code!);
    expect(await rulesAndLedgerOf(h.client)).toEqual(ownersBefore);
    // Nor can the owner take the intruder's rule into theirs.
    await expectRuleRefused(h.client, () => h.client.gql(REORDER_RULES, { ids: [mine[1].id, mine[0].id, theirs.id] }), code!);
  });

  test('acceptRuleSuggestion and dismissRuleSuggestion of another user’s suggestion: NOT_FOUND, and the owner’s stays offered', async () => {
    const h = await household();
    // Categorising a row no rule matches offers a rule at once.
    const id = await rowOf(h.client, { description: 'Corner Bakery', amount: '-4.20' });
    await h.client.ok(UPDATE_TRANSACTION, { id, input: { categoryId: h.groceries } });
    const [suggestion] = (await h.client.ok(SUGGESTIONS)).ruleSuggestions;
    expect(suggestion).toBeDefined();
    const intruder = await household();
    const before = await rulesAndLedgerOf(h.client);
    for (const document of [ACCEPT_SUGGESTION, DISMISS_SUGGESTION]) {
      const theirs = await intruder.client.gql(document, { id: suggestion.id });
      expect(codeOf(theirs)).toBe('NOT_FOUND');
      expect(theirs.errors).toEqual((await intruder.client.gql(document, { id: '999999' })).errors);
    }
    expect(await rulesAndLedgerOf(h.client)).toEqual(before);
    expect(await rulesAndLedgerOf(intruder.client)).toMatchObject({ rules: [], suggestions: [] });
  });
});

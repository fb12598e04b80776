import { describe, expect, it } from 'vitest';
import type { RuleFieldsFragment } from '../graphql/generated/graphql';
import { actionProblem, blankShare, decodeAction, encodeAction, type ActionDraft } from './rule-actions';
import { actionSummary, conditionSummary, ruleSummary, type NameOf } from './rule-summary';
import {
  conditionProblem, decodeValue, draftFromRule, draftFromSearch, encodeValue, inputFromRule, moved, operatorLabel, operatorsFor,
  ruleFromTransactionHref, ruleInput, ruleProblems, suggestionFor, valueShape, withField, type ConditionDraft,
} from './rules';

const condition = (field: ConditionDraft['field'], operator: ConditionDraft['operator'], values: string[]): ConditionDraft => ({ key: 0, field, operator, values });
const action = (type: ActionDraft['type'], value = '', shares: [string, string][] = []): ActionDraft => ({
  key: 0, type, value, parts: shares.map(([share, categoryId]) => ({ ...blankShare(), share, categoryId })),
});

describe('conditions', () => {
  it('offer the operators that fit their field', () => {
    expect(operatorsFor('DESCRIPTION')).toContain('STARTS_WITH');
    expect(operatorsFor('DESCRIPTION')).not.toContain('GT');
    expect(operatorsFor('AMOUNT')).toEqual(['IS', 'IS_NOT', 'GT', 'LT', 'BETWEEN', 'APPROX', 'MONEY_OUT', 'MONEY_IN']);
    expect(operatorsFor('CATEGORY')).toContain('IS_EMPTY');
    expect(operatorsFor('ACCOUNT')).toEqual(['IS', 'IS_NOT', 'ONE_OF', 'NOT_ONE_OF']);
    expect(operatorsFor('DATE')).toContain('WEEKDAY');
    expect(operatorLabel('DATE', 'GT')).toBe('is after');
    expect(operatorLabel('AMOUNT', 'GT')).toBe('is more than');
  });

  it('encode their values as the API takes them: lists and ranges as JSON arrays of strings', () => {
    expect(encodeValue('CONTAINS', [' tesco '])).toBe('tesco');
    expect(encodeValue('ONE_OF', ['tesco', '', ' aldi'])).toBe('["tesco","aldi"]');
    expect(encodeValue('BETWEEN', ['-100', '-50'])).toBe('["-100","-50"]');
    expect(encodeValue('APPROX', ['-9.99', ''])).toBe('-9.99');
    expect(encodeValue('APPROX', ['-9.99', '10'])).toBe('["-9.99","10"]');
    expect(encodeValue('WEEKDAY', ['6', '7'])).toBe('["6","7"]');
    expect(encodeValue('MONEY_OUT', ['anything'])).toBe('');
    expect(valueShape('IS_EMPTY')).toBe('none');
  });

  it('decode what the API gives back into the same strings, a lone value as a one-item list', () => {
    for (const [operator, values] of [['ONE_OF', ['tesco', 'aldi']], ['BETWEEN', ['2025-01-01', '2025-12-31']], ['APPROX', ['-9.99', '10']], ['IS', ['a "quoted" [x]']]] as const) {
      expect(decodeValue(operator, encodeValue(operator, [...values]))).toEqual(values);
    }
    expect(decodeValue('WEEKDAY', '6')).toEqual(['6']);
    expect(decodeValue('APPROX', '-9.99')).toEqual(['-9.99', '']);
    expect(decodeValue('ONE_OF', '')).toEqual([]);
    expect(decodeValue('BETWEEN', 'not json')).toEqual(['', '']);
  });

  it('keep what still fits when the field changes, and start over when the kind changes', () => {
    const text = condition('DESCRIPTION', 'STARTS_WITH', ['tesco']);
    expect(withField(text, 'NOTES')).toMatchObject({ field: 'NOTES', operator: 'STARTS_WITH', values: ['tesco'] });
    expect(withField(text, 'AMOUNT')).toMatchObject({ field: 'AMOUNT', operator: 'IS', values: [''] });
    expect(withField(condition('CATEGORY', 'IS_EMPTY', []), 'ACCOUNT')).toMatchObject({ operator: 'IS', values: [''] });
  });

  it('say what is wrong with a value before the server is asked', () => {
    expect(conditionProblem(condition('DESCRIPTION', 'CONTAINS', [' ']))).toBe('Type a value.');
    expect(conditionProblem(condition('DESCRIPTION', 'IS_EMPTY', []))).toBeNull();
    expect(conditionProblem(condition('AMOUNT', 'IS', ['9,99']))).toMatch(/with a dot/);
    expect(conditionProblem(condition('AMOUNT', 'BETWEEN', ['-100', '']))).toBe('Give both ends of the range.');
    expect(conditionProblem(condition('AMOUNT', 'APPROX', ['-9.99', 'ten']))).toMatch(/percentage/);
    expect(conditionProblem(condition('AMOUNT', 'MONEY_IN', []))).toBeNull();
    expect(conditionProblem(condition('CATEGORY', 'ONE_OF', []))).toBe('Pick at least one category.');
    expect(conditionProblem(condition('ACCOUNT', 'IS', ['']))).toBe('Pick an account.');
    expect(conditionProblem(condition('DATE', 'WEEKDAY', []))).toBe('Pick at least one day of the week.');
    expect(conditionProblem(condition('DATE', 'DAY_OF_MONTH', ['1', '32']))).toMatch(/1 to 31/);
    expect(conditionProblem(condition('DATE', 'IS', ['March 1']))).toBe('Pick a date.');
    expect(conditionProblem(condition('DATE', 'BETWEEN', ['2025-01-01', '2025-12-31']))).toBeNull();
  });
});

describe('actions', () => {
  it('carry a split’s parts as JSON: percentages, or unsigned amounts with one part taking the rest', () => {
    expect(encodeAction(action('SPLIT_BY_PERCENT', '', [['60', '3'], ['40', '4']]))).toEqual({
      type: 'SPLIT_BY_PERCENT', value: '[{"percent":"60","categoryId":"3"},{"percent":"40","categoryId":"4"}]',
    });
    expect(encodeAction(action('SPLIT_FIXED', '', [['10.00', '3'], ['', '4']])).value).toBe('[{"amount":"10.00","categoryId":"3"},{"categoryId":"4"}]');
    const decoded = decodeAction('SPLIT_FIXED', '[{"amount":"10.00","categoryId":"3","notes":"food"},{"categoryId":"4"}]');
    expect(decoded.parts.map(({ share, categoryId, notes }) => [share, categoryId, notes])).toEqual([['10.00', '3', 'food'], ['', '4', '']]);
    expect(decodeAction('SPLIT_BY_PERCENT', '').parts).toHaveLength(2);
    expect(encodeAction(action('SET_DESCRIPTION', ' Spotify '))).toEqual({ type: 'SET_DESCRIPTION', value: 'Spotify' });
  });

  it('say what is wrong before the server is asked', () => {
    expect(actionProblem(action('SET_CATEGORY'))).toBe('Pick a category.');
    expect(actionProblem(action('LINK_TRANSFER_TO_ACCOUNT', '7'))).toBeNull();
    expect(actionProblem(action('SET_DESCRIPTION', '{{importedDescription}} (card)'))).toBeNull();
    expect(actionProblem(action('APPEND_NOTES', 'from {{payee}}'))).toMatch(/not \{\{payee\}\}/);
    // 0.1 + 64.1 + 35.8 is 99.99999999999999 in floats; the check adds them exactly.
    expect(actionProblem(action('SPLIT_BY_PERCENT', '', [['0.1', '1'], ['64.1', '2'], ['35.8', '3']]))).toBeNull();
    expect(actionProblem(action('SPLIT_BY_PERCENT', '', [['60', '1'], ['30', '2']]))).toBe('The percentages add up to 90, not 100.');
    expect(actionProblem(action('SPLIT_BY_PERCENT', '', [['100', '1']]))).toBe('A split needs at least two parts.');
    expect(actionProblem(action('SPLIT_FIXED', '', [['', '1'], ['', '2']]))).toMatch(/at most one amount empty/);
    expect(actionProblem(action('SPLIT_FIXED', '', [['-10', '1'], ['', '2']]))).toMatch(/without a sign/);
  });
});

describe('a rule', () => {
  const saved: RuleFieldsFragment = {
    __typename: 'Rule', id: '5', name: 'Spotify', position: 0, enabled: true, matchAll: false, stopProcessing: true, override: false,
    lastAppliedAt: null, appliedCount: 0,
    conditions: [{ __typename: 'RuleCondition', field: 'DESCRIPTION', operator: 'ONE_OF', value: '["spotify","spotify ab"]' },
      { __typename: 'RuleCondition', field: 'AMOUNT', operator: 'APPROX', value: '-9.99' }],
    actions: [{ __typename: 'RuleAction', type: 'SET_CATEGORY', value: '3' }, { __typename: 'RuleAction', type: 'SET_DESCRIPTION', value: 'Spotify' }],
  };

  it('goes from the API to the editor and back unchanged, and a toggle sends it whole without __typename', () => {
    const input = ruleInput(draftFromRule(saved));
    expect(input).toEqual(inputFromRule(saved));
    expect(input.conditions[1]).toEqual({ field: 'AMOUNT', operator: 'APPROX', value: '-9.99' });
    expect(inputFromRule(saved, { enabled: false })).toMatchObject({ enabled: false, name: 'Spotify', actions: [{ type: 'SET_CATEGORY', value: '3' }, { type: 'SET_DESCRIPTION', value: 'Spotify' }] });
    expect(JSON.stringify(inputFromRule(saved))).not.toContain('__typename');
  });

  it('lists every problem of a draft, each beside its line', () => {
    const draft = draftFromRule(saved);
    expect(ruleProblems(draft)).toBeNull();
    draft.name = ' ';
    draft.conditions[1].values = ['abc'];
    expect(ruleProblems(draft)).toEqual({ name: 'Give the rule a name.', conditions: [null, expect.stringMatching(/with a dot/)], actions: [null, null] });
    expect(ruleProblems({ ...draftFromRule(saved), name: '' }, { needName: false })).toBeNull();
  });

  it('is prefilled from a transaction through the Rules screen’s address', () => {
    const href = ruleFromTransactionHref({ description: ' TESCO STORES 3297 & co ', category: { id: '12' } });
    const draft = draftFromSearch(new URL(href, 'http://x').search);
    expect(href.startsWith('/rules?')).toBe(true);
    expect(draft && ruleInput(draft)).toMatchObject({
      name: 'TESCO STORES 3297 & co', conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: 'TESCO STORES 3297 & co' }],
      actions: [{ type: 'SET_CATEGORY', value: '12' }],
    });
    const uncategorised = draftFromSearch(new URL(ruleFromTransactionHref({ description: 'Cafe', category: null }), 'http://x').search);
    expect(uncategorised?.actions[0]).toMatchObject({ type: 'SET_CATEGORY', value: '' });
    expect(draftFromSearch('?description=x')).toBeNull();
  });
});

describe('the order and the learning prompt', () => {
  it('moves one rule to another place, leaving the others in order', () => {
    expect(moved(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
  });

  it('offers the suggestion for the row just categorised, ignoring case, accents and punctuation, and none for another row', () => {
    const suggestions = [
      { description: 'cafe noir', category: { __typename: 'Category' as const, id: '2', name: 'Eating out', color: '#000' } },
      { description: 'tesco', category: { __typename: 'Category' as const, id: '1', name: 'Groceries', color: '#000' } },
    ];
    expect(suggestionFor(suggestions, { description: 'TESCO  Stores 3297', categoryId: '1' })?.description).toBe('tesco');
    expect(suggestionFor(suggestions, { description: 'Café-Noir #12', categoryId: '2' })?.description).toBe('cafe noir');
    expect(suggestionFor(suggestions, { description: 'Tesco', categoryId: '2' })).toBeUndefined();
    expect(suggestionFor(suggestions, { description: 'Aldi', categoryId: '1' })).toBeUndefined();
    expect(suggestionFor(suggestions, { description: 'Tesco', categoryId: null })).toBeUndefined();
  });
});

describe('a rule in one line', () => {
  const names: Record<string, string> = { 'CATEGORY 3': 'Groceries', 'CATEGORY 4': 'Home', 'ACCOUNT 7': 'Savings' };
  const nameOf: NameOf = (field, id) => names[`${field} ${id}`];

  it('reads as a sentence, with names for ids and days for weekday numbers', () => {
    expect(ruleSummary({
      matchAll: true,
      conditions: [
        { __typename: 'RuleCondition', field: 'DESCRIPTION', operator: 'ONE_OF', value: '["tesco","aldi"]' },
        { __typename: 'RuleCondition', field: 'AMOUNT', operator: 'BETWEEN', value: '["-100","-50"]' },
        { __typename: 'RuleCondition', field: 'DATE', operator: 'WEEKDAY', value: '["6","7"]' },
      ],
      actions: [{ __typename: 'RuleAction', type: 'SET_CATEGORY', value: '3' }, { __typename: 'RuleAction', type: 'APPEND_NOTES', value: 'weekend' }],
    }, nameOf)).toBe('Description is one of “tesco”, “aldi” and Amount is between -100 and -50 and Date falls on Sat, Sun → set category Groceries, add “weekend” to notes');
  });

  it('names each kind of condition and action', () => {
    expect(conditionSummary({ field: 'AMOUNT', operator: 'APPROX', value: '-9.99' }, nameOf)).toBe('Amount is about -9.99 (±5 %)');
    expect(conditionSummary({ field: 'AMOUNT', operator: 'MONEY_IN', value: '' }, nameOf)).toBe('Amount is money in');
    expect(conditionSummary({ field: 'CATEGORY', operator: 'IS', value: '99' }, nameOf)).toBe('Category is a deleted category');
    expect(conditionSummary({ field: 'ACCOUNT', operator: 'NOT_ONE_OF', value: '["7"]' }, nameOf)).toBe('Account is none of Savings');
    expect(actionSummary({ type: 'LINK_TRANSFER_TO_ACCOUNT', value: '7' }, nameOf)).toBe('make a transfer with Savings');
    expect(actionSummary({ type: 'SPLIT_BY_PERCENT', value: '[{"percent":"60","categoryId":"3"},{"percent":"40","categoryId":"4"}]' }, nameOf)).toBe('split 60 % Groceries, 40 % Home');
    expect(actionSummary({ type: 'SPLIT_FIXED', value: '[{"amount":"10.00","categoryId":"3"},{"categoryId":"4"}]' }, nameOf)).toBe('split 10.00 Groceries, the rest Home');
    expect(actionSummary({ type: 'SET_DESCRIPTION', value: '{{importedDescription}}' }, nameOf)).toBe('rename to “{{importedDescription}}”');
  });
});

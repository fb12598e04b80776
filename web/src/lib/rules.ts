// Rules as the editor holds them, and as the API takes them. A condition's value is one string on the
// wire (a JSON array for lists and ranges, see SDL-18); the editor keeps a list of plain strings.
import type {
  RuleActionType, RuleField, RuleFieldsFragment, RuleInput, RuleOperator, RuleSuggestionFieldsFragment,
} from '../graphql/generated/graphql';
import { actionProblem, decodeAction, encodeAction, type ActionDraft } from './rule-actions';

type FieldKind = 'text' | 'amount' | 'reference' | 'date';
const KIND: Record<RuleField, FieldKind> = {
  DESCRIPTION: 'text', IMPORTED_DESCRIPTION: 'text', NOTES: 'text', AMOUNT: 'amount', ACCOUNT: 'reference', CATEGORY: 'reference', DATE: 'date',
};
export const FIELDS: { field: RuleField; label: string }[] = [
  { field: 'DESCRIPTION', label: 'Description' }, { field: 'IMPORTED_DESCRIPTION', label: 'Imported description' }, { field: 'NOTES', label: 'Notes' },
  { field: 'AMOUNT', label: 'Amount' }, { field: 'ACCOUNT', label: 'Account' }, { field: 'CATEGORY', label: 'Category' }, { field: 'DATE', label: 'Date' },
];
const OPERATORS: Record<FieldKind, RuleOperator[]> = {
  text: ['CONTAINS', 'NOT_CONTAINS', 'IS', 'IS_NOT', 'STARTS_WITH', 'NOT_STARTS_WITH', 'ENDS_WITH', 'NOT_ENDS_WITH', 'ONE_OF', 'NOT_ONE_OF', 'IS_EMPTY', 'IS_NOT_EMPTY'],
  amount: ['IS', 'IS_NOT', 'GT', 'LT', 'BETWEEN', 'APPROX', 'MONEY_OUT', 'MONEY_IN'],
  reference: ['IS', 'IS_NOT', 'ONE_OF', 'NOT_ONE_OF', 'IS_EMPTY', 'IS_NOT_EMPTY'],
  date: ['IS', 'GT', 'LT', 'BETWEEN', 'WEEKDAY', 'DAY_OF_MONTH'],
};
const LABELS: Record<RuleOperator, string> = {
  IS: 'is', IS_NOT: 'is not', CONTAINS: 'contains', NOT_CONTAINS: 'does not contain', STARTS_WITH: 'starts with', NOT_STARTS_WITH: 'does not start with',
  ENDS_WITH: 'ends with', NOT_ENDS_WITH: 'does not end with', ONE_OF: 'is one of', NOT_ONE_OF: 'is none of', IS_EMPTY: 'is empty', IS_NOT_EMPTY: 'is not empty',
  APPROX: 'is about', GT: 'is more than', LT: 'is less than', BETWEEN: 'is between', MONEY_IN: 'is money in', MONEY_OUT: 'is money out',
  WEEKDAY: 'falls on', DAY_OF_MONTH: 'is on day of month',
};
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const fieldKind = (field: RuleField): FieldKind => KIND[field];
export const fieldLabel = (field: RuleField): string => FIELDS.find((item) => item.field === field)?.label ?? field;

/** The operators that mean something for a field; an account is never empty, so it has no IS_EMPTY. */
export function operatorsFor(field: RuleField): RuleOperator[] {
  const all = OPERATORS[KIND[field]];
  return field === 'ACCOUNT' ? all.filter((operator) => operator !== 'IS_EMPTY' && operator !== 'IS_NOT_EMPTY') : all;
}

export function operatorLabel(field: RuleField, operator: RuleOperator): string {
  if (KIND[field] === 'date' && (operator === 'GT' || operator === 'LT')) return operator === 'GT' ? 'is after' : 'is before';
  return LABELS[operator];
}

/** How a condition's value is typed: nothing, one value, a list, two ends of a range, or a value and a tolerance. */
export type ValueShape = 'none' | 'one' | 'list' | 'range' | 'approx';
export function valueShape(operator: RuleOperator): ValueShape {
  if (operator === 'IS_EMPTY' || operator === 'IS_NOT_EMPTY' || operator === 'MONEY_IN' || operator === 'MONEY_OUT') return 'none';
  if (operator === 'ONE_OF' || operator === 'NOT_ONE_OF' || operator === 'WEEKDAY' || operator === 'DAY_OF_MONTH') return 'list';
  if (operator === 'BETWEEN') return 'range';
  return operator === 'APPROX' ? 'approx' : 'one';
}

export interface ConditionDraft { key: number; field: RuleField; operator: RuleOperator; values: string[] }
export interface RuleDraft {
  name: string; enabled: boolean; matchAll: boolean; conditions: ConditionDraft[]; actions: ActionDraft[]; stopProcessing: boolean; override: boolean;
}

let keys = 0;
/** A key for each item of an editor's list, so Svelte keeps its inputs apart. */
const nextKey = (): number => ++keys;

const strings = (value: string): string[] | null => {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
};

/** The value the API takes for a condition. */
export function encodeValue(operator: RuleOperator, values: readonly string[]): string {
  const trimmed = values.map((value) => value.trim());
  switch (valueShape(operator)) {
    case 'none': return '';
    case 'one': return trimmed[0] ?? '';
    case 'list': return JSON.stringify(trimmed.filter(Boolean));
    case 'range': return JSON.stringify([trimmed[0] ?? '', trimmed[1] ?? '']);
    case 'approx': return trimmed[1] ? JSON.stringify([trimmed[0] ?? '', trimmed[1]]) : (trimmed[0] ?? '');
  }
}

/** The editor's strings for a condition's value as the API gives it (a plain "6" as a one-item list). */
export function decodeValue(operator: RuleOperator, value: string): string[] {
  const list = strings(value);
  switch (valueShape(operator)) {
    case 'none': return [];
    case 'one': return [value];
    case 'list': return list ?? (value ? [value] : []);
    case 'range': return [list?.[0] ?? '', list?.[1] ?? ''];
    case 'approx': return list ? [list[0] ?? '', list[1] ?? ''] : [value, ''];
  }
}

/** The values kept when the operator changes: what still fits the new shape. */
export function reshape(values: readonly string[], operator: RuleOperator): string[] {
  const first = values.find((value) => value.trim()) ?? '';
  switch (valueShape(operator)) {
    case 'none': return [];
    case 'one': return [first];
    case 'list': return values.filter((value) => value.trim());
    case 'range': return [values[0] ?? '', values[1] ?? ''];
    case 'approx': return [first, ''];
  }
}

/** A condition on another field starts over with that field's first operator (values kept between text fields). */
export function withField(condition: ConditionDraft, field: RuleField): ConditionDraft {
  const sameKind = KIND[field] === KIND[condition.field];
  const operator = sameKind && operatorsFor(field).includes(condition.operator) ? condition.operator : operatorsFor(field)[0];
  return { ...condition, field, operator, values: sameKind ? reshape(condition.values, operator) : reshape([], operator) };
}

const AMOUNT = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a condition before the server is asked, in a sentence; null when nothing. */
export function conditionProblem({ field, operator, values }: ConditionDraft): string | null {
  const shape = valueShape(operator);
  if (shape === 'none') return null;
  const given = values.map((value) => value.trim());
  const needed = shape === 'range' ? given : given.slice(0, 1);
  const kind = KIND[field];
  if (needed.length === 0 || needed.some((value) => !value)) {
    if (operator === 'WEEKDAY') return 'Pick at least one day of the week.';
    if (kind === 'reference') return `Pick ${shape === 'list' ? 'at least one' : 'an'} ${field === 'ACCOUNT' ? 'account' : 'category'}.`;
    return shape === 'range' ? 'Give both ends of the range.' : 'Type a value.';
  }
  if (kind === 'amount' && !needed.every((value) => AMOUNT.test(value))) return 'Write amounts with a dot and a sign for money out, like -9.99.';
  if (operator === 'APPROX' && given[1] && !/^\d+(\.\d+)?$/.test(given[1])) return 'The tolerance is a percentage, like 10.';
  if (kind === 'date' && operator === 'DAY_OF_MONTH' && !given.filter(Boolean).every((day) => /^\d+$/.test(day) && +day >= 1 && +day <= 31)) {
    return 'Days of the month are numbers from 1 to 31.';
  }
  if (kind === 'date' && shape !== 'list' && !needed.every((value) => DATE.test(value))) return 'Pick a date.';
  return null;
}

export const blankCondition = (field: RuleField = 'DESCRIPTION'): ConditionDraft => ({ key: nextKey(), field, operator: operatorsFor(field)[0], values: [''] });
export const blankAction = (type: RuleActionType = 'SET_CATEGORY', value = ''): ActionDraft => ({ key: nextKey(), ...decodeAction(type, value) });

export function emptyDraft(): RuleDraft {
  return { name: '', enabled: true, matchAll: true, conditions: [blankCondition()], actions: [blankAction()], stopProcessing: false, override: false };
}

export function draftFromRule(rule: RuleFieldsFragment): RuleDraft {
  return {
    name: rule.name, enabled: rule.enabled, matchAll: rule.matchAll, stopProcessing: rule.stopProcessing, override: rule.override,
    conditions: rule.conditions.map(({ field, operator, value }) => ({ key: nextKey(), field, operator, values: decodeValue(operator, value) })),
    actions: rule.actions.map(({ type, value }) => blankAction(type, value ?? '')),
  };
}

export function ruleInput(draft: RuleDraft): RuleInput {
  return {
    name: draft.name.trim(), enabled: draft.enabled, matchAll: draft.matchAll, stopProcessing: draft.stopProcessing, override: draft.override,
    conditions: draft.conditions.map(({ field, operator, values }) => ({ field, operator, value: encodeValue(operator, values) })),
    actions: draft.actions.map(encodeAction),
  };
}

/** A saved rule as input again, for a change of one thing (enabled) that updateRule takes whole. */
export function inputFromRule(rule: RuleFieldsFragment, change: Partial<RuleInput> = {}): RuleInput {
  return {
    name: rule.name, enabled: rule.enabled, matchAll: rule.matchAll, stopProcessing: rule.stopProcessing, override: rule.override,
    conditions: rule.conditions.map(({ field, operator, value }) => ({ field, operator, value })),
    actions: rule.actions.map(({ type, value }) => ({ type, value })), ...change,
  };
}

export interface RuleProblems { name?: string; conditions: (string | null)[]; actions: (string | null)[] }
/** Every problem of a draft, each beside its line; null when it can be sent. */
export function ruleProblems(draft: RuleDraft, { needName = true } = {}): RuleProblems | null {
  const problems: RuleProblems = { conditions: draft.conditions.map(conditionProblem), actions: draft.actions.map(actionProblem) };
  if (needName && !draft.name.trim()) problems.name = 'Give the rule a name.';
  const bad = problems.name || [...problems.conditions, ...problems.actions].some(Boolean) || !draft.conditions.length || !draft.actions.length;
  return bad ? problems : null;
}

/** The list with one item moved from one place to another (drag, or a step up or down). */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/** Lower case, without accents, spaces or punctuation: however the server normalises, its form is then a prefix of the row's. */
const squashed = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The open suggestion for a row just categorised: its description and category; none for another row's. */
export function suggestionFor<S extends Pick<RuleSuggestionFieldsFragment, 'description' | 'category'>>(
  suggestions: readonly S[], row: { description: string; categoryId: string | null },
): S | undefined {
  const description = squashed(row.description);
  if (!row.categoryId || !description) return undefined;
  return suggestions.find((suggestion) => suggestion.category.id === row.categoryId && squashed(suggestion.description) && description.startsWith(squashed(suggestion.description)));
}

/** "Create rule from this transaction": the Rules screen's address with the draft in its query. */
export function ruleFromTransactionHref(transaction: { description: string; category: { id: string } | null }): string {
  const query = new URLSearchParams({ new: '1', description: transaction.description.trim() });
  if (transaction.category) query.set('category', transaction.category.id);
  return `/rules?${query}`;
}

/** The draft such an address asks for (description contains …, set category …); null without `new`. */
export function draftFromSearch(search: string): RuleDraft | null {
  const query = new URLSearchParams(search);
  if (!query.has('new')) return null;
  const draft = emptyDraft();
  const description = query.get('description')?.trim() ?? '';
  draft.name = description;
  draft.conditions = [{ ...blankCondition(), values: [description] }];
  draft.actions = [blankAction('SET_CATEGORY', query.get('category') ?? '')];
  return draft;
}

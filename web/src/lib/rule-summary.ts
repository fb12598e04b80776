// A rule in one line for the list: "Description contains “tesco” → set category Groceries".
import type { RuleFieldsFragment } from '../graphql/generated/graphql';
import { decodeAction } from './rule-actions';
import { decodeValue, fieldKind, fieldLabel, operatorLabel, valueShape, WEEKDAYS } from './rules';

/** The name of an account or a category by id ("a deleted category" when it is gone). */
export type NameOf = (field: 'ACCOUNT' | 'CATEGORY', id: string) => string | undefined;

type Condition = RuleFieldsFragment['conditions'][number];
type Action = RuleFieldsFragment['actions'][number];

const quoted = (text: string) => `“${text}”`;

export function conditionSummary({ field, operator, value }: Pick<Condition, 'field' | 'operator' | 'value'>, nameOf: NameOf): string {
  const values = decodeValue(operator, value);
  const kind = fieldKind(field);
  const one = (item: string) => {
    if (kind === 'reference') return nameOf(field as 'ACCOUNT' | 'CATEGORY', item) ?? `a deleted ${field === 'ACCOUNT' ? 'account' : 'category'}`;
    if (operator === 'WEEKDAY') return WEEKDAYS[Number(item) - 1] ?? item;
    return kind === 'text' ? quoted(item) : item;
  };
  const shape = valueShape(operator);
  const text = shape === 'none' ? '' : shape === 'range' ? `${one(values[0])} and ${one(values[1])}`
    : shape === 'approx' ? `${values[0]} (±${values[1] || '5'} %)` : values.map(one).join(', ');
  return `${fieldLabel(field)} ${operatorLabel(field, operator)}${text ? ` ${text}` : ''}`;
}

export function actionSummary({ type, value }: Pick<Action, 'type' | 'value'>, nameOf: NameOf): string {
  const category = (id: string) => (id ? (nameOf('CATEGORY', id) ?? 'a deleted category') : 'uncategorised');
  switch (type) {
    case 'SET_CATEGORY': return `set category ${category(value ?? '')}`;
    case 'SET_DESCRIPTION': return `rename to ${quoted(value ?? '')}`;
    case 'APPEND_NOTES': return `add ${quoted(value ?? '')} to notes`;
    case 'LINK_TRANSFER_TO_ACCOUNT': return `make a transfer with ${nameOf('ACCOUNT', value ?? '') ?? 'a deleted account'}`;
  }
  const parts = decodeAction(type, value ?? '').parts.map((part) => {
    const share = type === 'SPLIT_BY_PERCENT' ? `${part.share} %` : part.share || 'the rest';
    return `${share} ${category(part.categoryId)}`;
  });
  return `split ${parts.join(', ')}`;
}

export function ruleSummary(rule: Pick<RuleFieldsFragment, 'matchAll' | 'conditions' | 'actions'>, nameOf: NameOf): string {
  const when = rule.conditions.map((condition) => conditionSummary(condition, nameOf)).join(rule.matchAll ? ' and ' : ' or ');
  return `${when} → ${rule.actions.map((action) => actionSummary(action, nameOf)).join(', ')}`;
}

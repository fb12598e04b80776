import type { CalendarDate } from '../../lib/dates';
import type { MinorUnits } from '../../lib/money';

export const RULE_FIELDS = ['DESCRIPTION', 'IMPORTED_DESCRIPTION', 'NOTES', 'AMOUNT', 'ACCOUNT', 'CATEGORY', 'DATE'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const RULE_OPERATORS = [
  'IS',
  'IS_NOT',
  'CONTAINS',
  'NOT_CONTAINS',
  'STARTS_WITH',
  'NOT_STARTS_WITH',
  'ENDS_WITH',
  'NOT_ENDS_WITH',
  'ONE_OF',
  'NOT_ONE_OF',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
  'APPROX',
  'GT',
  'LT',
  'BETWEEN',
  'MONEY_IN',
  'MONEY_OUT',
  'WEEKDAY',
  'DAY_OF_MONTH',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export const RULE_ACTION_TYPES = ['SET_CATEGORY', 'SET_DESCRIPTION', 'APPEND_NOTES', 'LINK_TRANSFER_TO_ACCOUNT', 'SPLIT_BY_PERCENT', 'SPLIT_FIXED'] as const;
export type RuleActionType = (typeof RULE_ACTION_TYPES)[number];

export interface RuleConditionData {
  field: RuleField;
  operator: RuleOperator;
  value: string;
}

export interface RuleActionData {
  type: RuleActionType;
  value: string | null;
}

/** What a create or an update gives (checked by the service). */
export interface RuleData {
  name: string;
  enabled?: boolean | null;
  matchAll?: boolean | null;
  conditions: RuleConditionData[];
  actions: { type: RuleActionType; value?: string | null }[];
  stopProcessing?: boolean | null;
  override?: boolean | null;
}

export interface RuleRecord {
  id: number;
  name: string;
  position: number;
  enabled: boolean;
  matchAll: boolean;
  conditions: RuleConditionData[];
  actions: RuleActionData[];
  stopProcessing: boolean;
  override: boolean;
  createdAt: Date;
  lastAppliedAt: Date | null;
  appliedCount: number;
}

/** A rule as it is stored (checked, in position), without what the database sets. */
export type NewRule = Omit<RuleRecord, 'id' | 'createdAt' | 'lastAppliedAt' | 'appliedCount'>;

/** What a rule reads of a transaction (stored, being created, or a preview row). */
export interface RuleSubject {
  accountId: number;
  /** Minor units per unit of the account's currency, as digits (2 for EUR, 0 for JPY). */
  digits: number;
  categoryId: number | null;
  date: CalendarDate;
  amount: MinorUnits;
  description: string;
  importedDescription: string;
  notes: string;
  /** A leg of a transfer already: no category, no other transfer. */
  isTransfer: boolean;
  isSplit: boolean;
  /** HAND_SET bits: fields no rule changes. */
  handSet: number;
}

/** A part a split action makes, in minor units of the transaction's account. */
export interface RulePart {
  amount: MinorUnits;
  categoryId: number | null;
  notes: string;
}

/**
 * What the rules give a transaction: each field at most once (the first rule that sets it, or a
 * later one that overrides), and the rules that changed something, in order.
 */
export interface RuleOutcome {
  categoryId?: number;
  /** The rule that set the category (or the parts). */
  categoryRuleId?: number;
  description?: string;
  notes?: string;
  transferAccountId?: number;
  splits?: RulePart[];
  ruleIds: number[];
}

export type RuleChangedField = 'CATEGORY' | 'DESCRIPTION' | 'NOTES' | 'TRANSFER' | 'SPLITS';

/** Open learning offers: "Always categorise <descriptionKey> as <category>?". */
export interface RuleSuggestionRecord {
  id: number;
  descriptionKey: string;
  categoryId: number;
  timesCategorised: number;
}

import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MoneyScalar } from '../../api/graphql/scalars';
import type { Money } from '../../lib/money';
import { Transaction } from '../transactions/transaction.type';
import { RULE_ACTION_TYPES, RULE_FIELDS, RULE_OPERATORS, type RuleActionType, type RuleChangedField, type RuleField, type RuleOperator } from './rule.model';

/** The model's string unions as GraphQL enums (the same names, value for value). */
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;

export const RuleFieldValues = enumOf(RULE_FIELDS);
registerEnumType(RuleFieldValues, {
  name: 'RuleField',
  description: 'What a condition reads. Text fields compare case-, accent- and spacing-insensitively; AMOUNT is signed, in the account’s currency.',
});

export const RuleOperatorValues = enumOf(RULE_OPERATORS);
registerEnumType(RuleOperatorValues, {
  name: 'RuleOperator',
  description:
    'Text: IS, IS_NOT, CONTAINS, NOT_CONTAINS, STARTS_WITH, NOT_STARTS_WITH, ENDS_WITH, NOT_ENDS_WITH, ONE_OF, NOT_ONE_OF (a JSON list: ["tesco","aldi"]), IS_EMPTY, IS_NOT_EMPTY. ' +
    'AMOUNT: IS, IS_NOT, GT, LT, BETWEEN (["-100","-50"], inclusive), APPROX ("-9.99": within 5 %; ["-9.99","10"]: within 10 %), MONEY_IN, MONEY_OUT. ' +
    'ACCOUNT, CATEGORY (an ID; ONE_OF a JSON list of IDs): IS, IS_NOT, ONE_OF, NOT_ONE_OF, IS_EMPTY, IS_NOT_EMPTY. ' +
    'DATE: IS, GT, LT, BETWEEN (["2025-01-01","2025-12-31"]), WEEKDAY ("1" Monday to "7" Sunday, or a JSON list), DAY_OF_MONTH ("1" to "31", or a JSON list).',
});

export const RuleActionTypeValues = enumOf(RULE_ACTION_TYPES);
registerEnumType(RuleActionTypeValues, {
  name: 'RuleActionType',
  description:
    'SET_CATEGORY (a category ID); SET_DESCRIPTION (text, with {{description}} and {{importedDescription}} placeholders); APPEND_NOTES (text, the same placeholders); ' +
    'LINK_TRANSFER_TO_ACCOUNT (an account ID in the same currency: linked with the matching row there, else a new row is made there); ' +
    'SPLIT_BY_PERCENT ([{"percent":"60","categoryId":"3","notes":""},...] adding up to 100; the last part takes the rounding); ' +
    'SPLIT_FIXED ([{"amount":"10.00","categoryId":"3"},{"categoryId":"4"}]: unsigned amounts taking the transaction’s sign; one part without an amount takes the rest).',
});

const RuleChangedFieldValues = enumOf<RuleChangedField>(['CATEGORY', 'DESCRIPTION', 'NOTES', 'TRANSFER', 'SPLITS']);
registerEnumType(RuleChangedFieldValues, { name: 'RuleChangedField', description: 'What a rule changes on a transaction.' });

@ObjectType({ simpleResolvers: true })
export class RuleCondition {
  @Field(() => RuleFieldValues)
  field!: RuleField;

  @Field(() => RuleOperatorValues)
  operator!: RuleOperator;

  @Field(() => String)
  value!: string;
}

@ObjectType({ simpleResolvers: true })
export class RuleAction {
  @Field(() => RuleActionTypeValues)
  type!: RuleActionType;

  @Field(() => String, { nullable: true })
  value!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Categorises, renames, splits or links transactions that match its conditions; rules run in position order.' })
export class Rule {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: '0-based: the order rules run in.' })
  position!: number;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Boolean, { description: 'Every condition must hold (true), or any one (false).' })
  matchAll!: boolean;

  @Field(() => [RuleCondition])
  conditions!: RuleCondition[];

  @Field(() => [RuleAction])
  actions!: RuleAction[];

  @Field(() => Boolean, { description: 'When it matches, later rules do not run on that transaction.' })
  stopProcessing!: boolean;

  @Field(() => Boolean, { description: 'Its actions replace what an earlier rule set in the same run (otherwise the first rule that sets a field wins).' })
  override!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastAppliedAt!: Date | null;

  @Field(() => Int, { description: 'Transactions it changed (imports, creates, applyRule).' })
  appliedCount!: number;
}

@ObjectType({ simpleResolvers: true })
export class RuleSplitChange {
  @Field(() => MoneyScalar)
  amount!: Money;

  @Field(() => String)
  notes!: string;

  categoryId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A transaction a rule matches, and what it would change.' })
export class RuleChange {
  @Field(() => Transaction, { description: 'As it is now.' })
  transaction!: Transaction;

  @Field(() => [RuleChangedFieldValues], { description: 'Empty: it matches, but nothing would change (set by hand, or already so).' })
  changedFields!: RuleChangedField[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => [RuleSplitChange])
  splits!: RuleSplitChange[];

  categoryId!: number | null;
  transferAccountId!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class RulePreview {
  @Field(() => Int, { description: 'Your transactions (in the filter) whose conditions hold.' })
  matchCount!: number;

  @Field(() => Int, { description: 'Of those, how many applyRule would change.' })
  changeCount!: number;

  @Field(() => [RuleChange], { description: 'The first matching transactions, newest first.' })
  changes!: RuleChange[];
}

@ObjectType({ simpleResolvers: true, description: 'Learning: "Always categorise <description> as <category>?"' })
export class RuleSuggestion {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: 'The normalised start of the description the rule would match (STARTS_WITH).' })
  description!: string;

  @Field(() => Int)
  timesCategorised!: number;

  categoryId!: number;
}

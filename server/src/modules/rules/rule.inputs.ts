import { Field, InputType } from 'type-graphql';
import type { RuleActionType, RuleField, RuleOperator } from './rule.model';
import { RuleActionTypeValues, RuleFieldValues, RuleOperatorValues } from './rule.type';

@InputType()
export class RuleConditionInput {
  @Field(() => RuleFieldValues)
  field!: RuleField;

  @Field(() => RuleOperatorValues)
  operator!: RuleOperator;

  @Field(() => String, { description: 'Read for the field and operator (see RuleOperator); BAD_USER_INPUT names the condition when it does not parse.' })
  value!: string;
}

@InputType()
export class RuleActionInput {
  @Field(() => RuleActionTypeValues)
  type!: RuleActionType;

  @Field(() => String, { nullable: true, description: 'See RuleActionType.' })
  value?: string | null;
}

@InputType()
export class RuleInput {
  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  enabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Every condition must hold (true), or any one (false).' })
  matchAll?: boolean | null;

  @Field(() => [RuleConditionInput], { description: 'At least 1, at most 20.' })
  conditions!: RuleConditionInput[];

  @Field(() => [RuleActionInput], { description: 'At least 1, at most 10; one per field (a category, a split or a transfer is one).' })
  actions!: RuleActionInput[];

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  stopProcessing?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  override?: boolean | null;
}

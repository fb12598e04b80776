import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../api/graphql/scalars';
import type { Money } from '../../lib/money';

@ObjectType('Split', { simpleResolvers: true, description: 'A part of a split transaction, with its own amount, category and note.' })
export class SplitType {
  @Field(() => ID)
  id!: number;

  @Field(() => MoneyScalar, { description: "In the transaction's currency, signed like the transaction." })
  amount!: Money;

  @Field(() => String)
  notes!: string;
}

@InputType()
export class SplitInput {
  @Field(() => MoneyScalar, { description: "Signed like the transaction, in its account's currency." })
  amount!: string;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'This part moves money to (amount < 0) or from (amount > 0) that account of yours: its other leg is made there (one currency only).',
  })
  transferAccountId?: string | null;
}

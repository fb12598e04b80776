import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../api/graphql/scalars';
import { SplitInput } from '../splits/split.type';
import { TransactionKindValue } from '../transfers/transfer.type';

@InputType()
export class CreateTransactionInput {
  @Field(() => ID, { nullable: true, description: "The user's first account when left out." })
  accountId?: string | null;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => MoneyScalar, { description: 'In the currency of the account: < 0 money out, > 0 money in.' })
  amount!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => [SplitInput], { nullable: true, description: 'Parts that add up to amount exactly; they carry the categories (leave categoryId out).' })
  splits?: SplitInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A key of your choice (a UUID, say) that makes retrying safe: the same key with the same input answers the transaction it created the first time; with another input, CONFLICT.',
  })
  clientMutationId?: string | null;
}

@InputType()
export class UpdateTransactionInput {
  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  date?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  amount?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => ID, { nullable: true, description: 'null makes the transaction uncategorised.' })
  categoryId?: string | null;
}

@InputType({ description: 'Every condition given must hold. A category matches a split transaction when any of its parts has it; search also reads the parts’ notes.' })
export class TransactionFilter {
  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only transactions without a category.' })
  uncategorized?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or after this date.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or before this date.' })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches description and notes, case-insensitive.' })
  search?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Signed: "-100" with maxAmount "-50" finds money out between 50 and 100.' })
  minAmount?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  maxAmount?: string | null;

  @Field(() => TransactionKindValue, { nullable: true, description: 'Transfers (legs, and split transactions with a transfer part), income or expenses (not transfers).' })
  kind?: TransactionKindValue | null;

  @Field(() => Boolean, { nullable: true, description: 'Leaves out the legs of transfers between your accounts.' })
  excludeTransfers?: boolean | null;
}

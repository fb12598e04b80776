import { Field, InputType } from 'type-graphql';
import { MoneyScalar } from '../../api/graphql/scalars';

@InputType()
export class CreateAccountInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: "ISO-4217 code; the user's currency when left out." })
  currency?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: '"0" when left out.' })
  openingBalance?: string | null;

  @Field(() => String, { nullable: true, description: 'A key of your choice that makes retrying safe: the same key with the same input answers the account it created; with another input, CONFLICT.' })
  clientMutationId?: string | null;
}

@InputType()
export class UpdateAccountInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Only for an account without transactions.' })
  currency?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  openingBalance?: string | null;

  @Field(() => Boolean, { nullable: true })
  archived?: boolean | null;
}

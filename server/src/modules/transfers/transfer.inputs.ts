import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../api/graphql/scalars';

@InputType()
export class CreateTransferInput {
  @Field(() => ID)
  fromAccountId!: string;

  @Field(() => ID)
  toAccountId!: string;

  @Field(() => DateScalar, { description: 'When the money left.' })
  date!: string;

  @Field(() => MoneyScalar, { description: "Positive, in the from-account's currency." })
  amount!: string;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: "Positive, in the to-account's currency: required when the two currencies differ (the rate paid is their ratio), refused otherwise.",
  })
  inflowAmount?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the money arrived, if later than date.' })
  inflowDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Both legs get it ("Transfer to …" / "Transfer from …" when left out).' })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'Makes retrying safe, as for createTransaction.' })
  clientMutationId?: string | null;
}

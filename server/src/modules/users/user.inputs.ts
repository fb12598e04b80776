import { Field, InputType } from 'type-graphql';

@InputType()
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'ISO-4217 code; "USD" when left out.' })
  currency?: string | null;
}

@InputType()
export class UpdateMeInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;
}

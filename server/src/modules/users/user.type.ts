import { Field, ID, ObjectType } from 'type-graphql';

/** The GraphQL view of a user: resolvers return the entity (user.entity.ts), whose secrets have no field here. */
@ObjectType('User', { simpleResolvers: true, description: 'The signed-in person.' })
export class UserType {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  email!: string;

  @Field(() => Boolean, { description: 'Whether sign-in asks for a code from an authenticator app.' })
  twoFactorEnabled!: boolean;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'ISO-4217 code; the dashboard sums accounts in this currency.' })
  currency!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('TwoFactorSetup', { simpleResolvers: true, description: 'What an authenticator app needs: scan otpauthUrl as a QR code, or type the secret.' })
export class TwoFactorSetupType {
  @Field(() => String)
  secret!: string;

  @Field(() => String)
  otpauthUrl!: string;
}

import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('SignedInSession', { simpleResolvers: true, description: 'A browser or program signed in as you: one session.' })
export class SignedInSessionType {
  @Field(() => ID, { description: 'Stands for the session (a hash of it, never its cookie value).' })
  id!: string;

  @Field(() => String, { description: 'The user agent in words, such as "Firefox on Windows".' })
  device!: string;

  @Field(() => String, { nullable: true, description: 'The User-Agent header it signed in with.' })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'The address it signed in from.' })
  ipAddress!: string | null;

  @Field(() => Date)
  signedInAt!: Date;

  @Field(() => Date, { description: 'Last request, to within a minute.' })
  lastUsedAt!: Date;

  @Field(() => Boolean, { description: 'True for the session making this request.' })
  current!: boolean;
}

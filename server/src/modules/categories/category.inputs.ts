import { Field, InputType } from 'type-graphql';
import { CategoryKind } from './category.type';

@InputType()
export class CreateCategoryInput {
  @Field(() => String)
  name!: string;

  @Field(() => CategoryKind, { nullable: true, description: 'EXPENSE when left out.' })
  kind?: CategoryKind | null;

  @Field(() => String, { nullable: true, description: 'Hex colour "#rrggbb"; a neutral one when left out.' })
  color?: string | null;

  @Field(() => String, { nullable: true, description: 'A key of your choice that makes retrying safe: the same key with the same input answers the category it created; with another input, CONFLICT.' })
  clientMutationId?: string | null;
}

@InputType()
export class UpdateCategoryInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => CategoryKind, { nullable: true })
  kind?: CategoryKind | null;

  @Field(() => String, { nullable: true })
  color?: string | null;
}

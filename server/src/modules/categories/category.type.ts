import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CategoryKind } from './category.model';

export { CategoryKind };
registerEnumType(CategoryKind, { name: 'CategoryKind', description: 'Whether a category usually holds money out or money in.' });

@ObjectType({ simpleResolvers: true })
export class Category {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => CategoryKind)
  kind!: CategoryKind;

  @Field(() => String, { description: 'A CSS hex colour such as "#4caf50".' })
  color!: string;

  @Field(() => Boolean, { description: 'Whether what is left (or overspent) at a month’s end carries into the next month’s available.' })
  rollover!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

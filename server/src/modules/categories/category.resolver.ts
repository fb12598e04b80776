import { Arg, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId } from '../../api/graphql/ids';
import type { OwnerScope } from '../../db/owner-scope';
import type { CategoryRecord } from './category.model';
import { CreateCategoryInput, UpdateCategoryInput } from './category.inputs';
import type { CategoryService } from './category.service';
import { Category } from './category.type';

@Resolver(() => Category)
export class CategoryResolver {
  constructor(private readonly services: { categories: CategoryService }) {}

  @Query(() => [Category])
  categories(@CurrentUser() scope: OwnerScope): Promise<CategoryRecord[]> {
    return this.services.categories.listForUser(scope);
  }

  @Mutation(() => Category)
  createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @CurrentUser() scope: OwnerScope): Promise<CategoryRecord> {
    const { clientMutationId, ...data } = input;
    return this.services.categories.create(scope, data, clientMutationId);
  }

  @Mutation(() => Category)
  updateCategory(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput,
    @CurrentUser() scope: OwnerScope,
  ): Promise<CategoryRecord> {
    return this.services.categories.update(scope, decodeId(id), input);
  }

  @Mutation(() => Boolean, { description: 'The category goes; its transactions stay, uncategorised.' })
  deleteCategory(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope): Promise<boolean> {
    return this.services.categories.delete(scope, decodeId(id));
  }
}

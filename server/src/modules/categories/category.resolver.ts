import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '../../api/graphql/context';
import { Category } from './category.entity';
import { CreateCategoryInput, UpdateCategoryInput } from './category.inputs';
import type { CategoryService } from './category.service';

@Resolver(() => Category)
export class CategoryResolver {
  constructor(private readonly services: { categories: CategoryService }) {}

  @Query(() => [Category])
  categories(@Ctx() context: RequestContext): Promise<Category[]> {
    return this.services.categories.listForUser(requireUser(context));
  }

  @Mutation(() => Category)
  createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @Ctx() context: RequestContext): Promise<Category> {
    const { clientMutationId, ...data } = input;
    return this.services.categories.create(requireUser(context), data, clientMutationId);
  }

  @Mutation(() => Category)
  updateCategory(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput,
    @Ctx() context: RequestContext,
  ): Promise<Category> {
    return this.services.categories.update(requireUser(context), id, input);
  }

  @Mutation(() => Boolean, { description: 'The category goes; its transactions stay, uncategorised.' })
  deleteCategory(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<boolean> {
    return this.services.categories.delete(requireUser(context), id);
  }
}

import { Arg, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId } from '../../api/graphql/ids';
import { MoneyScalar } from '../../api/graphql/scalars';
import type { OwnerScope } from '../../db/owner-scope';
import type { CategoryRecord } from '../categories/category.model';
import { Category } from '../categories/category.type';
import type { BudgetCategoryFigures, BudgetMonthFigures } from './budget.model';
import type { BudgetService } from './budget.service';
import { BudgetCategory, BudgetMonth } from './budget.type';

@Resolver(() => BudgetMonth)
export class BudgetResolver {
  constructor(private readonly services: { budgets: BudgetService }) {}

  @Query(() => BudgetMonth, { description: 'month "YYYY-MM"; BAD_USER_INPUT for anything else ("2025-13").' })
  budgetMonth(@Arg('month', () => String) month: string, @CurrentUser() scope: OwnerScope): Promise<BudgetMonthFigures> {
    return this.services.budgets.month(scope, month);
  }

  @Query(() => [BudgetCategory], { description: 'One expense category’s months from..to ("YYYY-MM", at most 120), oldest first; NOT_FOUND for a category that is not yours.' })
  budgetHistory(
    @Arg('categoryId', () => ID) categoryId: string,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @CurrentUser() scope: OwnerScope,
  ): Promise<BudgetCategoryFigures[]> {
    return this.services.budgets.history(scope, decodeId(categoryId), from, to);
  }

  @Mutation(() => BudgetCategory, { description: 'amount ≥ 0 in your currency, with at most its digits; the category must be one of your EXPENSE categories.' })
  setBudget(
    @Arg('month', () => String) month: string,
    @Arg('categoryId', () => ID) categoryId: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @CurrentUser() scope: OwnerScope,
  ): Promise<BudgetCategoryFigures> {
    return this.services.budgets.set(scope, month, decodeId(categoryId), amount);
  }

  @Mutation(() => Category, { description: 'Whether the category’s available carries into the next month (every month, past ones too).' })
  setBudgetRollover(@Arg('categoryId', () => ID) categoryId: string, @Arg('rollover', () => Boolean) rollover: boolean, @CurrentUser() scope: OwnerScope): Promise<CategoryRecord> {
    return this.services.budgets.setRollover(scope, decodeId(categoryId), rollover);
  }

  @Mutation(() => BudgetMonth, { description: 'Copies each category’s amount of fromMonth into toMonth where toMonth has none set.' })
  copyBudget(@Arg('fromMonth', () => String) fromMonth: string, @Arg('toMonth', () => String) toMonth: string, @CurrentUser() scope: OwnerScope): Promise<BudgetMonthFigures> {
    return this.services.budgets.copy(scope, fromMonth, toMonth);
  }

  @Mutation(() => BudgetMonth, { description: 'Gives each category without an amount for the month its averageSpent as money out; categories with no money out on average stay unset.' })
  setBudgetsFromAverage(@Arg('month', () => String) month: string, @CurrentUser() scope: OwnerScope): Promise<BudgetMonthFigures> {
    return this.services.budgets.setFromAverage(scope, month);
  }
}

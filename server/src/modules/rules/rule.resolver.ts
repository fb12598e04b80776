import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../api/graphql/context';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId } from '../../api/graphql/ids';
import { ownerScope, type OwnerScope } from '../../db/owner-scope';
import { Money } from '../../lib/money';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountService } from '../accounts/account.service';
import { Account } from '../accounts/account.type';
import type { CategoryRecord } from '../categories/category.model';
import { Category } from '../categories/category.type';
import { ImportPreviewRow } from '../imports/import.type';
import { handSetFieldsOf, type HandSetField, type TransactionRecord } from '../transactions/transaction.model';
import { TransactionFilter } from '../transactions/transaction.inputs';
import { filterData } from '../transactions/transaction.resolver';
import { Transaction } from '../transactions/transaction.type';
import type { RuleRecord } from './rule.model';
import { RuleInput } from './rule.inputs';
import type { RuleService } from './rule.service';
import { Rule, RuleChange, RuleFieldValues, RulePreview, RuleSplitChange, RuleSuggestion } from './rule.type';

@Resolver(() => Rule)
export class RuleResolver {
  constructor(private readonly services: { rules: RuleService }) {}

  @Query(() => [Rule], { description: 'In the order they run.' })
  rules(@CurrentUser() scope: OwnerScope): Promise<RuleRecord[]> {
    return this.services.rules.list(scope);
  }

  @Query(() => Rule, { nullable: true, description: 'NOT_FOUND for an id that is not one of yours.' })
  rule(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope): Promise<RuleRecord> {
    return this.services.rules.get(scope, decodeId(id));
  }

  @Query(() => [RuleSuggestion], { description: 'Open learning offers, newest first.' })
  async ruleSuggestions(@CurrentUser() scope: OwnerScope): Promise<RuleSuggestion[]> {
    return (await this.services.rules.suggestions(scope)).map(({ descriptionKey, ...rest }) => ({ ...rest, description: descriptionKey }));
  }

  @Mutation(() => Rule, { description: 'The new rule runs after the others.' })
  createRule(@Arg('input', () => RuleInput) input: RuleInput, @CurrentUser() scope: OwnerScope): Promise<RuleRecord> {
    return this.services.rules.create(scope, input);
  }

  @Mutation(() => Rule)
  updateRule(@Arg('id', () => ID) id: string, @Arg('input', () => RuleInput) input: RuleInput, @CurrentUser() scope: OwnerScope): Promise<RuleRecord> {
    return this.services.rules.update(scope, decodeId(id), input);
  }

  @Mutation(() => Boolean)
  deleteRule(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope): Promise<boolean> {
    return this.services.rules.delete(scope, decodeId(id));
  }

  @Mutation(() => [Rule], { description: 'Every one of your rules, once each, in the order they are to run.' })
  reorderRules(@Arg('ids', () => [ID]) ids: string[], @CurrentUser() scope: OwnerScope): Promise<RuleRecord[]> {
    return this.services.rules.reorder(scope, ids.map(decodeId));
  }

  @Mutation(() => RulePreview, { description: 'What a rule (saved or not) would do to your transactions in the filter; changes nothing.' })
  async previewRule(
    @Arg('input', () => RuleInput) input: RuleInput,
    @CurrentUser() scope: OwnerScope,
    @Arg('filter', () => TransactionFilter, { nullable: true }) filter: TransactionFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'At most 100.' }) first: number | null,
  ): Promise<RulePreview> {
    const preview = await this.services.rules.preview(scope, input, filterData(filter), first ?? 20);
    return {
      ...preview,
      changes: preview.changes.map(({ transaction, outcome, changedFields }) => ({
        transaction,
        changedFields,
        description: outcome?.description ?? null,
        notes: outcome?.notes ?? null,
        splits: (outcome?.splits ?? []).map((part) => ({ amount: new Money(part.amount, transaction.account.currency), notes: part.notes, categoryId: part.categoryId })),
        categoryId: outcome?.categoryId ?? null,
        transferAccountId: outcome?.transferAccountId ?? null,
      })),
    };
  }

  @Mutation(() => Int, { description: 'Runs the rule (enabled or not) over your transactions in the filter, in one database transaction: how many it changed. Hand-set fields stay.' })
  applyRule(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope, @Arg('filter', () => TransactionFilter, { nullable: true }) filter: TransactionFilter | null): Promise<number> {
    return this.services.rules.apply(scope, decodeId(id), filterData(filter));
  }

  @Mutation(() => Rule, { description: 'Creates the offered rule (description starts with … → category).' })
  acceptRuleSuggestion(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope): Promise<RuleRecord> {
    return this.services.rules.acceptSuggestion(scope, decodeId(id));
  }

  @Mutation(() => Boolean, { description: 'Never offered again (for that description and category).' })
  dismissRuleSuggestion(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope): Promise<boolean> {
    return this.services.rules.dismissSuggestion(scope, decodeId(id));
  }
}

@Resolver(() => RuleChange)
export class RuleChangeResolver {
  constructor(private readonly services: { accounts: AccountService }) {}

  @FieldResolver(() => Category, { nullable: true, description: 'The category it would get (CATEGORY changes).' })
  category(@Root() change: RuleChange, @Ctx() context: RequestContext): Promise<CategoryRecord | null> | null {
    return change.categoryId === null ? null : context.loaders.categoryById.load(change.categoryId);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account it would move money to or from (TRANSFER changes).' })
  transferAccount(@Root() change: RuleChange, @Ctx() context: RequestContext): Promise<AccountRecord> | null {
    return change.transferAccountId === null ? null : this.services.accounts.getForUser(ownerScope(context.userId ?? 0), change.transferAccountId);
  }
}

@Resolver(() => RuleSplitChange)
export class RuleSplitChangeResolver {
  @FieldResolver(() => Category, { nullable: true })
  category(@Root() part: RuleSplitChange, @Ctx() context: RequestContext): Promise<CategoryRecord | null> | null {
    return part.categoryId === null ? null : context.loaders.categoryById.load(part.categoryId);
  }
}

@Resolver(() => RuleSuggestion)
export class RuleSuggestionResolver {
  @FieldResolver(() => Category)
  category(@Root() suggestion: RuleSuggestion, @Ctx() context: RequestContext): Promise<CategoryRecord | null> {
    return context.loaders.categoryById.load(suggestion.categoryId);
  }
}

@Resolver(() => Transaction)
export class TransactionRulesResolver {
  @FieldResolver(() => [RuleFieldValues], { description: 'The fields you set (CATEGORY, DESCRIPTION, NOTES): rules never change them.' })
  handSetFields(@Root() transaction: TransactionRecord): HandSetField[] {
    return handSetFieldsOf(transaction.handSetFields);
  }
}

@Resolver(() => ImportPreviewRow)
export class ImportPreviewRowRulesResolver {
  @FieldResolver(() => Rule, { nullable: true, description: 'The rule that set `category` (null: the file named it, or none did).' })
  categoryRule(@Root() row: ImportPreviewRow, @Ctx() context: RequestContext): Promise<RuleRecord | null> | null {
    return row.categoryRuleId === null ? null : context.loaders.ruleById.load(row.categoryRuleId);
  }

  @FieldResolver(() => [Rule], { description: 'Every rule that changes the row, in the order they ran.' })
  async appliedRules(@Root() row: ImportPreviewRow, @Ctx() context: RequestContext): Promise<RuleRecord[]> {
    const rules = await context.loaders.ruleById.loadMany(row.appliedRuleIds);
    return rules.filter((rule): rule is RuleRecord => rule !== null && !(rule instanceof Error));
  }
}

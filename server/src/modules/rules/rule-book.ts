import type { EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import type { RuleOutcome, RuleSubject } from './rule.model';
import type { RuleRepository } from './rule.repository';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRepository } from '../categories/category.repository';
import type { OwnedIds } from './rule-checks';
import { RuleRunner } from './rule-runner';
import { descriptionKeyOf } from './rule-subjects';

/** Hand categorisations of one description to one category before the rule is offered, when a rule already matches it. */
const LEARNING_THRESHOLD = 3;

/**
 * The owner's rules as the writers of transactions use them (a create, an import): the enabled
 * ones, compiled, and what they learn from the user categorising by hand.
 */
export class RuleBook {
  constructor(
    private readonly rules: RuleRepository,
    private readonly categories: CategoryRepository,
    private readonly accounts: AccountRepository,
  ) {}

  /** The enabled rules in position order, compiled once for a whole create or import (none: one query). */
  async runnerFor(scope: OwnerScope, manager?: EntityManager): Promise<RuleRunner> {
    const rules = (await (manager ? this.rules.within(manager) : this.rules).list(scope)).filter((rule) => rule.enabled);
    return new RuleRunner(rules, rules.length ? await this.owned(scope, manager) : undefined);
  }

  /** The ids a rule may still name: a category or account deleted since it was saved drops its action. */
  async owned(scope: OwnerScope, manager?: EntityManager): Promise<OwnedIds> {
    const categories = manager ? this.categories.within(manager) : this.categories;
    const accounts = manager ? this.accounts.within(manager) : this.accounts;
    const [categoryNames, currencies] = await Promise.all([categories.names(scope), accounts.currencies(scope)]);
    return { categoryIds: new Set(categoryNames.map((category) => category.id)), accountIds: new Set(currencies.map((account) => account.id)) };
  }

  /** Counts what each rule changed (rules whose outcomes were written). */
  async recordApplied(manager: EntityManager, scope: OwnerScope, outcomes: Iterable<RuleOutcome | null>): Promise<void> {
    const changed = new Map<number, number>();
    for (const outcome of outcomes) for (const id of outcome?.ruleIds ?? []) changed.set(id, (changed.get(id) ?? 0) + 1);
    if (changed.size) await this.rules.within(manager).recordApplied(scope, changed);
  }

  /**
   * The user gave the subject `categoryId` by hand. Offers "Always categorise X as Y?" at once when
   * no rule matches the row, else after LEARNING_THRESHOLD times; never when the rules already
   * give it that category, and once only (a dismissed offer stays dismissed).
   */
  async learnFrom(manager: EntityManager, scope: OwnerScope, subject: RuleSubject, categoryId: number, runner?: RuleRunner): Promise<void> {
    const key = descriptionKeyOf(subject.description);
    if (key === null || subject.isTransfer) return;
    const active = runner ?? (await this.runnerFor(scope, manager));
    const unlearned = { ...subject, categoryId: null, handSet: 0, isSplit: false };
    if (active.run(unlearned)?.categoryId === categoryId) return;
    const rules = this.rules.within(manager);
    const counted = await rules.countCategorising(scope, key, categoryId);
    if (counted.status !== 'COUNTING') return;
    if (counted.timesCategorised >= LEARNING_THRESHOLD || !active.matchesAny(unlearned)) await rules.setSuggestionStatus(scope, counted.id, ['COUNTING'], 'OPEN');
  }
}

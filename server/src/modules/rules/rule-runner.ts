import { HAND_SET } from '../transactions/transaction.model';
import { compileAction, idsOfAction, type CompiledAction, type RuleSlot } from './rule-actions';
import type { OwnedIds } from './rule-checks';
import { cheapestFirst, compileCondition, PreparedSubject, type ConditionTest } from './rule-conditions';
import type { RuleActionData, RuleOutcome, RuleRecord, RuleSubject } from './rule.model';

interface CompiledRule {
  id: number;
  matchAll: boolean;
  stopProcessing: boolean;
  override: boolean;
  conditions: ConditionTest[];
  actions: CompiledAction[];
}

/** The hand-set bit that keeps rules off each slot. */
const HAND_SET_OF: Record<RuleSlot, number> = { CATEGORY: HAND_SET.CATEGORY, DESCRIPTION: HAND_SET.DESCRIPTION, NOTES: HAND_SET.NOTES };

/**
 * Rules compiled once (values parsed, texts normalised), then run over any number of
 * transactions: an import's preview runs every rule over every row, so a row costs its conditions'
 * string tests and nothing more.
 */
export class RuleRunner {
  private readonly rules: CompiledRule[];

  /**
   * The rules in the order they run; the caller leaves out the disabled ones (a preview runs one
   * that may be). An action naming a category or account the owner no longer has (`owned`) is dropped.
   */
  constructor(rules: readonly RuleRecord[], owned?: OwnedIds) {
    const stillOwned = (action: RuleActionData) => {
      if (!owned) return true;
      const { categoryIds, accountIds } = idsOfAction(action);
      return categoryIds.every((id) => owned.categoryIds.has(id)) && accountIds.every((id) => owned.accountIds.has(id));
    };
    this.rules = rules.map((rule) => ({
      id: rule.id,
      matchAll: rule.matchAll,
      stopProcessing: rule.stopProcessing,
      override: rule.override,
      conditions: cheapestFirst(rule.conditions).map(compileCondition),
      actions: rule.actions.filter(stillOwned).map(compileAction),
    }));
  }

  get isEmpty(): boolean {
    return this.rules.length === 0;
  }

  /** Whether any rule's conditions hold for the subject (learning asks whether a row matches none). */
  matchesAny(subject: RuleSubject): boolean {
    const prepared = new PreparedSubject(subject);
    return this.rules.some((rule) => matches(rule, prepared));
  }

  /** Whether the first rule's conditions hold (a preview counts its matches, changed or not). */
  matchesFirst(subject: RuleSubject): boolean {
    return this.rules.length > 0 && matches(this.rules[0], new PreparedSubject(subject));
  }

  /**
   * What the rules change on the subject, or null when nothing. Conditions read the subject as it
   * was before any rule ran. In each slot the first rule that acts wins, unless a later rule
   * overrides; a hand-set field is never acted on; a rule that stops processing ends the run.
   */
  run(subject: RuleSubject): RuleOutcome | null {
    const prepared = new PreparedSubject(subject);
    const taken = new Set<RuleSlot>();
    const outcome: RuleOutcome = { ruleIds: [] };
    for (const rule of this.rules) {
      if (!matches(rule, prepared)) continue;
      let changed = false;
      for (const action of rule.actions) {
        if ((subject.handSet & HAND_SET_OF[action.slot]) !== 0) continue;
        // A transfer leg has no category and is no other leg; a split row's parts carry its categories.
        if (action.slot === 'CATEGORY' && (subject.isTransfer || subject.isSplit)) continue;
        if (taken.has(action.slot) && !rule.override) continue;
        const change = action.change(subject);
        if (!change) continue;
        taken.add(action.slot);
        if (apply(outcome, subject, change)) {
          if (action.slot === 'CATEGORY') outcome.categoryRuleId = rule.id;
          changed = true;
        }
      }
      if (changed) outcome.ruleIds.push(rule.id);
      if (rule.stopProcessing) break;
    }
    return outcome.ruleIds.length ? outcome : null;
  }
}

function matches(rule: CompiledRule, subject: PreparedSubject): boolean {
  return rule.matchAll ? rule.conditions.every((test) => test(subject)) : rule.conditions.some((test) => test(subject));
}

/** Writes the change into the outcome; false when it leaves the subject as it is (the slot is still taken). */
function apply(outcome: RuleOutcome, subject: RuleSubject, change: NonNullable<ReturnType<CompiledAction['change']>>): boolean {
  switch (change.kind) {
    case 'category':
    case 'splits':
    case 'transfer':
      delete outcome.categoryId;
      delete outcome.splits;
      delete outcome.transferAccountId;
      delete outcome.categoryRuleId;
      if (change.kind === 'category') {
        if (change.categoryId === subject.categoryId) return false;
        outcome.categoryId = change.categoryId;
      } else if (change.kind === 'splits') outcome.splits = change.parts;
      else outcome.transferAccountId = change.accountId;
      return true;
    case 'description':
      if (change.description === subject.description || !change.description) {
        delete outcome.description;
        return false;
      }
      outcome.description = change.description;
      return true;
    case 'notes':
      outcome.notes = change.notes;
      return true;
  }
}

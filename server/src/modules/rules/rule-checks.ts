import { badInput } from '../../lib/errors';
import { requiredText } from '../../lib/text';
import { LIMITS } from '@finance-tracker/common';
import { compileAction, idsOfAction, type RuleSlot } from './rule-actions';
import { compileCondition, idsOfCondition } from './rule-conditions';
import type { NewRule, RuleData } from './rule.model';
import { RuleValueError } from './rule-values';

const RULE_LIMITS = { conditions: 20, actions: 10 } as const;

/** What a rule may name: the owner's categories and accounts. */
export interface OwnedIds {
  categoryIds: ReadonlySet<number>;
  accountIds: ReadonlySet<number>;
}

/**
 * The rule checked whole (BAD_USER_INPUT names the condition or action and what is wrong), as it is
 * stored, without a position.
 */
export function checkedRule(data: RuleData, owned: OwnedIds): Omit<NewRule, 'position'> {
  const name = requiredText(data.name, 'name', LIMITS.name);
  if (!data.conditions.length || data.conditions.length > RULE_LIMITS.conditions) throw badInput('conditions', `Give between 1 and ${RULE_LIMITS.conditions} conditions.`);
  if (!data.actions.length || data.actions.length > RULE_LIMITS.actions) throw badInput('actions', `Give between 1 and ${RULE_LIMITS.actions} actions.`);
  const conditions = data.conditions.map((condition, index) => {
    const checked = { field: condition.field, operator: condition.operator, value: String(condition.value ?? '') };
    const where = `Condition ${index + 1} (${checked.field} ${checked.operator})`;
    valueCheck('conditions', where, () => compileCondition(checked));
    for (const id of valueCheck('conditions', where, () => idsOfCondition(checked))) {
      const known = checked.field === 'ACCOUNT' ? owned.accountIds : owned.categoryIds;
      if (!known.has(id)) throw badInput('conditions', `${where}: there is no such ${checked.field === 'ACCOUNT' ? 'account' : 'category'} (${id}).`);
    }
    return checked;
  });
  const slots = new Map<RuleSlot, number>();
  const actions = data.actions.map((action, index) => {
    const checked = { type: action.type, value: action.value ?? null };
    const where = `Action ${index + 1} (${checked.type})`;
    const compiled = valueCheck('actions', where, () => compileAction(checked));
    if (slots.has(compiled.slot)) {
      throw badInput('actions', `${where}: action ${slots.get(compiled.slot)! + 1} already sets the ${compiled.slot === 'CATEGORY' ? 'category (a category, a split or a transfer)' : compiled.slot.toLowerCase()}.`);
    }
    slots.set(compiled.slot, index);
    const ids = valueCheck('actions', where, () => idsOfAction(checked));
    for (const id of ids.categoryIds) if (!owned.categoryIds.has(id)) throw badInput('actions', `${where}: there is no such category (${id}).`);
    for (const id of ids.accountIds) if (!owned.accountIds.has(id)) throw badInput('actions', `${where}: there is no such account (${id}).`);
    return checked;
  });
  return {
    name,
    enabled: data.enabled ?? true,
    matchAll: data.matchAll ?? true,
    conditions,
    actions,
    stopProcessing: data.stopProcessing ?? false,
    override: data.override ?? false,
  };
}

function valueCheck<T>(field: string, where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RuleValueError) throw badInput(field, `${where}: ${error.message}.`);
    throw error;
  }
}

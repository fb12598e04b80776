import { listValue } from '../rules/rule-values';
import type { RuleActionData, RuleConditionData } from '../rules/rule.model';

/** The backup's ids of accounts and categories to the restored rows' (every id a rule names is there: backup-rows.ts checked). */
interface IdMaps {
  accounts: ReadonlyMap<number, number>;
  categories: ReadonlyMap<number, number>;
}

const mapped = (map: ReadonlyMap<number, number>, id: string | number) => String(map.get(Number(String(id).trim())));

/** A rule's conditions with the accounts and categories they name remapped (rule-conditions.ts reads them). */
export function remapRuleConditions(conditions: unknown, maps: IdMaps): RuleConditionData[] {
  return (conditions as RuleConditionData[]).map((condition) => {
    if (condition.field !== 'ACCOUNT' && condition.field !== 'CATEGORY') return condition;
    if (condition.operator === 'IS_EMPTY' || condition.operator === 'IS_NOT_EMPTY') return condition;
    const map = condition.field === 'ACCOUNT' ? maps.accounts : maps.categories;
    const list = condition.operator === 'ONE_OF' || condition.operator === 'NOT_ONE_OF';
    return { ...condition, value: list ? JSON.stringify(listValue(condition.value).map((id) => mapped(map, id))) : mapped(map, condition.value) };
  });
}

/** A rule's actions with the category, transfer account and parts' categories remapped (rule-actions.ts reads them). */
export function remapRuleActions(actions: unknown, maps: IdMaps): RuleActionData[] {
  return (actions as RuleActionData[]).map((action) => {
    if (action.value === null) return action;
    if (action.type === 'SET_CATEGORY') return { ...action, value: mapped(maps.categories, action.value) };
    if (action.type === 'LINK_TRANSFER_TO_ACCOUNT') return { ...action, value: mapped(maps.accounts, action.value) };
    if (action.type === 'SPLIT_BY_PERCENT' || action.type === 'SPLIT_FIXED') {
      const parts = (JSON.parse(action.value) as Record<string, unknown>[]).map((part) =>
        part.categoryId === undefined || part.categoryId === null ? part : { ...part, categoryId: mapped(maps.categories, part.categoryId as string) },
      );
      return { ...action, value: JSON.stringify(parts) };
    }
    return action;
  });
}

import { columnIn, type SqlParameters } from '../../db/sql-parameters';
import type { Keyset } from '../../lib/keyset';
import type { TransactionSelection } from './transaction.model';

/**
 * The repository's SQL for a selection: conditions on the transactions aliased `t` (the owner
 * condition is the caller's), with their values added to `parameters`. The order of the
 * conditions chooses which index each database walks.
 */
export function selectionConditions(selection: TransactionSelection | null | undefined, parameters: SqlParameters): string[] {
  if (!selection) return [];
  const conditions: string[] = [];
  if (selection.accountId != null) conditions.push(`"t"."account_id" = ${parameters.add(selection.accountId)}`);
  if (selection.uncategorized) {
    // Transfers need no category; a split transaction is uncategorised when one of its (non-transfer) parts is.
    conditions.push(`"t"."category_id" IS NULL AND "t"."transfer_id" IS NULL AND (NOT "t"."is_split" OR ${anyPart('"s"."category_id" IS NULL AND "s"."transfer_id" IS NULL')})`);
  } else if (selection.categoryId != null) {
    const category = `"t"."category_id" = ${parameters.add(selection.categoryId)}`;
    // Only a category that has parts pays for looking into them; the others keep their index.
    conditions.push(selection.categoryInSplits ? `(${category} OR ("t"."is_split" AND ${anyPart(`"s"."category_id" = ${parameters.add(selection.categoryId)}`)}))` : category);
  }
  if (selection.kind === 'TRANSFER') conditions.push(`("t"."transfer_id" IS NOT NULL OR ("t"."is_split" AND ${anyPart('"s"."transfer_id" IS NOT NULL')}))`);
  else if (selection.kind === 'INCOME') conditions.push('"t"."transfer_id" IS NULL AND "t"."amount" > 0');
  else if (selection.kind === 'EXPENSE') conditions.push('"t"."transfer_id" IS NULL AND "t"."amount" < 0');
  if (selection.excludeTransfers) conditions.push('"t"."transfer_id" IS NULL');
  if (selection.from != null) conditions.push(`"t"."date" >= ${parameters.add(selection.from)}`);
  if (selection.to != null) conditions.push(`"t"."date" <= ${parameters.add(selection.to)}`);
  if (selection.accountIds) conditions.push(columnIn('"t"."account_id"', selection.accountIds, parameters));
  const search = selection.search;
  if (search) {
    const needle = search.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    // The text match stays first and alone when nothing else matches, so Postgres keeps its trigram index path.
    const alternatives = [`"t"."search_text" LIKE ${parameters.add(`%${needle}%`)} ESCAPE '\\'`];
    if (search.categoryIds.length) {
      const categories = () => search.categoryIds.map((id) => parameters.add(id)).join(', ');
      alternatives.push(`"t"."category_id" IN (${categories()})`, `("t"."is_split" AND ${anyPart(`"s"."category_id" IN (${categories()})`)})`);
    }
    for (const group of search.amounts) {
      const amounts = `"t"."amount" IN (${group.amounts.map((amount) => parameters.add(amount.toString())).join(', ')})`;
      alternatives.push(group.accountIds ? `(${amounts} AND "t"."account_id" IN (${group.accountIds.map((id) => parameters.add(id)).join(', ')}))` : amounts);
    }
    conditions.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`);
  }
  if (selection.minAmount != null) conditions.push(`"t"."amount" >= ${parameters.add(selection.minAmount.toString())}`);
  if (selection.maxAmount != null) conditions.push(`"t"."amount" <= ${parameters.add(selection.maxAmount.toString())}`);
  return conditions;
}

/** True when a part of the transaction `t` (aliased `s`) meets the condition. */
function anyPart(condition: string): string {
  return `EXISTS (SELECT 1 FROM "transaction_splits" "s" WHERE "s"."transaction_id" = "t"."id" AND ${condition})`;
}

/** Strictly after the keyset in newest-first order; its first condition alone bounds the index range, so a deep page costs what the first does. */
export function afterKeyset(after: Keyset, parameters: SqlParameters): string {
  const dates = [parameters.add(after.date), parameters.add(after.date)];
  return `"t"."date" <= ${dates[0]} AND ("t"."date" < ${dates[1]} OR "t"."id" < ${parameters.add(after.id)})`;
}

/** True when the selection narrows the list by nothing, or by the account alone: the per-account counters answer its count. */
export function narrowsByAccountAtMost(selection: TransactionSelection | null | undefined): boolean {
  if (!selection) return true;
  const { accountId: _accountId, uncategorized, search, ...others } = selection;
  return !uncategorized && !search && Object.values(others).every((value) => value == null);
}

/**
 * Lower-cased text that search matches against; kept beside the row so every database searches
 * alike. A split transaction's parts' notes are in it too, so one index finds them.
 */
export function searchTextOf(description: string, notes: string, partNotes: readonly string[] = []): string {
  return [description, notes, ...partNotes.filter((note) => note !== '')].join('\n').toLowerCase();
}

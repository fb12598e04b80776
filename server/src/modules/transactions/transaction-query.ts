import { LIMITS } from '@finance-tracker/common';
import { parseId } from '../../db/owned';
import type { SqlParameters } from '../../db/sql-parameters';
import { badInput } from '../../lib/errors';
import { parseCalendarDate } from '../../lib/dates';
import { optionalText } from '../../lib/text';

/** The filter as a client gives it. Amounts are signed decimal strings in the user's currency. */
export interface TransactionFilterData {
  accountId?: string | null;
  categoryId?: string | null;
  uncategorized?: boolean | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
  minAmount?: string | null;
  maxAmount?: string | null;
}

/** Amounts a search text stands for, in the accounts of one currency (null: every account of the user). */
export interface SearchAmounts {
  accountIds: number[] | null;
  amounts: bigint[];
}

/**
 * The filter with its amounts parsed to minor units. A search also matches the categories whose
 * names contain it and, when it reads as an amount, the transactions of exactly that amount.
 */
export type ResolvedTransactionFilter = Omit<TransactionFilterData, 'minAmount' | 'maxAmount'> & {
  minAmount?: bigint | null;
  maxAmount?: bigint | null;
  searchCategoryIds?: number[];
  searchAmounts?: SearchAmounts[];
};

const SEARCHED_AMOUNT = /^([+-])?\s*(\d{1,16})(?:[.,](\d+))?$/;

/**
 * The amounts in minor units that a search text means in a currency with `digits` decimals, or none:
 * "38.50" and "38,50" find money in and out, "-38.50" only money out, "+38.50" only money in.
 */
export function amountsOfSearch(search: string, digits: number): bigint[] {
  const match = SEARCHED_AMOUNT.exec(search.trim());
  if (!match) return [];
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) return [];
  const minor = BigInt(whole + fraction.padEnd(digits, '0'));
  if (minor === 0n) return [];
  if (sign === '-') return [-minor];
  if (sign === '+') return [minor];
  return [minor, -minor];
}

/** Keyset position: the (date, id) of the last row seen, in the list's order. */
export interface Cursor {
  date: string;
  id: number;
}

export function encodeCursor(row: { date: string; id: number }): string {
  return Buffer.from(`${row.date}|${row.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  const [date, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const numericId = parseId(id ?? '');
  if (!date || numericId === null) throw badInput('after', 'This page cursor is not valid.');
  return { date: parseCalendarDate(date, 'after'), id: numericId };
}

/** Lower-cased text that search matches against; kept beside the row so every database searches alike. */
export function searchTextOf(description: string, notes: string): string {
  return `${description}\n${notes}`.toLowerCase();
}

/** A search term that is more than blanks: blanks search for nothing. */
export function searchTermOf(filter: Pick<TransactionFilterData, 'search'> | null | undefined): string | null {
  return filter?.search != null && filter.search.trim() !== '' ? filter.search.trim() : null;
}

/** True when the filter narrows the list by nothing, or by the account alone. */
export function narrowsByAccountAtMost(filter: TransactionFilterData | null | undefined): boolean {
  if (!filter) return true;
  const { accountId: _accountId, search: _search, uncategorized, ...others } = filter;
  return !uncategorized && searchTermOf(filter) === null && Object.values(others).every((value) => value == null);
}

/**
 * The filter as SQL conditions on the transactions aliased `t` (the owner condition is the
 * caller's), with their values added to `parameters`.
 */
export function transactionFilterConditions(filter: ResolvedTransactionFilter | null | undefined, parameters: SqlParameters): string[] {
  if (!filter) return [];
  const conditions: string[] = [];
  if (filter.accountId != null) conditions.push(`"t"."account_id" = ${parameters.add(parseId(filter.accountId) ?? -1)}`);
  if (filter.uncategorized) conditions.push('"t"."category_id" IS NULL');
  else if (filter.categoryId != null) conditions.push(`"t"."category_id" = ${parameters.add(parseId(filter.categoryId) ?? -1)}`);
  if (filter.from != null) conditions.push(`"t"."date" >= ${parameters.add(parseCalendarDate(filter.from, 'from'))}`);
  if (filter.to != null) conditions.push(`"t"."date" <= ${parameters.add(parseCalendarDate(filter.to, 'to'))}`);
  const search = searchTermOf(filter);
  if (search !== null) {
    const text = optionalText(search, 'search', LIMITS.search);
    const needle = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    // The text match stays first and alone when nothing else matches, so Postgres keeps its trigram index path.
    const alternatives = [`"t"."search_text" LIKE ${parameters.add(`%${needle}%`)} ESCAPE '\\'`];
    if (filter.searchCategoryIds?.length) {
      alternatives.push(`"t"."category_id" IN (${filter.searchCategoryIds.map((id) => parameters.add(id)).join(', ')})`);
    }
    for (const group of filter.searchAmounts ?? []) {
      const amounts = `"t"."amount" IN (${group.amounts.map((amount) => parameters.add(amount.toString())).join(', ')})`;
      alternatives.push(group.accountIds ? `(${amounts} AND "t"."account_id" IN (${group.accountIds.map((id) => parameters.add(id)).join(', ')}))` : amounts);
    }
    conditions.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`);
  }
  if (filter.minAmount != null) conditions.push(`"t"."amount" >= ${parameters.add(filter.minAmount.toString())}`);
  if (filter.maxAmount != null) conditions.push(`"t"."amount" <= ${parameters.add(filter.maxAmount.toString())}`);
  return conditions;
}

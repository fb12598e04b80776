import type { SelectQueryBuilder } from 'typeorm';
import { parseId } from '../../db/owned';
import { badInput } from '../../lib/errors';
import { parseCalendarDate } from '../../lib/dates';
import { optionalText } from '../../lib/text';
import type { Transaction } from './transaction.entity';

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

/** The filter with its amounts parsed to minor units. */
export type ResolvedTransactionFilter = Omit<TransactionFilterData, 'minAmount' | 'maxAmount'> & {
  minAmount?: bigint | null;
  maxAmount?: bigint | null;
};

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

/** Adds the filter's conditions; the owner condition is already on the builder. */
export function applyTransactionFilter(
  query: SelectQueryBuilder<Transaction>,
  filter: ResolvedTransactionFilter | null | undefined,
): SelectQueryBuilder<Transaction> {
  if (!filter) return query;
  if (filter.accountId != null) query.andWhere('t.account_id = :accountId', { accountId: parseId(filter.accountId) ?? -1 });
  if (filter.uncategorized) query.andWhere('t.category_id IS NULL');
  else if (filter.categoryId != null) {
    query.andWhere('t.category_id = :categoryId', { categoryId: parseId(filter.categoryId) ?? -1 });
  }
  if (filter.from != null) query.andWhere('t.date >= :from', { from: parseCalendarDate(filter.from, 'from') });
  if (filter.to != null) query.andWhere('t.date <= :to', { to: parseCalendarDate(filter.to, 'to') });
  const search = searchTermOf(filter);
  if (search !== null) {
    const text = optionalText(search, 'search', 200);
    const needle = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    query.andWhere(`t.search_text LIKE :search ESCAPE '\\'`, { search: `%${needle}%` });
  }
  if (filter.minAmount != null) query.andWhere('t.amount >= :minAmount', { minAmount: filter.minAmount.toString() });
  if (filter.maxAmount != null) query.andWhere('t.amount <= :maxAmount', { maxAmount: filter.maxAmount.toString() });
  return query;
}

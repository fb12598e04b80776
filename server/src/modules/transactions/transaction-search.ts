// What a search text means besides text: the rules by which the service resolves a search.
import type { TransactionFilterData } from './transaction.model';

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

/** A search term that is more than blanks: blanks search for nothing. */
export function searchTermOf(filter: Pick<TransactionFilterData, 'search'> | null | undefined): string | null {
  return filter?.search != null && filter.search.trim() !== '' ? filter.search.trim() : null;
}

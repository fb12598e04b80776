import type { TransactionFilter, TransactionKind } from '../graphql/generated/graphql';

/** The kinds the filter offers, as the URL writes them, and what the API calls them. */
const KINDS = { income: 'INCOME', expenses: 'EXPENSE', transfers: 'TRANSFER' } as const satisfies Record<string, TransactionKind>;
type KindKey = keyof typeof KINDS;

/** What the Transactions screen filters by, as kept in the URL's query string. */
export interface FilterState {
  q: string;
  account: string;
  /** A category id, "none" for uncategorised, or "" for any. */
  category: string;
  from: string;
  to: string;
  min: string;
  max: string;
  /** "income", "expenses", "transfers", or "" for all. */
  kind: string;
}

export const EMPTY_FILTER: FilterState = { q: '', account: '', category: '', from: '', to: '', min: '', max: '', kind: '' };
const KEYS = Object.keys(EMPTY_FILTER) as (keyof FilterState)[];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^-?\d+(\.\d+)?$/;

export function filterFromSearch(search: string | URLSearchParams): FilterState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state = { ...EMPTY_FILTER };
  for (const key of KEYS) state[key] = params.get(key)?.trim() ?? '';
  // A hand-edited URL with a bad value is ignored rather than sent to the API.
  if (state.from && !DATE.test(state.from)) state.from = '';
  if (state.to && !DATE.test(state.to)) state.to = '';
  if (state.min && !AMOUNT.test(state.min)) state.min = '';
  if (state.max && !AMOUNT.test(state.max)) state.max = '';
  if (state.kind && !Object.hasOwn(KINDS, state.kind)) state.kind = '';
  return state;
}

/** The query string for a filter, without empty keys, in a stable order ("" when nothing is set). */
export function filterToSearch(state: FilterState): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (state[key].trim()) params.set(key, state[key].trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(state: FilterState): boolean {
  return KEYS.some((key) => state[key].trim() !== '');
}

export function toGraphQLFilter(state: FilterState): TransactionFilter {
  const filter: TransactionFilter = {};
  if (state.q.trim()) filter.search = state.q.trim();
  if (state.account) filter.accountId = state.account;
  if (state.category === 'none') filter.uncategorized = true;
  else if (state.category) filter.categoryId = state.category;
  if (state.from) filter.from = state.from;
  if (state.to) filter.to = state.to;
  if (state.min) filter.minAmount = state.min;
  if (state.max) filter.maxAmount = state.max;
  if (Object.hasOwn(KINDS, state.kind)) filter.kind = KINDS[state.kind as KindKey];
  return filter;
}

import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterFromSearch, filterToSearch, isFiltered, toGraphQLFilter } from './filters';

describe('filters in the URL', () => {
  it('round-trips through the query string', () => {
    const state = { ...EMPTY_FILTER, q: 'coffee beans', category: 'none', from: '2025-01-01', min: '-100' };
    const search = filterToSearch(state);
    expect(search).toBe('?q=coffee+beans&category=none&from=2025-01-01&min=-100');
    expect(filterFromSearch(search)).toEqual(state);
  });

  it('is empty without filters', () => {
    expect(filterToSearch(EMPTY_FILTER)).toBe('');
    expect(isFiltered(filterFromSearch(''))).toBe(false);
  });

  it('keeps the kind in the URL and sends it as the API’s enum', () => {
    const state = filterFromSearch('?kind=transfers');
    expect(state).toEqual({ ...EMPTY_FILTER, kind: 'transfers' });
    expect(isFiltered(state)).toBe(true);
    expect(filterToSearch(state)).toBe('?kind=transfers');
    expect(toGraphQLFilter(state)).toEqual({ kind: 'TRANSFER' });
    expect(toGraphQLFilter({ ...EMPTY_FILTER, kind: 'income' })).toEqual({ kind: 'INCOME' });
    expect(toGraphQLFilter({ ...EMPTY_FILTER, kind: 'expenses', category: '3' })).toEqual({ kind: 'EXPENSE', categoryId: '3' });
    // Only its own keys: not "toString" or a typo.
    expect(filterFromSearch('?kind=toString').kind).toBe('');
    expect(filterFromSearch('?kind=TRANSFER').kind).toBe('');
  });

  it('drops hand-edited values the API would refuse', () => {
    const state = filterFromSearch('?from=yesterday&to=2025-13&min=1e3&max=12.5&q=%20x%20');
    expect(state).toEqual({ ...EMPTY_FILTER, max: '12.5', q: 'x' });
  });

  it('becomes the API filter', () => {
    expect(toGraphQLFilter({ ...EMPTY_FILTER, q: ' tea ', account: '3', category: 'none', to: '2025-02-01', max: '-5' })).toEqual({
      search: 'tea', accountId: '3', uncategorized: true, to: '2025-02-01', maxAmount: '-5',
    });
    expect(toGraphQLFilter({ ...EMPTY_FILTER, category: '7' })).toEqual({ categoryId: '7' });
  });
});

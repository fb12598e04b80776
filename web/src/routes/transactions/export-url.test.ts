import { describe, expect, test } from 'vitest';
import { EMPTY_FILTER, toGraphQLFilter } from '../../lib/filters';
import { exportUrl } from './export-url';

describe('the export address', () => {
  test('carries the list’s filter as query parameters', () => {
    const filter = toGraphQLFilter({ ...EMPTY_FILTER, q: 'coffee & cake', account: '3', category: 'none', from: '2026-03-01', min: '-100', kind: 'expenses' });
    const url = new URL(exportUrl('csv', filter), 'http://localhost');
    expect(url.pathname).toBe('/export/transactions.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ search: 'coffee & cake', accountId: '3', uncategorized: 'true', from: '2026-03-01', minAmount: '-100', kind: 'EXPENSE' });
  });

  test('is bare without a filter', () => {
    expect(exportUrl('json')).toBe('/export/transactions.json');
    expect(exportUrl('csv', toGraphQLFilter(EMPTY_FILTER))).toBe('/export/transactions.csv');
  });
});

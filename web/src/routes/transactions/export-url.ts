import type { TransactionFilter } from '../../graphql/generated/graphql';

/**
 * The download address of the transactions export for the filter the list uses: the server reads
 * the same names as query parameters (GET /export/transactions.csv or .json).
 */
export function exportUrl(format: 'csv' | 'json', filter: TransactionFilter = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return `/export/transactions.${format}${query ? `?${query}` : ''}`;
}

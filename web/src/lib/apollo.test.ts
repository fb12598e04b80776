import { describe, expect, it } from 'vitest';
import { TransactionsDocument, type TransactionsQuery } from '../graphql/generated/graphql';
import { client } from './apollo';

const node = (id: number) => ({
  __typename: 'Transaction' as const,
  id: String(id),
  date: '2020-01-15',
  amount: '-1.00',
  description: `Bulk ${id}`,
  notes: '',
  account: { __typename: 'Account' as const, id: '1', name: 'Old card', currency: 'EUR' },
  category: null,
  receipts: [],
  kind: 'EXPENSE' as const,
  transfer: null,
  splits: [],
  transferSuggestion: null,
});

/** One page of the list as the server sends it; the count and sums only with the first page. */
function page(ids: number[], hasNextPage: boolean, withTotal: boolean): TransactionsQuery {
  return {
    transactions: {
      __typename: 'TransactionConnection',
      edges: ids.map((id) => ({ __typename: 'TransactionEdge', cursor: `c${id}`, node: node(id) })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `c${ids.at(-1)}` },
      ...(withTotal && { totalCount: 3, totals: [{ __typename: 'MoneyTotal', currency: 'EUR', amount: '-3.00', count: 3 }] }),
    },
  };
}

describe('the transaction list in the cache', () => {
  const filter = { accountId: '1' };
  const first = { filter, first: 2 };

  it('joins a later page to the pages before it, keeping the count and sums of the first page', async () => {
    await client.cache.reset();
    client.cache.writeQuery({ query: TransactionsDocument, variables: first, data: page([1, 2], true, true) });
    client.cache.writeQuery({ query: TransactionsDocument, variables: { ...first, after: 'c2', withTotal: false }, data: page([3], false, false) });

    const list = client.cache.readQuery({ query: TransactionsDocument, variables: first })!.transactions;
    expect(list.edges.map((edge) => edge.node.description)).toEqual(['Bulk 1', 'Bulk 2', 'Bulk 3']);
    expect(list.pageInfo).toMatchObject({ hasNextPage: false, endCursor: 'c3' });
    expect(list.totalCount).toBe(3);
    expect(list.totals).toEqual([{ __typename: 'MoneyTotal', currency: 'EUR', amount: '-3.00', count: 3 }]);
  });

  it('starts over on a fresh first page (a refetch after a change), and keeps each filter apart', async () => {
    await client.cache.reset();
    client.cache.writeQuery({ query: TransactionsDocument, variables: first, data: page([1, 2], true, true) });
    client.cache.writeQuery({ query: TransactionsDocument, variables: { ...first, after: 'c2', withTotal: false }, data: page([3], false, false) });
    client.cache.writeQuery({ query: TransactionsDocument, variables: { filter: {}, first: 2 }, data: page([7], false, true) });
    client.cache.writeQuery({ query: TransactionsDocument, variables: first, data: page([2, 3], false, true) });

    expect(client.cache.readQuery({ query: TransactionsDocument, variables: first })!.transactions.edges.map((edge) => edge.node.id)).toEqual(['2', '3']);
    expect(client.cache.readQuery({ query: TransactionsDocument, variables: { filter: {}, first: 2 } })!.transactions.edges.map((edge) => edge.node.id)).toEqual(['7']);
  });
});

import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/** One client for the app: same-origin cookie session, cache normalised by __typename + id. */
export const client = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  cache: new InMemoryCache({
    typePolicies: {
      Query: {
        // One list per filter: a later page (`after`) joins the pages before it; a first page replaces
        // them. Other fields of the connection (totalCount, totals) are kept unless a page brings them.
        fields: { transactions: relayStylePagination(['filter']) },
      },
    },
  }),
  defaultOptions: {
    watchQuery: { fetchPolicy: 'cache-and-network' },
  },
});

/** After a write, refresh what is on screen; other screens refresh when they are opened again. */
export function refreshActiveQueries(): Promise<unknown> {
  return client.refetchQueries({ include: 'active' });
}

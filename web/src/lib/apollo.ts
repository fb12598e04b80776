import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** One client for the app: same-origin cookie session, cache normalised by __typename + id. */
export const client = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  cache: new InMemoryCache(),
  defaultOptions: {
    watchQuery: { fetchPolicy: 'cache-and-network' },
  },
});

/** After a write, refresh what is on screen; other screens refresh when they are opened again. */
export function refreshActiveQueries(): Promise<unknown> {
  return client.refetchQueries({ include: 'active' });
}

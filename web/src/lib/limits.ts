import { ServerLimitsDocument } from '../graphql/generated/graphql';
import { client } from './apollo';

/** The largest receipt the server accepts, as it publishes it (read once, then from the cache). */
export async function receiptMaxBytes(): Promise<number> {
  const { data } = await client.query({ query: ServerLimitsDocument, fetchPolicy: 'cache-first' });
  if (!data) throw new Error('The server did not say its limits.');
  return data.serverLimits.receiptMaxBytes;
}

import { ServerLimitsDocument, type ServerLimitsQuery } from '../graphql/generated/graphql';
import { client } from './apollo';

/** The limits the server publishes (read once, then from the cache). */
async function serverLimits(): Promise<ServerLimitsQuery['serverLimits']> {
  const { data } = await client.query({ query: ServerLimitsDocument, fetchPolicy: 'cache-first' });
  if (!data) throw new Error('The server did not say its limits.');
  return data.serverLimits;
}

/** The largest receipt the server accepts. */
export async function receiptMaxBytes(): Promise<number> {
  return (await serverLimits()).receiptMaxBytes;
}

/** The largest statement file an import reads. */
export async function importMaxBytes(): Promise<number> {
  return (await serverLimits()).importMaxBytes;
}

import type { DataSource } from 'typeorm';

/** Whether the database answers: readiness and /healthz ask before anything else. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}

/** A bigger SQLite page cache for this connection during a bulk load (five indexes to write); nothing on Postgres. */
export async function tuneForBulkLoad(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') await dataSource.query('PRAGMA cache_size = -262144');
}

/**
 * On Postgres, fresh statistics and visibility map after a bulk load (the rows, their parts and their
 * transfers: without, the planner took a million rows' parts for a few hundred), as autovacuum would leave them
 * a minute later. SQLite gets none: the app never gathers statistics there, so its plans rest on
 * the shape of the indexes alone, and a bulk-loaded database behaves like a grown one.
 */
export async function analyseAfterBulkLoad(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type === 'postgres') await dataSource.query('VACUUM ANALYZE "transactions", "transaction_splits", "transfers"');
}

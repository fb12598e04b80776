import type { DataSource, EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * A database transaction for a write. On SQLite, TypeORM shares one connection, so two
 * transactions that overlap in time would nest (the second becomes a savepoint of the first, and
 * sees its uncommitted rows): here they take turns. Other processes on the same file (workers) are
 * kept apart by SQLite's write lock, which each transaction takes at BEGIN (sqlite-immediate-writes.ts).
 * Postgres gives each its own connection.
 */
export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') return dataSource.transaction(work);
  return sqliteTurn(dataSource, () => dataSource.transaction(work));
}

/**
 * Runs `work` on SQLite's one connection between write transactions, never inside one: a snapshot
 * (VACUUM INTO) then sees exactly what was committed.
 */
export function sqliteTurn<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const turn = previous.catch(() => undefined).then(work);
  sqliteQueues.set(dataSource, turn.catch(() => undefined));
  return turn;
}

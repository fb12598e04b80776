import { DataSource, type EntityManager } from 'typeorm';

/**
 * The database as it stood at one moment, for a read of many statements that a slow client paces
 * (a backup): every statement through `manager` sees that moment, and writers go on meanwhile.
 * Postgres: a REPEATABLE READ, READ ONLY transaction on a connection of its own. SQLite: a second,
 * read-only connection to the file in a transaction, which WAL keeps at the moment of its first
 * read. `close` ends it; call it once the read is over, however it ended.
 */
export interface ReadSnapshot {
  manager: EntityManager;
  close(): Promise<void>;
}

export async function openReadSnapshot(dataSource: DataSource): Promise<ReadSnapshot> {
  if (dataSource.options.type === 'postgres') {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    } catch (error) {
      await runner.release();
      throw error;
    }
    return {
      manager: runner.manager,
      close: async () => {
        await runner.query('COMMIT').catch(() => undefined);
        await runner.release();
      },
    };
  }
  const file = dataSource.options.database as string;
  // An in-memory database has no file a second connection could open: its one connection it is.
  if (file === ':memory:') return { manager: dataSource.manager, close: async () => undefined };
  const reader = new DataSource({
    type: 'better-sqlite3',
    database: file,
    readonly: true,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
    },
  });
  await reader.initialize();
  const runner = reader.createQueryRunner();
  try {
    await runner.query('BEGIN');
    // The first read fixes the moment the transaction sees.
    await runner.query('SELECT COUNT(*) FROM "sqlite_schema"');
  } catch (error) {
    await reader.destroy();
    throw error;
  }
  return {
    manager: runner.manager,
    close: async () => {
      await runner.query('COMMIT').catch(() => undefined);
      await runner.release();
      await reader.destroy();
    },
  };
}

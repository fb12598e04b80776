import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { entities } from './entities';
import { migrationsFor } from './migrations';
import { beginTransactionsImmediately } from './sqlite-immediate-writes';
import { StatementCounter } from './statement-counter';

/**
 * One DataSource per process, chosen by config. Schema changes only ever come from the migrations
 * (db/migrations/README.md: a frozen set per driver, then portable ones); `synchronize` stays off.
 */
export function createDataSource(database: DatabaseConfig): DataSource {
  if (database.kind === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: database.url,
      entities,
      migrations: migrationsFor('postgres'),
      migrationsRun: false,
      synchronize: false,
      logger: new StatementCounter(),
      extra: { max: 10, connectionTimeoutMillis: 5000 },
    });
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: database.file,
    entities,
    migrations: migrationsFor('sqlite'),
    synchronize: false,
    logger: new StatementCounter(),
    // WAL lets readers go on while a write commits, also in the other workers (cluster/) sharing
    // the file; a writer waits up to busy_timeout for another's commit. Foreign keys make ON DELETE rules real.
    // better-sqlite3 builds WAL mode with synchronous=NORMAL, where a power cut can lose the last
    // commits; this is money, so every commit waits for the disk (FULL; see docs/performance.md).
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  });
}

/** An arbitrary, fixed key: replicas starting together take turns to migrate. */
const MIGRATION_LOCK_KEY = 7_305_112_941;

export async function openDatabase(database: DatabaseConfig): Promise<DataSource> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  if (database.kind === 'postgres') {
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lock.release();
    }
  } else {
    beginTransactionsImmediately(dataSource);
    await dataSource.runMigrations({ transaction: 'each' });
  }
  return dataSource;
}

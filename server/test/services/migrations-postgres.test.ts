import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';
import { checkColumnsInPlace, checkFreshDatabase, checkLegacyDatabaseUpgrades, checkPortableDown } from '../support/migration-checks';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs a check against a database of its own, created empty and dropped afterwards. */
async function withPostgres(check: (database: DatabaseConfig & { kind: 'postgres' }) => Promise<void>): Promise<void> {
  const name = `ft_migrations_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    await check({ kind: 'postgres', url: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

test('the Postgres migrations build exactly the schema the entities describe', () =>
  withPostgres(async (database) => {
    const dataSource = await openDatabase(database);
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
      expect(await dataSource.runMigrations()).toEqual([]);
      // And they can be undone, newest first, to an empty schema.
      for (let i = 0; i < dataSource.migrations.length; i += 1) await dataSource.undoLastMigration();
      const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  }));

test('a fresh Postgres database runs the frozen set, then the portable migrations', () => withPostgres(checkFreshDatabase));

test('a Postgres database migrated by the last release upgrades and keeps its rows', () => withPostgres(checkLegacyDatabaseUpgrades));

test('the newest portable migration undoes on Postgres and runs again', () => withPostgres(checkPortableDown));

test('columns added in place on Postgres keep the table’s triggers and rows', () => withPostgres(checkColumnsInPlace));

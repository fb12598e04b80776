import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../src/config';
import { migrationsFor } from '../src/db/migrations';
import { portableMigrations } from '../src/db/migrations/portable';
import { postgresMigrations } from '../src/db/migrations/postgres';
import { sqliteMigrations } from '../src/db/migrations/sqlite';
import { checkColumnsInPlace, checkFreshDatabase, checkLegacyDatabaseUpgrades, checkPortableDown } from './support/migration-checks';

/** The SQLite side; test/services/migrations-postgres.test.ts runs the same checks on Postgres. */
async function withSqlite(check: (database: DatabaseConfig) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-migrations-'));
  try {
    await check({ kind: 'sqlite', file: path.join(dir, 'db.sqlite') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const timestampOf = (migration: new () => unknown) => Number(migration.name.slice(-13));

test('portable migrations come after both frozen sets, so every database runs them in one order', () => {
  const lastLegacy = Math.max(...[...postgresMigrations, ...sqliteMigrations].map(timestampOf));
  const portable = portableMigrations.map(timestampOf);
  expect(Math.min(...portable)).toBeGreaterThan(lastLegacy);
  expect(portable).toEqual([...new Set(portable)].sort((a, b) => a - b));
  for (const kind of ['postgres', 'sqlite'] as const) expect(migrationsFor(kind).map(timestampOf)).toEqual(migrationsFor(kind).map(timestampOf).sort((a, b) => a - b));
});

test('a fresh SQLite database runs the frozen set, then the portable migrations', () => withSqlite(checkFreshDatabase));

test('an SQLite database migrated by the last release upgrades and keeps its rows', () => withSqlite(checkLegacyDatabaseUpgrades));

test('the newest portable migration undoes on SQLite and runs again', () => withSqlite(checkPortableDown));

test('columns added in place on SQLite keep the table’s triggers and rows', () => withSqlite(checkColumnsInPlace));

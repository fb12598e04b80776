import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { printAppSchema, SCHEMA_FILE } from '../src/api/graphql/emit-schema';
import { buildAppSchema } from '../src/api/graphql/schema';
import { createDataSource, openDatabase } from '../src/db/data-source';
import { sqliteMigrations } from '../src/db/migrations/sqlite';

test('the committed schema.graphql is what the code emits (run `npm run schema -w server` to update)', async () => {
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printAppSchema());
});

test('the SQLite migrations build exactly the schema the entities describe', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-migrations-'));
  const dataSource = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'db.sqlite') });
  try {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    // Running them again changes nothing.
    expect(await dataSource.runMigrations()).toEqual([]);
  } finally {
    await dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('upgrading an SQLite database that already holds data keeps every row', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-upgrade-'));
  const file = path.join(dir, 'db.sqlite');
  try {
    // Apply only the first migration, as an old release would have, and store some data.
    const old = createDataSource({ kind: 'sqlite', file });
    (old.options as { migrations: unknown[] }).migrations = sqliteMigrations.slice(0, 1);
    await old.initialize();
    await old.runMigrations();
    await old.query(`INSERT INTO users (email, email_key, password_hash, name, currency) VALUES ('a@b.co', 'a@b.co', 'x', 'A', 'USD')`);
    await old.query(`INSERT INTO accounts (user_id, name, currency) VALUES (1, 'Cash', 'USD')`);
    await old.query(`INSERT INTO transactions (user_id, account_id, date, amount) VALUES (1, 1, '2025-01-01', -500)`);
    await old.destroy();

    const upgraded = await openDatabase({ kind: 'sqlite', file });
    try {
      expect(await upgraded.query('SELECT session_version FROM users')).toEqual([{ session_version: 1 }]);
      expect(await upgraded.query('SELECT amount FROM transactions')).toEqual([{ amount: -500 }]);
      expect((await upgraded.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await upgraded.destroy();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('each resolver’s parameters are sorted once, when the schema is built, not on every call, and the arguments keep their order', async () => {
  await buildAppSchema();
  const storage = getMetadataStorage();
  const handlers = [...storage.queries, ...storage.mutations, ...storage.fieldResolvers];
  expect(handlers.length).toBeGreaterThan(50);
  for (const { params } of handlers) {
    if (!params) continue;
    const declared = params.map((param) => param.index);
    // TypeGraphQL's getParams sorts on every call: each list answers with one copy, sorted by position, allocating nothing.
    const sorted = params.sort((a, b) => a.index - b.index);
    expect(params.sort((a, b) => b.index - a.index)).toBe(sorted);
    expect(sorted.map((param) => param.index)).toEqual([...declared].sort((a, b) => a - b));
    // The list itself keeps its order: the schema builder reads it for the arguments (schema.graphql's order).
    expect(params.map((param) => param.index)).toEqual(declared);
  }
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printAppSchema, SCHEMA_FILE } from '../src/graphql/emit-schema';
import { openDatabase } from '../src/db/data-source';

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

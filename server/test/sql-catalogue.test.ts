import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDatabase, dropDatabase } from '../../test-kit/services.cjs';
import { openDatabase } from '../src/db/data-source';
import { backend } from './support/backends';
import { CATALOGUE_DIR, catalogueFile, insertSqlFixture, recordRepository, repositoryClasses } from './support/sql-catalogue';

/**
 * The committed SQL catalogue (server/queries/*.sql) is what the repositories really send, on this
 * backend's database (SQLite here, Postgres with TEST_BACKEND=services). After changing a
 * repository: `npm run queries -w server` rewrites it, and the diff shows the SQL a change sends.
 */
const postgres = backend === 'services';
const update = process.env.UPDATE_SQL_CATALOGUE === '1';
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `ft_catalogue_${process.pid}`;

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = postgres
    ? await openDatabase({ kind: 'postgres', url: await createDatabase(POSTGRES_ADMIN_URL, databaseName) })
    : await openDatabase({ kind: 'sqlite', file: ':memory:' });
});

afterAll(async () => {
  await dataSource?.destroy();
  if (postgres) await dropDatabase(POSTGRES_ADMIN_URL, databaseName);
});

test('every repository is recorded, and the catalogue holds no file of a repository that is gone', async () => {
  const fixture = await insertSqlFixture(dataSource);
  const expected = new Set<string>();
  for (const { name, repositoryClass } of repositoryClasses()) {
    const file = catalogueFile(name, postgres);
    expected.add(path.basename(file));
    const text = await recordRepository(dataSource, repositoryClass, name, fixture);
    if (update) fs.writeFileSync(file, text);
    else expect({ file: path.basename(file), text }).toEqual({ file: path.basename(file), text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing: run npm run queries -w server)' });
  }
  const dialectSuffix = postgres ? '.postgres.sql' : '.sqlite.sql';
  const present = fs.readdirSync(CATALOGUE_DIR).filter((file) => file.endsWith(dialectSuffix));
  if (update) for (const file of present.filter((name) => !expected.has(name))) fs.rmSync(path.join(CATALOGUE_DIR, file));
  else expect(present.filter((name) => !expected.has(name))).toEqual([]);
});

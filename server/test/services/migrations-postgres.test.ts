import { Client } from 'pg';
import { openDatabase } from '../../src/db/data-source';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

test('the Postgres migrations build exactly the schema the entities describe', async () => {
  const name = `ft_migrations_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase({ kind: 'postgres', url: url.toString() });
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
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

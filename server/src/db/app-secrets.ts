import type { DataSource } from 'typeorm';

/**
 * The value of the app secret `name`, made by `make` the first time. The insert is a no-op when
 * another process got there first, and everyone then reads the row that won: replicas starting
 * at the same moment agree on one value.
 */
export async function readOrCreateAppSecret(dataSource: DataSource, name: string, make: () => string): Promise<string> {
  const postgres = dataSource.options.type === 'postgres';
  const [first, second] = postgres ? ['$1', '$2'] : ['?', '?'];
  await dataSource.query(`INSERT INTO "app_secrets" ("name", "value") VALUES (${first}, ${second}) ON CONFLICT ("name") DO NOTHING`, [name, make()]);
  const rows: { value: string }[] = await dataSource.query(`SELECT "value" FROM "app_secrets" WHERE "name" = ${first}`, [name]);
  return rows[0].value;
}

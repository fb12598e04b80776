import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../src/db/data-source';
import { createDatabase, deleteRedisKeys, dropDatabase, startS3rver } from '../../../test-kit/services.cjs';

/**
 * Which backends the integration suite runs against, chosen by TEST_BACKEND:
 * - "embedded" (default): SQLite, receipts on disk, sessions in an SQLite file;
 * - "services": Postgres, Redis and an S3-protocol server (s3rver on loopback), as deployed.
 * `npm test` runs the whole suite once with each.
 */
export const backend = process.env.TEST_BACKEND === 'services' ? 'services' : 'embedded';

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let s3rver: Promise<{ port: number; close(): Promise<void> }> | null = null;
let counter = 0;
const RUN_ID = Date.now().toString(36);
const databases: string[] = [];

const MIGRATIONS_DIR = path.join(__dirname, '../../src/db/migrations');
const TEMPLATE_LOCK_KEY = 7_305_112_942;

/** A digest of every migration's source: a template made by other migrations is never used. */
function migrationsDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(MIGRATIONS_DIR);
  return hash.digest('hex').slice(0, 16);
}

function urlOf(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The name of a Postgres database that the app's migrations have brought up to date, made once per
 * set of migrations and kept between runs: copying it (CREATE DATABASE ... TEMPLATE) takes a tenth
 * of the time the migrations take, and most tests start several apps. Workers take turns under an
 * advisory lock; the template is made under a temporary name and renamed when complete.
 */
async function migratedTemplate(): Promise<string> {
  const name = `ft_template_${migrationsDigest()}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    const existing = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'ft\\_template\\_%'");
    if (existing.rows.some((row) => row.datname === name)) return name;
    // Templates of earlier migrations are of no further use.
    for (const row of existing.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    const building = `ft_building_${process.pid}_${RUN_ID}`;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const dataSource = await openDatabase({ kind: 'postgres', url: urlOf(building) });
    await dataSource.destroy();
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]).catch(() => undefined);
    await admin.end();
  }
}

let template: Promise<string> | null = null;

/**
 * Environment for one fresh app: its own database, Redis key prefix and bucket. The database is a
 * copy of the migrated template unless `migrated: false` asks for an empty one (then the app runs
 * every migration itself, as on a first deployment).
 */
export async function freshBackendEnvironment(options: { migrated?: boolean } = {}): Promise<Record<string, string>> {
  if (backend === 'embedded') return {};
  counter += 1;
  // Unique across runs too: Redis keeps counters for an hour, and PIDs come round again.
  const name = `ft_test_${process.pid}_${RUN_ID}_${counter}`;
  if (options.migrated !== false) template ??= migratedTemplate();
  const databaseUrl = await createDatabase(POSTGRES_ADMIN_URL, name, options.migrated === false ? undefined : await template!);
  databases.push(name);
  // One s3rver per test file, each app in a bucket of its own.
  s3rver ??= startS3rver();
  const { port } = await s3rver;
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: `${name}:`,
    S3_ENDPOINT: '127.0.0.1',
    S3_PORT: String(port),
    S3_USE_SSL: 'false',
    S3_BUCKET: name.replace(/_/g, '-'),
    S3_ACCESS_KEY: 'S3RVER',
    S3_SECRET_KEY: 'S3RVER',
    S3_REGION: 'us-east-1',
    SESSION_SECRET: 'a-test-secret-shared-by-replicas',
  };
}

/** Stops s3rver and drops the test databases; registered after all tests of a file. */
export async function releaseBackends(): Promise<void> {
  if (s3rver) await (await s3rver).close();
  s3rver = null;
  for (const name of databases.splice(0)) {
    await dropDatabase(POSTGRES_ADMIN_URL, name);
    await deleteRedisKeys(REDIS_URL, `${name}:`);
  }
}

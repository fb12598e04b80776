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

/** Environment for one fresh app: its own database, Redis key prefix and bucket. */
export async function freshBackendEnvironment(): Promise<Record<string, string>> {
  if (backend === 'embedded') return {};
  counter += 1;
  // Unique across runs too: Redis keeps counters for an hour, and PIDs come round again.
  const name = `ft_test_${process.pid}_${RUN_ID}_${counter}`;
  const databaseUrl = await createDatabase(POSTGRES_ADMIN_URL, name);
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

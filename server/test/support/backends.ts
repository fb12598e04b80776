import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/**
 * Which backends the integration suite runs against, chosen by TEST_BACKEND:
 * - "embedded" (default): SQLite, receipts on disk, sessions in an SQLite file;
 * - "services": Postgres, Redis and an S3-protocol server (s3rver on loopback), as deployed.
 * `npm test` runs the whole suite once with each.
 */
export const backend = process.env.TEST_BACKEND === 'services' ? 'services' : 'embedded';

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let s3rver: { close(): Promise<void> } | null = null;
let s3Port: number | null = null;
let s3Directory: string | null = null;
let counter = 0;
const RUN_ID = Date.now().toString(36);
const databases: string[] = [];

/** Environment for one fresh app: its own database, Redis key prefix and bucket. */
export async function freshBackendEnvironment(): Promise<Record<string, string>> {
  if (backend === 'embedded') return {};
  counter += 1;
  // Unique across runs too: Redis keeps counters for an hour, and PIDs come round again.
  const name = `ft_test_${process.pid}_${RUN_ID}_${counter}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  databases.push(name);
  const port = await startS3rver();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    DATABASE_URL: url.toString(),
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
  if (s3rver) await s3rver.close();
  s3rver = null;
  if (s3Directory) fs.rmSync(s3Directory, { recursive: true, force: true });
  const redis = databases.length ? new Redis(REDIS_URL) : null;
  for (const name of databases.splice(0)) {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const keys = await redis!.keys(`${name}:*`);
    if (keys.length) await redis!.del(...keys);
  }
  redis?.disconnect();
}

async function startS3rver(): Promise<number> {
  if (s3Port !== null && s3rver) return s3Port;
  // s3rver has no types; it is a dev-only S3-protocol server.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver');
  s3Directory = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Directory });
  const address = (await server.run()) as { port: number };
  s3rver = server;
  s3Port = address.port;
  return s3Port;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

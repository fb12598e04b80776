// A fresh backend per run (data folder; on Postgres a database and a Redis prefix), seeded with one user per size.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase, deleteRedisKeys, dropDatabase } from '../../test-kit/services.cjs';
import { args, log, options, PASSWORD } from './cli.mjs';
import { analyseAfterSeeding, createCore, createLogger, loadConfig, seedUser } from './server-dist.mjs';

export async function prepareBackend(kind) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `finance-bench-${kind}-`));
  const env = {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    SESSION_SECRET: crypto.randomBytes(24).toString('hex'),
    RATE_LIMIT_REGISTER_PER_IP: '100000',
    RATE_LIMIT_LOGIN_PER_IP: '100000',
  };
  const cleanups = [() => fs.rmSync(dataDir, { recursive: true, force: true })];
  if (kind === 'postgres') {
    const name = `finance_bench_${process.pid}`;
    await dropDatabase(args['postgres-url'], name);
    env.DATABASE_URL = await createDatabase(args['postgres-url'], name);
    env.REDIS_URL = args['redis-url'];
    env.REDIS_PREFIX = `bench${process.pid}:`;
    cleanups.push(() => dropDatabase(args['postgres-url'], name));
    cleanups.push(() => deleteRedisKeys(args['redis-url'], env.REDIS_PREFIX));
  }
  const floorDatabase = kind === 'postgres' ? env.DATABASE_URL : path.join(dataDir, 'finance.sqlite');
  return { kind, env, floorDatabase, cleanup: async () => { for (const step of cleanups.reverse()) await step(); } };
}

export async function seed(backend) {
  const context = await createCore(loadConfig(backend.env), createLogger({ logLevel: 'warn' }), { forScript: true });
  const users = [];
  try {
    for (const size of options.sizes) {
      const started = performance.now();
      const user = await seedUser(context.services, context.dataSource, context.storage, {
        email: `bench-${size}@example.com`,
        password: PASSWORD,
        transactions: size,
        years: 10,
        receiptShare: 0.005,
        seed: size,
      });
      const seconds = (performance.now() - started) / 1000;
      users.push({ ...user, size, seedSeconds: seconds });
      log(`  seeded ${size} transactions in ${seconds.toFixed(1)} s`);
    }
    await analyseAfterSeeding(context.dataSource);
  } finally {
    await context.close();
  }
  return users;
}

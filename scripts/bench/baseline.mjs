// --baseline <dir>: another checkout's build of the app, started as ours is on the database ours
// seeded, and timed in the same interleaved rounds, so one run shows before and after.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { startBuiltServer } from '../../test-kit/server.cjs';
import { SERVER_NODE_FLAGS } from '../server-flags.mjs';
import { PASSWORD } from './cli.mjs';
import { GraphQLClient } from './http-client.mjs';
import { operations } from './operations.mjs';

const require = createRequire(import.meta.url);

/** The checkout, its build and its commit (the build is whatever `server/dist` holds: build it there). */
export function describeBaseline(dir) {
  const main = path.join(dir, 'server/dist/main.js');
  if (!fs.existsSync(main)) throw new Error(`--baseline ${dir}: no server/dist/main.js; build it there first (npm run build -w packages/common && npm run build -w server)`);
  const git = (...gitArgs) => {
    try {
      return execFileSync('git', ['-C', dir, ...gitArgs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return { dir, main, commit: git('rev-parse', '--short', 'HEAD'), subject: git('log', '-1', '--format=%s'), dirty: Boolean(git('status', '--porcelain', '--untracked-files=no')) };
}

/** The names in TypeORM's migrations table of the benchmark's database. */
async function recordedMigrations(backend) {
  if (backend.kind === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(backend.floorDatabase, { readonly: true });
    try {
      return db.prepare('SELECT "name" FROM "migrations"').all().map((row) => row.name);
    } finally {
      db.close();
    }
  }
  const pg = require('pg');
  const client = new pg.Client({ connectionString: backend.floorDatabase });
  await client.connect();
  try {
    return (await client.query('SELECT "name" FROM "migrations"')).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/**
 * Starts the baseline's server/dist/main.js with its own Node flags, ours' environment, database and
 * data folder, and signs each seeded user in on it. TypeORM runs only the migrations a database
 * has not recorded and ignores recorded ones it does not know, so an older baseline opens the
 * database as it is; a baseline with migrations ours lacks would change it under ours, and stops here.
 */
export async function startBaseline(baseline, backend, users) {
  const flagsFile = path.join(baseline.dir, 'scripts/server-flags.mjs');
  const nodeArgs = fs.existsSync(flagsFile) ? (await import(pathToFileURL(flagsFile).href)).SERVER_NODE_FLAGS : SERVER_NODE_FLAGS;
  const before = await recordedMigrations(backend);
  const server = await startBuiltServer({ cwd: baseline.dir, main: baseline.main, env: { ...process.env, ...backend.env }, nodeArgs, timeoutMs: 30_000, quiet: true });
  const ran = (await recordedMigrations(backend)).filter((name) => !before.includes(name));
  if (ran.length) {
    await server.stop();
    throw new Error(`the baseline ran migrations this checkout lacks (${ran.join(', ')}) on the database ours was seeded into: use a baseline older than this checkout`);
  }
  const cookies = new Map();
  for (const user of users) {
    const client = new GraphQLClient(server.baseUrl);
    await client.send(operations.login, { email: user.email, password: PASSWORD });
    cookies.set(user.email, client.cookie);
  }
  return { ...server, cookies };
}

/** A case as the baseline is sent it: the same request, with the baseline's session of the same user. */
export const baselineCase = (baseline, entry) => ({ ...entry, cookie: baseline.cookies.get(entry.user.email) });

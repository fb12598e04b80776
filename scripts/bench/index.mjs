#!/usr/bin/env node
// npm run bench: the API against the raw-SQL floor, on SQLite and on Postgres (+ Redis sessions),
// at 10 k, 100 k and 1 M transactions for one user. See docs/performance.md for what each number
// means. Each operation is timed against the floor (the same SQL behind plain node:http), the stack
// floor (the same SQL behind Express, express-session and Apollo Server, nothing of ours) and the
// bare SQL. `--quick` is the small version that npm test runs (10 k rows, one iteration): it checks
// that every measurement works and that the app and both floors answer the same rows.
import { fork, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { GraphQLClient, request } from './http-client.mjs';
import { openPlanRunner, toJson } from './plan-runner.mjs';
import { loadOperations } from './web-operations.cjs';
import { formatReport } from './report.mjs';
import { SERVER_NODE_FLAGS } from '../server-flags.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
require('reflect-metadata');
const { loadConfig } = require(path.join(root, 'server/dist/config.js'));
const { createApp } = require(path.join(root, 'server/dist/app.js'));
const { createLogger } = require(path.join(root, 'server/dist/logger.js'));
const { createCore } = require(path.join(root, 'server/dist/core.js'));
const { seedUser, analyseAfterSeeding } = require(path.join(root, 'server/dist/seed/seed.js'));
const { hashPassword } = require(path.join(root, 'server/dist/modules/users/password.js'));
const Redis = require('ioredis');
const pg = require('pg');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backends: { type: 'string', default: 'sqlite,postgres' },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    iterations: { type: 'string', default: '200' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '1,8,32' },
    out: { type: 'string', default: 'bench-results' },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const options = {
  backends: args.backends.split(','),
  sizes: args.quick ? [10_000] : args.sizes.split(',').map(Number),
  iterations: args.quick ? 1 : Number(args.iterations),
  warmup: args.quick ? 1 : Math.min(20, Number(args.iterations)),
  duration: args.quick ? 1 : Number(args.duration),
  connections: args.quick ? [1, 8] : args.connections.split(',').map(Number),
  registrations: args.quick ? 1 : 5,
};
const PASSWORD = 'benchmark household password 2026';
const SEARCH_TERM = 'coffee';

const operations = loadOperations(root);
const log = (line) => process.stderr.write(`${line}\n`);

// ---- backends -------------------------------------------------------------------------------

async function prepareBackend(kind) {
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
    const admin = new pg.Client({ connectionString: args['postgres-url'] });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(args['postgres-url']);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.REDIS_URL = args['redis-url'];
    env.REDIS_PREFIX = `bench${process.pid}:`;
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: args['postgres-url'] });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    });
    cleanups.push(async () => {
      const redis = new Redis(args['redis-url']);
      const keys = await redis.keys(`${env.REDIS_PREFIX}*`);
      if (keys.length) await redis.del(keys);
      redis.disconnect();
    });
  }
  const floorDatabase = kind === 'postgres' ? env.DATABASE_URL : path.join(dataDir, 'finance.sqlite');
  return { kind, env, floorDatabase, cleanup: async () => { for (const step of cleanups.reverse()) await step(); } };
}

async function seed(backend) {
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

// ---- what each request sends to the database ------------------------------------------------

/**
 * Runs the app in this process once, records every statement each benchmarked request sends
 * through TypeORM (with its parameters, and which ones were in flight together).
 */
async function capture(backend, users) {
  const app = await createApp(loadConfig({ ...backend.env, LOG_LEVEL: 'silent' }), createLogger({ logLevel: 'silent' }));
  const server = await new Promise((resolve) => {
    const listening = app.express.listen(0, '127.0.0.1', () => resolve(listening));
  });
  let recording = null;
  let completed = 0;
  const createQueryRunner = app.dataSource.createQueryRunner.bind(app.dataSource);
  app.dataSource.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (!runner.benchWrapped) {
      const query = runner.query.bind(runner);
      runner.query = async (sql, params, ...rest) => {
        recording?.push({ sql, params: params ?? [], wave: completed });
        try {
          return await query(sql, params, ...rest);
        } finally {
          completed += 1;
        }
      };
      runner.benchWrapped = true;
    }
    return runner;
  };

  const placeholder = backend.kind === 'postgres' ? ['$1', '$2'] : ['?', '?'];
  const plans = {};
  const cases = [];
  try {
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    for (const user of users) {
      const client = new GraphQLClient(baseUrl);
      await client.send(operations.login, { email: user.email, password: PASSWORD });
      const [middle] = await app.dataSource.query(
        `SELECT "date", "id" FROM "transactions" WHERE "user_id" = ${placeholder[0]} ORDER BY "date" DESC, "id" DESC LIMIT 1 OFFSET ${placeholder[1]}`,
        [user.userId, Math.floor(user.size / 2) - 1],
      );
      const year = new Date().getUTCFullYear();
      const categories = (await client.send(operations.categories)).categories;
      const userCases = [
        { name: 'page', label: 'transactions(first: 50), newest page', query: operations.transactions, variables: { first: 50 } },
        {
          name: 'deep',
          label: `deep page (after ${Math.floor(user.size / 2)} rows)`,
          query: operations.transactions,
          variables: { first: 50, withTotal: false, after: Buffer.from(`${middle.date}|${middle.id}`).toString('base64url') },
          cursorDate: middle.date,
        },
        { name: 'search', label: `search "${SEARCH_TERM}"`, query: operations.transactions, variables: { first: 50, withTotal: false, filter: { search: SEARCH_TERM } } },
        { name: 'dashboard-month', label: 'dashboard, this month', query: operations.dashboard, variables: {} },
        { name: 'dashboard-year', label: 'dashboard, this year', query: operations.dashboard, variables: { from: `${year}-01-01`, to: `${year}-12-31` } },
        {
          name: 'create',
          label: 'createTransaction',
          query: operations.createTransaction,
          variables: { input: { date: new Date().toISOString().slice(0, 10), amount: '-4.20', description: 'Bench coffee', categoryId: categories[0].id } },
        },
      ];
      for (const entry of userCases) {
        const key = `${entry.name}@${user.size}`;
        recording = [];
        await client.send(entry.query, entry.variables);
        plans[key] = { statements: recording };
        recording = null;
        cases.push({ ...entry, key, size: user.size, user, cookie: client.cookie, body: JSON.stringify({ query: entry.query, variables: entry.variables }) });
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  }
  return { plans, cases };
}

/**
 * What synchronous=FULL (the app's setting: a commit waits for the disk) costs createTransaction
 * against NORMAL (a power cut may lose the last commits), on SQLite only. The app runs in this
 * process so the setting can be switched on its one connection between requests; the two modes
 * alternate request by request, so a noisy moment hits both.
 */
async function measureCommitDurability(backend, createCase) {
  const app = await createApp(loadConfig({ ...backend.env, LOG_LEVEL: 'silent' }), createLogger({ logLevel: 'silent' }));
  const server = await new Promise((resolve) => {
    const listening = app.express.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const target = { baseUrl: `http://127.0.0.1:${server.address().port}` };
  const samples = { FULL: [], NORMAL: [] };
  try {
    const rounds = options.warmup + Math.max(options.iterations, args.quick ? 20 : 100);
    for (let i = 0; i < rounds; i += 1) {
      for (const mode of i % 2 ? ['NORMAL', 'FULL'] : ['FULL', 'NORMAL']) {
        await app.dataSource.query(`PRAGMA synchronous = ${mode}`);
        const ms = await timed(async () => expectAnswer(`create (${mode})`, createCase.key, await oursRequest(target, createCase)));
        if (i >= options.warmup) samples[mode].push(ms);
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  }
  return { transactions: createCase.size, samples: samples.FULL.length, fullMs: median(samples.FULL), normalMs: median(samples.NORMAL) };
}

// ---- processes ------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** The app as `npm start` runs it (node with its flags, server/dist/main.js), in production mode, logging to /dev/null. */
async function startApp(backend) {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, 'server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, ...backend.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await request(`${baseUrl}/healthz`)).status === 200) break;
    } catch {
      if (attempt > 300) throw new Error('the app did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, baseUrl };
}

/** Forks one of the reference servers of this folder; it reports its port over IPC. */
async function forkServer(script, env, execArgv = []) {
  const child = fork(path.join(import.meta.dirname, script), { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

/** Writes the captured plans where both floors read them; returns the environment they share. */
function floorEnvironment(backend, plans) {
  const plansFile = path.join(backend.env.DATA_DIR, 'floor-plans.json');
  fs.writeFileSync(plansFile, toJson(plans));
  return { FLOOR_DRIVER: backend.kind, FLOOR_DATABASE: backend.floorDatabase, FLOOR_PLANS: plansFile };
}

function startFloor(floorEnv) {
  return forkServer('floor-server.mjs', floorEnv);
}

/**
 * The stack floor (stack-floor-server.mjs), signed in: the floor's SQL behind Express,
 * express-session and Apollo, or behind only some of those layers (STACK_LAYERS).
 */
async function startStackFloor(backend, floorEnv, layers = 'session,apollo') {
  // The app's environment (production mode, its session settings) and Node flags, with session
  // files or keys of its own beside the app's.
  const own = layers === 'session,apollo' ? 'stack-floor' : `stack-floor-${layers || 'express'}`;
  const env = { ...backend.env, ...floorEnv, STACK_LAYERS: layers, DATA_DIR: path.join(backend.env.DATA_DIR, own) };
  if (env.REDIS_PREFIX) env.REDIS_PREFIX = `${env.REDIS_PREFIX}${own}:`;
  const server = await forkServer('stack-floor-server.mjs', env, SERVER_NODE_FLAGS);
  const login = await request(`${server.baseUrl}/login`, { method: 'POST' });
  return { ...server, cookie: (login.headers['set-cookie'] ?? []).map((entry) => entry.split(';')[0]).join('; ') };
}

const STACK_FLOOR_QUERY = 'query Plan($name: String!) { plan(name: $name) }';

/** A signed-in GraphQL POST: what the timed requests and the load test send. */
function graphqlPost(cookie, body) {
  return { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body };
}

/** The app's request for a case, as the web client asks, signed in as the case's user. */
const oursPost = (entry) => graphqlPost(entry.cookie, entry.body);
/** A stack floor's request for a captured plan. */
const stackFloorPost = (stack, key) => graphqlPost(stack.cookie, JSON.stringify({ query: STACK_FLOOR_QUERY, variables: { name: key } }));

function oursRequest(app, entry) {
  return request(`${app.baseUrl}/graphql`, oursPost(entry));
}

function stackFloorRequest(stack, key) {
  return request(`${stack.baseUrl}/graphql`, stackFloorPost(stack, key));
}

/** Whether a stack floor (whole or in part) answers the floor's rows: the same SQL, read the same way. */
async function answersFloorRows(stack, key, floorBody) {
  const answer = JSON.parse((await stackFloorRequest(stack, key)).body);
  return toJson(answer.data?.plan) === floorBody;
}

/** A timed request must have been answered well: an error answered fast would be timed as a fast request. */
function expectAnswer(side, key, response, { graphql = true } = {}) {
  if (response.status !== 200 || (graphql && response.body.includes('"errors"'))) throw new Error(`${side} ${key}: ${response.body.slice(0, 300)}`);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

// ---- checks ---------------------------------------------------------------------------------

/** The floor must answer the rows the app answered: otherwise it is not the same SQL. */
function checkCase(entry, answer, floorRows) {
  const failures = [];
  const rowsWithIds = floorRows.find((rows) => rows.length && 't_id' in rows[0]) ?? [];
  const floorIds = rowsWithIds.map((row) => String(row.t_id));
  if (entry.query === operations.transactions) {
    const nodes = answer.transactions.edges.map((edge) => edge.node);
    if (nodes.length !== Math.min(50, entry.size)) failures.push(`${entry.key}: ${nodes.length} rows, not 50`);
    if (JSON.stringify(nodes.map((node) => node.id)) !== JSON.stringify(floorIds.slice(0, nodes.length))) failures.push(`${entry.key}: the floor answered other rows`);
    if (entry.name === 'search' && !nodes.every((node) => `${node.description}\n${node.notes}`.toLowerCase().includes(SEARCH_TERM))) failures.push(`${entry.key}: a row without "${SEARCH_TERM}"`);
    if (entry.name === 'deep' && !nodes.every((node) => node.date <= entry.cursorDate)) failures.push(`${entry.key}: a row after the cursor`);
  }
  if (entry.query === operations.dashboard) {
    if (JSON.stringify(answer.dashboard.recent.map((row) => row.id)) !== JSON.stringify(floorIds.slice(0, answer.dashboard.recent.length))) failures.push(`${entry.key}: the floor answered other recent rows`);
    if (entry.name === 'dashboard-month' && answer.dashboard.byCategory.length === 0) failures.push(`${entry.key}: no spending this month`);
  }
  return failures;
}

// ---- measuring ------------------------------------------------------------------------------

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Interleaves the sides each iteration, so a noisy moment on this shared machine hits all of them. */
async function compare(sides) {
  for (let i = 0; i < options.warmup; i += 1) for (const fn of Object.values(sides)) await fn();
  const samples = Object.fromEntries(Object.keys(sides).map((side) => [side, []]));
  // Slow operations (a year's dashboard at 1 M rows) stop after ten seconds, with at least 20 samples.
  const deadline = performance.now() + 10_000;
  const entries = Object.entries(sides);
  for (let i = 0; i < options.iterations && (i < 20 || performance.now() < deadline); i += 1) {
    // Each side goes first in turn, so none always runs right after the same other one.
    for (let k = 0; k < entries.length; k += 1) {
      const [side, fn] = entries[(i + k) % entries.length];
      samples[side].push(await timed(fn));
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([side, values]) => [side, median(values)]));
}

/** The stack's layers, each alone on top of Express, then all together (the stack floor). */
const STACK_LAYERS = [
  { name: 'express', label: 'Express + express.json', layers: '' },
  { name: 'session', label: '+ express-session', layers: 'session' },
  { name: 'apollo', label: '+ Apollo Server (no session)', layers: 'apollo' },
];

/**
 * What each layer of the stack costs by itself around the same SQL, on one operation: Express
 * alone, with express-session, with Apollo Server, and the whole stack floor, against the floor
 * and ours, interleaved like every other measurement.
 */
async function measureStackLayers(backend, floorEnv, { app, floor, stack }, entry) {
  const servers = [];
  try {
    for (const layer of STACK_LAYERS) servers.push({ ...layer, server: await startStackFloor(backend, floorEnv, layer.layers) });
    // Warmed up like the others were (JIT, caches) before anything is timed.
    for (let round = 0; round < (args.quick ? 1 : 300); round += 1) {
      for (const { server } of servers) await stackFloorRequest(server, entry.key);
    }
    const floorBody = (await request(`${floor.baseUrl}/${entry.key}`)).body;
    const failures = [];
    for (const { name, server } of servers) {
      if (!(await answersFloorRows(server, entry.key, floorBody))) failures.push(`${entry.key}: the stack layer "${name}" answered other rows than the floor`);
    }
    const sides = {
      floor: async () => expectAnswer('floor', entry.key, await request(`${floor.baseUrl}/${entry.key}`), { graphql: false }),
      ...Object.fromEntries(servers.map(({ name, server }) => [name, async () => expectAnswer(name, entry.key, await stackFloorRequest(server, entry.key))])),
      stack: async () => expectAnswer('stack floor', entry.key, await stackFloorRequest(stack, entry.key)),
      ours: async () => expectAnswer('ours', entry.key, await oursRequest(app, entry)),
    };
    const result = await compare(sides);
    const layers = [
      ...STACK_LAYERS.map(({ name, label }) => ({ layer: name, label, ms: result[name] })),
      { layer: 'stack', label: 'the whole stack (stack floor)', ms: result.stack },
      { layer: 'ours', label: 'ours', ms: result.ours },
    ].map((row) => ({ ...row, ratioToFloor: row.ms / result.floor }));
    log(`  stack layers on ${entry.key}: floor ${result.floor.toFixed(2)} ms, ${layers.map((row) => `${row.layer} ${row.ms.toFixed(2)} ms (x${row.ratioToFloor.toFixed(2)})`).join(', ')}`);
    return { backend: backend.kind, operation: entry.name, transactions: entry.size, floorMs: result.floor, layers, failures };
  } finally {
    for (const { server } of servers) await stop(server.child);
  }
}

async function load(url, init, connections) {
  const result = await autocannon({ url, ...init, connections, duration: options.duration });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

async function benchBackend(kind) {
  log(`== ${kind}`);
  const backend = await prepareBackend(kind);
  const app = { child: null };
  const floor = { child: null };
  const stack = { child: null };
  let bare = null;
  try {
    const users = await seed(backend);
    const { plans, cases } = await capture(backend, users);
    Object.assign(app, await startApp(backend));
    const floorEnv = floorEnvironment(backend, plans);
    Object.assign(floor, await startFloor(floorEnv));
    Object.assign(stack, await startStackFloor(backend, floorEnv));
    bare = await openPlanRunner({ driver: kind, database: backend.floorDatabase });

    // Warm the servers up on every read first (JIT, caches), so the first size measured is not
    // the one that pays for it.
    for (let round = 0; round < (args.quick ? 1 : 50); round += 1) {
      for (const entry of cases.filter((item) => item.name !== 'create')) {
        await oursRequest(app, entry);
        await request(`${floor.baseUrl}/${entry.key}`);
        await stackFloorRequest(stack, entry.key);
      }
    }

    const failures = [];
    const rows = [];
    for (const entry of cases) {
      if (entry.name !== 'create') {
        // The answers now, from the app as started by npm start, from the floor and from the stack floor.
        const answer = JSON.parse((await oursRequest(app, entry)).body);
        const floorBody = (await request(`${floor.baseUrl}/${entry.key}`)).body;
        const floorRows = JSON.parse(floorBody);
        if (answer.errors) failures.push(`${entry.key}: ${JSON.stringify(answer.errors)}`);
        else failures.push(...checkCase(entry, answer.data, floorRows));
        if (!(await answersFloorRows(stack, entry.key, floorBody))) failures.push(`${entry.key}: the stack floor answered other rows than the floor`);
      }
      const sides = {
        ours: async () => expectAnswer('ours', entry.key, await oursRequest(app, entry)),
        stack: async () => expectAnswer('stack floor', entry.key, await stackFloorRequest(stack, entry.key)),
        floor: async () => expectAnswer('floor', entry.key, await request(`${floor.baseUrl}/${entry.key}`), { graphql: false }),
        bare: () => bare.run(plans[entry.key]),
      };
      const result = await compare(sides);
      rows.push({
        backend: kind,
        operation: entry.name,
        label: entry.label,
        transactions: entry.size,
        statements: plans[entry.key].statements.length,
        oursMs: result.ours,
        stackFloorMs: result.stack,
        floorMs: result.floor,
        bareSqlMs: result.bare,
        ratioToFloor: result.ours / result.floor,
      });
      log(`  ${entry.key.padEnd(24)} ours ${result.ours.toFixed(2)} ms  stack floor ${result.stack.toFixed(2)} ms  floor ${result.floor.toFixed(2)} ms  sql ${result.bare.toFixed(2)} ms  x${(result.ours / result.floor).toFixed(2)}`);
    }

    // The stack's layers one by one, on the newest page of the largest user.
    const largest = cases.find((entry) => entry.name === 'page' && entry.size === Math.max(...options.sizes));
    const { failures: layerFailures, ...stackLayers } = await measureStackLayers(backend, floorEnv, { app, floor, stack }, largest);
    failures.push(...layerFailures);

    // Sign-up and sign-in: argon2id is slow on purpose, so they are reported apart, next to the hash alone.
    const signIn = { register: [], login: [], argon2: [] };
    for (let i = 0; i < options.registrations; i += 1) {
      const email = `bench-signup-${i}-${crypto.randomUUID()}@example.com`;
      const client = new GraphQLClient(app.baseUrl);
      signIn.register.push(await timed(() => client.send(operations.register, { input: { email, password: PASSWORD, name: 'Bench', currency: 'USD' } })));
      signIn.login.push(await timed(() => new GraphQLClient(app.baseUrl).send(operations.login, { email, password: PASSWORD })));
      signIn.argon2.push(await timed(() => hashPassword(PASSWORD)));
    }
    const accounts = { registerMs: median(signIn.register), loginMs: median(signIn.login), argon2HashMs: median(signIn.argon2) };
    log(`  register ${accounts.registerMs.toFixed(1)} ms  login ${accounts.loginMs.toFixed(1)} ms  argon2 alone ${accounts.argon2HashMs.toFixed(1)} ms`);

    let commitDurability = null;
    if (kind === 'sqlite') {
      commitDurability = await measureCommitDurability(backend, cases.find((entry) => entry.name === 'create' && entry.size === Math.max(...options.sizes)));
      log(`  createTransaction with synchronous=FULL ${commitDurability.fullMs.toFixed(2)} ms, NORMAL ${commitDurability.normalMs.toFixed(2)} ms`);
    }

    // Throughput under concurrency, on the newest page of the largest user.
    const concurrency = [];
    for (const connections of options.connections) {
      const ours = await load(`${app.baseUrl}/graphql`, oursPost(largest), connections);
      const stackLoad = await load(`${stack.baseUrl}/graphql`, stackFloorPost(stack, largest.key), connections);
      const floorLoad = await load(`${floor.baseUrl}/${largest.key}`, {}, connections);
      if (ours.failed || stackLoad.failed || floorLoad.failed) {
        failures.push(`load at ${connections} connections: ${ours.failed} failed here, ${stackLoad.failed} on the stack floor, ${floorLoad.failed} on the floor`);
      }
      concurrency.push({ backend: kind, connections, transactions: largest.size, ours, stackFloor: stackLoad, floor: floorLoad });
      log(`  ${connections} clients: ours ${ours.requestsPerSecond.toFixed(0)} req/s (p50 ${ours.p50} ms, p99 ${ours.p99} ms)  stack floor ${stackLoad.requestsPerSecond.toFixed(0)} req/s  floor ${floorLoad.requestsPerSecond.toFixed(0)} req/s`);
    }

    const memory = memoryOf(app.child.pid);
    log(`  app RSS after the run ${memory.rssMiB.toFixed(0)} MiB (peak ${memory.peakRssMiB.toFixed(0)} MiB)`);
    return { backend: kind, seeding: users.map(({ size, seedSeconds }) => ({ transactions: size, seconds: seedSeconds })), rows, stackLayers, accounts, commitDurability, concurrency, memory, failures };
  } finally {
    if (app.child) await stop(app.child);
    if (floor.child) await stop(floor.child);
    if (stack.child) await stop(stack.child);
    await bare?.close();
    await backend.cleanup();
  }
}

async function machine() {
  const Database = require('better-sqlite3');
  const memory = new Database(':memory:');
  const sqlite = memory.prepare('SELECT sqlite_version() AS version').get().version;
  memory.close();
  let postgres = null;
  if (options.backends.includes('postgres')) {
    const client = new pg.Client({ connectionString: args['postgres-url'] });
    await client.connect();
    postgres = (await client.query('SHOW server_version')).rows[0].server_version;
    await client.end();
  }
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, sqlite, postgres };
}

const startedAt = new Date();
const report = { startedAt: startedAt.toISOString(), quick: args.quick, options, machine: await machine(), backends: [] };
for (const kind of options.backends) report.backends.push(await benchBackend(kind));
report.seconds = (Date.now() - startedAt.getTime()) / 1000;

fs.mkdirSync(args.out, { recursive: true });
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
fs.writeFileSync(path.join(args.out, `bench-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(path.join(args.out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
const markdown = formatReport(report);
fs.writeFileSync(path.join(args.out, 'latest.md'), markdown);
process.stdout.write(markdown);

const failures = report.backends.flatMap((backend) => backend.failures.map((failure) => `${backend.backend}: ${failure}`));
if (failures.length) {
  log(`\nFAILED:\n${failures.join('\n')}`);
  process.exit(1);
}

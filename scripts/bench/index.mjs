#!/usr/bin/env node
// npm run bench: the API against the raw-SQL floor, on SQLite and on Postgres (+ Redis sessions),
// at 10 k, 100 k and 1 M transactions for one user. See docs/performance.md for what each number
// means. Each operation is timed against the floor (the same SQL behind plain node:http), the stack
// floor (the same SQL behind Express, express-session and Apollo Server, nothing of ours) and the
// bare SQL. `--quick` is the small version that npm test runs (10 k rows, one iteration): it checks
// that every measurement works and that the app and both floors answer the same rows. `--baseline
// <dir>` times another checkout's build beside ours in the same rounds (before/after). After the
// reads, statement imports (imports.mjs): preview and commit against the parser alone and the seed's
// bulk insert; then rules over an import (rules.mjs): 0, 100 and 300 rules on the same file.
// Last, backup and restore (backups.mjs): GET /backup and restoreBackup of 100 000 transactions
// with 500 receipts against the bulk insert of the same rows, in an app of its own.
// On SQLite, one worker against two (workers.mjs: WEB_CONCURRENCY) on the newest page at 32 clients.
// `--only imports` runs those two alone, on a database with nothing seeded; `--only rules` the
// rules; `--only backups` the backups; `--only workers` the workers (SQLite only).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { baselineCase, describeBaseline, startBaseline } from './baseline.mjs';
import { capture } from './capture.mjs';
import { checkCase, answersFloorRows, expectAnswer } from './checks.mjs';
import { args, log, options, PASSWORD } from './cli.mjs';
import { GraphQLClient, request } from './http-client.mjs';
import { compare, load, measureCommitDurability, measureStackLayers, median, timed } from './measurement.mjs';
import { operations } from './operations.mjs';
import { openPlanRunner } from './plan-runner.mjs';
import { measureBackups } from './backups.mjs';
import { measureImports } from './imports.mjs';
import { measureRules } from './rules.mjs';
import { measureWorkers } from './workers.mjs';
import { formatReport } from './report.mjs';
import { prepareBackend, seed } from './seeding.mjs';
import { hashPassword } from './server-dist.mjs';
import { floorEnvironment, memoryOf, oursPost, oursRequest, stackFloorPost, stackFloorRequest, startApp, startFloor, startStackFloor, stop } from './servers.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

async function benchBackend(kind, baselineBuild) {
  log(`== ${kind}`);
  const backend = await prepareBackend(kind);
  const app = { child: null };
  const baseline = { child: null };
  const floor = { child: null };
  const stack = { child: null };
  let bare = null;
  try {
    if (options.only === 'backups') {
      const backups = await measureBackups(backend);
      return { backend: kind, backups, failures: backups.failures };
    }
    if (options.only === 'workers') {
      if (kind !== 'sqlite') return { backend: kind, failures: [] };
      const users = await seed(backend);
      const { cases } = await capture(backend, users);
      const workers = await measureWorkers(backend, cases.find((entry) => entry.name === 'page' && entry.size === Math.max(...options.sizes)));
      return { backend: kind, workers, failures: workers.failures };
    }
    if (options.only && options.only !== 'reads') {
      Object.assign(app, await startApp(backend));
      const imports = options.only === 'imports' ? await measureImports(backend, app) : null;
      const rules = await measureRules(backend, app);
      return { backend: kind, imports, rules, failures: [...(imports?.failures ?? []), ...rules.failures] };
    }
    const users = await seed(backend);
    const { plans, cases } = await capture(backend, users);
    Object.assign(app, await startApp(backend));
    if (baselineBuild) Object.assign(baseline, await startBaseline(baselineBuild, backend, users));
    const withBaseline = Boolean(baseline.child);
    const floorEnv = floorEnvironment(backend, plans);
    Object.assign(floor, await startFloor(floorEnv));
    Object.assign(stack, await startStackFloor(backend, floorEnv));
    bare = await openPlanRunner({ driver: kind, database: backend.floorDatabase });

    // Warm the servers up on every read first (JIT, caches), so the first size measured is not
    // the one that pays for it.
    for (let round = 0; round < (args.quick ? 1 : 50); round += 1) {
      for (const entry of cases.filter((item) => item.name !== 'create')) {
        await oursRequest(app, entry);
        if (withBaseline) await oursRequest(baseline, baselineCase(baseline, entry));
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
        if (withBaseline) {
          const baselineAnswer = JSON.parse((await oursRequest(baseline, baselineCase(baseline, entry))).body);
          if (baselineAnswer.errors) failures.push(`baseline ${entry.key}: ${JSON.stringify(baselineAnswer.errors)}`);
          else failures.push(...checkCase(entry, baselineAnswer.data, floorRows).map((failure) => `baseline ${failure}`));
        }
      }
      const baselineEntry = withBaseline ? baselineCase(baseline, entry) : null;
      const sides = {
        ours: async () => expectAnswer('ours', entry.key, await oursRequest(app, entry)),
        ...(withBaseline ? { baseline: async () => expectAnswer('baseline', entry.key, await oursRequest(baseline, baselineEntry)) } : {}),
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
        ...(withBaseline ? { baselineMs: result.baseline, baselineRatioToFloor: result.baseline / result.floor, oursToBaseline: result.ours / result.baseline } : {}),
      });
      const before = withBaseline ? `  baseline ${result.baseline.toFixed(2)} ms (ours x${(result.ours / result.baseline).toFixed(2)})` : '';
      log(`  ${entry.key.padEnd(24)} ours ${result.ours.toFixed(2)} ms${before}  stack floor ${result.stack.toFixed(2)} ms  floor ${result.floor.toFixed(2)} ms  sql ${result.bare.toFixed(2)} ms  x${(result.ours / result.floor).toFixed(2)}`);
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
    for (const [level, connections] of options.connections.entries()) {
      // Load saturates the machine, so it cannot interleave: the baseline goes first at every other level.
      const loadBaseline = () => load(`${baseline.baseUrl}/graphql`, oursPost(baselineCase(baseline, largest)), connections);
      const baselineFirst = withBaseline && level % 2 === 1 ? await loadBaseline() : undefined;
      const ours = await load(`${app.baseUrl}/graphql`, oursPost(largest), connections);
      const stackLoad = await load(`${stack.baseUrl}/graphql`, stackFloorPost(stack, largest.key), connections);
      const floorLoad = await load(`${floor.baseUrl}/${largest.key}`, {}, connections);
      if (ours.failed || stackLoad.failed || floorLoad.failed) {
        failures.push(`load at ${connections} connections: ${ours.failed} failed here, ${stackLoad.failed} on the stack floor, ${floorLoad.failed} on the floor`);
      }
      const baselineLoad = baselineFirst ?? (withBaseline ? await loadBaseline() : undefined);
      if (baselineLoad?.failed) failures.push(`load at ${connections} connections: ${baselineLoad.failed} failed on the baseline`);
      concurrency.push({ backend: kind, connections, transactions: largest.size, ours, stackFloor: stackLoad, floor: floorLoad, ...(baselineLoad ? { baseline: baselineLoad } : {}) });
      const baselineRate = baselineLoad ? `  baseline ${baselineLoad.requestsPerSecond.toFixed(0)} req/s` : '';
      log(`  ${connections} clients: ours ${ours.requestsPerSecond.toFixed(0)} req/s (p50 ${ours.p50} ms, p99 ${ours.p99} ms)${baselineRate}  stack floor ${stackLoad.requestsPerSecond.toFixed(0)} req/s  floor ${floorLoad.requestsPerSecond.toFixed(0)} req/s`);
    }

    const memory = memoryOf(app.child.pid);
    if (withBaseline) memory.baseline = memoryOf(baseline.child.pid);
    log(`  app RSS after the run ${memory.rssMiB.toFixed(0)} MiB (peak ${memory.peakRssMiB.toFixed(0)} MiB)${withBaseline ? `, baseline ${memory.baseline.rssMiB.toFixed(0)} MiB` : ''}`);

    if (options.only === 'reads') return { backend: kind, seeding: users.map(({ size, seedSeconds }) => ({ transactions: size, seconds: seedSeconds })), rows, stackLayers, accounts, commitDurability, concurrency, memory, failures };
    const workers = kind === 'sqlite' ? await measureWorkers(backend, largest) : null;
    if (workers) failures.push(...workers.failures);

    // Imports last: they write far more than anything above, and the memory above is the reads'.
    const imports = await measureImports(backend, app);
    failures.push(...imports.failures);
    const rules = await measureRules(backend, app);
    failures.push(...rules.failures);
    const backups = await measureBackups(backend);
    failures.push(...backups.failures);
    return { backend: kind, seeding: users.map(({ size, seedSeconds }) => ({ transactions: size, seconds: seedSeconds })), rows, stackLayers, accounts, commitDurability, concurrency, workers, memory, imports, rules, backups, failures };
  } finally {
    if (app.child) await stop(app.child);
    if (baseline.child) await stop(baseline.child);
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
const baselineBuild = options.baseline ? describeBaseline(options.baseline) : null;
const report = { startedAt: startedAt.toISOString(), quick: args.quick, options, machine: await machine(), ...(baselineBuild ? { baseline: baselineBuild } : {}), backends: [] };
for (const kind of options.backends) report.backends.push(await benchBackend(kind, baselineBuild));
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

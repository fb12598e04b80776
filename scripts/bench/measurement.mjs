// Timing: medians of interleaved sides, the stack's layers one by one, commit durability, and load under concurrency.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { args, log, options } from './cli.mjs';
import { answersFloorRows, expectAnswer } from './checks.mjs';
import { request } from './http-client.mjs';
import { createApp, createLogger, loadConfig } from './server-dist.mjs';
import { oursRequest, startStackFloor, stackFloorRequest, stop } from './servers.mjs';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Interleaves the sides each iteration, so a noisy moment on this shared machine hits all of them. */
export async function compare(sides) {
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
export async function measureStackLayers(backend, floorEnv, { app, floor, stack }, entry) {
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

export async function load(url, init, connections, duration = options.duration) {
  const result = await autocannon({ url, ...init, connections, duration });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * What synchronous=FULL (the app's setting: a commit waits for the disk) costs createTransaction
 * against NORMAL (a power cut may lose the last commits), on SQLite only. The app runs in this
 * process so the setting can be switched on its one connection between requests; the two modes
 * alternate request by request, so a noisy moment hits both.
 */
export async function measureCommitDurability(backend, createCase) {
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

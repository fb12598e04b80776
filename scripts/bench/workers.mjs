// Throughput of one worker against two (WEB_CONCURRENCY, server/src/cluster) on the embedded default.
import fs from 'node:fs';
import { log, options } from './cli.mjs';
import { expectAnswer } from './checks.mjs';
import { load, median } from './measurement.mjs';
import { oursPost, oursRequest, startApp, stop } from './servers.mjs';

/** The target: two workers serve at least this many times one worker's reads at 32 clients. */
export const WORKERS_TARGET = 1.6;
const CONNECTIONS = 32;

/** CPU seconds (user + system) of a process and its children (a cluster's primary and workers), from /proc. */
function cpuSecondsOf(pid) {
  let ticks = 0;
  const walk = (id) => {
    try {
      const fields = fs.readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      for (const child of fs.readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim().split(' ').filter(Boolean)) walk(child);
    } catch {
      // gone meanwhile
    }
  };
  walk(pid);
  return ticks / 100;
}

/**
 * The newest page of `entry`'s user under 32 clients, from the app with WEB_CONCURRENCY=1 and with
 * WEB_CONCURRENCY=2, both serving the same SQLite file and sessions at once. Load saturates the
 * machine, so the two cannot run together: they take turns, round by round, each going first in
 * every other round, and the medians are compared. Beside them, what this machine allows: two
 * separate one-process servers loaded at once (16 clients each), which no cluster can beat; and
 * the CPU time each spends per request (equal per request: the workers scale as far as free cores allow).
 */
export async function measureWorkers(backend, entry) {
  const started = [];
  const failures = [];
  const duration = Math.max(options.duration, 3);
  try {
    // No snapshots: the servers share DATA_DIR, and a snapshot would land in someone's round.
    const startWith = async (workers) => {
      const app = await startApp({ ...backend, env: { ...backend.env, WEB_CONCURRENCY: String(workers), SNAPSHOTS: 'off' } });
      started.push(app);
      expectAnswer(`ours (${workers} workers)`, entry.key, await oursRequest(app, entry));
      return app;
    };
    const one = await startWith(1);
    const two = await startWith(2);
    // The machine's own ceiling: two separate one-process servers under 16 clients each, at once.
    const spare = await startWith(1);
    const loadOf = async (apps) => {
      const cpuBefore = apps.map((app) => cpuSecondsOf(app.child.pid));
      const results = await Promise.all(apps.map((app) => load(`${app.baseUrl}/graphql`, oursPost(entry), CONNECTIONS / apps.length, duration)));
      const requestsPerSecond = results.reduce((sum, result) => sum + result.requestsPerSecond, 0);
      const cpuSeconds = apps.reduce((sum, app, i) => sum + cpuSecondsOf(app.child.pid) - cpuBefore[i], 0);
      return { requestsPerSecond, cpuMsPerRequest: (cpuSeconds * 1000) / (requestsPerSecond * duration), failed: results.reduce((sum, result) => sum + result.failed, 0), p50: results[0].p50, p99: results[0].p99 };
    };
    const sides = { one: [one], two: [two], pair: [one, spare] };
    const rounds = options.workersRounds;
    // Warm them up under load first, untimed: every worker compiles its own code (JIT), on its share of the requests.
    for (const app of [one, two, spare]) await load(`${app.baseUrl}/graphql`, oursPost(entry), CONNECTIONS, duration);
    const samples = { one: [], two: [], pair: [] };
    const order = Object.keys(sides);
    for (let round = 0; round < rounds; round += 1) {
      // Each side goes first in turn.
      for (let k = 0; k < order.length; k += 1) {
        const side = order[(round + k) % order.length];
        const result = await loadOf(sides[side]);
        if (result.failed) failures.push(`workers (${side}), round ${round + 1}: ${result.failed} requests failed`);
        samples[side].push(result);
      }
    }
    const rate = (side) => median(samples[side].map((result) => result.requestsPerSecond));
    const cpu = (side) => median(samples[side].map((result) => result.cpuMsPerRequest));
    const ratio = rate('two') / rate('one');
    const ceiling = rate('pair') / rate('one');
    const perRound = (side) => samples[side].map((result) => result.requestsPerSecond.toFixed(0)).join('/');
    log(`  ${CONNECTIONS} clients on ${entry.key}: 1 worker ${rate('one').toFixed(0)} req/s, 2 workers ${rate('two').toFixed(0)} req/s (×${ratio.toFixed(2)}), two separate servers ${rate('pair').toFixed(0)} req/s (×${ceiling.toFixed(2)}); rounds ${perRound('one')} | ${perRound('two')} | ${perRound('pair')}; CPU per request ${cpu('one').toFixed(2)} / ${cpu('two').toFixed(2)} / ${cpu('pair').toFixed(2)} ms`);
    const summary = (side) => ({ requestsPerSecond: rate(side), cpuMsPerRequest: cpu(side), rounds: samples[side] });
    return {
      transactions: entry.size,
      connections: CONNECTIONS,
      durationSeconds: duration,
      rounds,
      one: summary('one'),
      two: summary('two'),
      separateServers: summary('pair'),
      ratio,
      ceilingRatio: ceiling,
      failures,
    };
  } finally {
    for (const app of started) await stop(app.child);
  }
}

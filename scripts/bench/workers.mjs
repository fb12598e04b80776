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
 * every other round, and the medians are compared. Beside it, the CPU time each spends per
 * request: equal per request means the workers scale as far as free cores allow, which on a
 * shared machine is the noisy part.
 */
export async function measureWorkers(backend, entry) {
  const started = [];
  const failures = [];
  try {
    // No snapshots: the two servers share DATA_DIR, and a snapshot would land in someone's round.
    const sides = {};
    for (const workers of [1, 2]) {
      const app = await startApp({ ...backend, env: { ...backend.env, WEB_CONCURRENCY: String(workers), SNAPSHOTS: 'off' } });
      started.push(app);
      sides[workers] = app;
    }
    for (const app of Object.values(sides)) expectAnswer(`ours (${app === sides[1] ? 1 : 2} workers)`, entry.key, await oursRequest(app, entry));
    const duration = Math.max(options.duration, 3);
    const rounds = options.workersRounds;
    // Warm both up under load first, untimed: every worker compiles its own code (JIT), on its share of the requests.
    for (const app of Object.values(sides)) await load(`${app.baseUrl}/graphql`, oursPost(entry), CONNECTIONS, duration);
    const samples = { 1: [], 2: [] };
    for (let round = 0; round < rounds; round += 1) {
      for (const workers of round % 2 ? [2, 1] : [1, 2]) {
        const cpuBefore = cpuSecondsOf(sides[workers].child.pid);
        const result = await load(`${sides[workers].baseUrl}/graphql`, oursPost(entry), CONNECTIONS, duration);
        result.cpuMsPerRequest = ((cpuSecondsOf(sides[workers].child.pid) - cpuBefore) * 1000) / (result.requestsPerSecond * duration);
        if (result.failed) failures.push(`workers ${workers}, round ${round + 1}: ${result.failed} requests failed`);
        samples[workers].push(result);
      }
    }
    const rate = (workers) => median(samples[workers].map((result) => result.requestsPerSecond));
    const cpu = (workers) => median(samples[workers].map((result) => result.cpuMsPerRequest));
    const ratio = rate(2) / rate(1);
    log(`  ${CONNECTIONS} clients on ${entry.key}: 1 worker ${rate(1).toFixed(0)} req/s, 2 workers ${rate(2).toFixed(0)} req/s (×${ratio.toFixed(2)}; rounds ${samples[1].map((r) => r.requestsPerSecond.toFixed(0)).join('/')} vs ${samples[2].map((r) => r.requestsPerSecond.toFixed(0)).join('/')}); CPU per request ${cpu(1).toFixed(2)} vs ${cpu(2).toFixed(2)} ms`);
    return {
      transactions: entry.size,
      connections: CONNECTIONS,
      durationSeconds: duration,
      rounds,
      one: { requestsPerSecond: rate(1), cpuMsPerRequest: cpu(1), rounds: samples[1] },
      two: { requestsPerSecond: rate(2), cpuMsPerRequest: cpu(2), rounds: samples[2] },
      ratio,
      failures,
    };
  } finally {
    for (const app of started) await stop(app.child);
  }
}

import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';

/** A worker that dies is forked again after this, doubling per quick death up to the maximum. */
const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
/** A worker that served this long before dying counts as healthy: its replacement starts at the first delay. */
const HEALTHY_AFTER_MS = 30_000;
/** Past the workers' own forced exit (graceful-shutdown.ts), the primary gives up on them. */
const FORCED_EXIT_MS = 15_000;

interface Slot {
  worker: Worker | null;
  startedAt: number;
  quickDeaths: number;
}

/**
 * WEB_CONCURRENCY > 1: this process forks that many workers that share the port (node:cluster
 * hands connections round-robin) and serve requests; it serves none itself. main.ts has migrated the
 * database before (once, before forking) and started what one server does once (the instance lock,
 * the daily snapshots, the orphan-receipt sweep: instance-jobs.ts); `closeInstance` ends those, after
 * the last worker has exited. A worker that dies unexpectedly is forked again, with a
 * backoff; one that dies before the first start-up completed fails the start. SIGTERM and SIGINT
 * go to every worker, which drains as a single process does; the primary exits once all have.
 */
export function runPrimary(config: AppConfig, logger: Logger, closeInstance: () => Promise<void>): void {
  const count = config.webConcurrency;
  const slots: Slot[] = Array.from({ length: count }, () => ({ worker: null, startedAt: 0, quickDeaths: 0 }));
  const restartTimers = new Set<NodeJS.Timeout>();
  const listening = new Set<Worker>();
  let started = false;
  let stopping = false;
  let failed = false;

  const fork = (slot: Slot) => {
    slot.worker = cluster.fork();
    slot.startedAt = Date.now();
  };

  const finish = async () => {
    try {
      await closeInstance();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      failed = true;
    }
    process.exit(failed ? 1 : 0);
  };

  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: listening.size }, 'shutting down: the workers drain');
    for (const timer of restartTimers) clearTimeout(timer);
    setTimeout(() => process.exit(1), config.shutdownDrainMs + FORCED_EXIT_MS).unref();
    const alive = slots.filter((slot) => slot.worker && !slot.worker.isDead());
    if (alive.length === 0) void finish();
    for (const slot of alive) slot.worker!.process.kill(signal);
  };

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    if (started || listening.size < count) return;
    started = true;
    logger.info({ port: address.port, workers: count, database: config.database.kind, dataDir: config.dataDir }, `listening on http://localhost:${address.port} with ${count} workers`);
  });

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    const slot = slots.find((candidate) => candidate.worker === worker);
    if (!slot) return;
    slot.worker = null;
    if (stopping) {
      if (code !== 0) failed = true;
      if (slots.every((candidate) => candidate.worker === null)) void finish();
      return;
    }
    if (!started) {
      logger.error({ workerPid: worker.process.pid, code, signal }, 'a worker failed to start');
      failed = true;
      stopAll('SIGTERM');
      return;
    }
    slot.quickDeaths = Date.now() - slot.startedAt >= HEALTHY_AFTER_MS ? 1 : slot.quickDeaths + 1;
    const delayMs = Math.min(RESTART_MAX_MS, RESTART_FIRST_MS * 2 ** (slot.quickDeaths - 1));
    logger.error({ workerPid: worker.process.pid, code, signal, restartInMs: delayMs }, 'a worker died; forking another');
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      fork(slot);
    }, delayMs);
    restartTimers.add(timer);
  });

  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  for (const slot of slots) fork(slot);
}

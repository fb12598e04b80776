import { Router } from 'express';
import type { Redis } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import { pingDatabase } from '../../db/maintenance';

interface Dependencies {
  dataSource: DataSource;
  storage: ReceiptStorage;
  redis: Redis | null;
  /** Where the dependency_up gauge is registered. */
  registry: Registry;
  /** True once the process is stopping: /readyz answers 503 so the load balancer moves on. */
  isStopping: () => boolean;
}

type Outcome = 'ok' | 'unavailable';

const CHECK_TIMEOUT_MS = 2000;

/**
 * /healthz: the process answers (liveness); with `?details`, the state of every dependency too.
 * /readyz: what every request needs answers (the database, and Redis when sessions live there),
 * each reported by name, so a load balancer stops sending traffic while one is down. The object
 * store is left out of readiness: only receipts need it, and taking every replica out of the load
 * balancer while it is down would stop everything else too. Its state is on /healthz?details and
 * in the dependency_up gauge.
 */
export function healthRoutes({ dataSource, storage, redis, registry, isStopping }: Dependencies): Router {
  const requiredChecks = async (): Promise<Record<string, Outcome>> => {
    const checks: Record<string, Outcome> = { database: await outcome(() => pingDatabase(dataSource)) };
    if (redis) checks.redis = await outcome(() => redis.ping());
    return checks;
  };
  const allChecks = async (): Promise<Record<string, Outcome>> => ({ ...(await requiredChecks()), storage: await outcome(() => storage.check()) });

  new Gauge({
    name: 'dependency_up',
    help: 'Whether each dependency answers (1) or not (0), checked at scrape time',
    labelNames: ['dependency'] as const,
    registers: [registry],
    async collect() {
      for (const [dependency, state] of Object.entries(await allChecks())) this.set({ dependency }, state === 'ok' ? 1 : 0);
    },
  });

  const router = Router();
  router.get('/healthz', async (req, res) => {
    if (req.query.details === undefined) {
      res.json({ status: 'ok' });
      return;
    }
    res.json({ status: 'ok', checks: await allChecks() });
  });
  router.get('/readyz', async (_req, res) => {
    if (isStopping()) {
      res.status(503).json({ status: 'stopping', checks: {} });
      return;
    }
    const checks = await requiredChecks();
    const ready = Object.values(checks).every((check) => check === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  });
  return router;
}

async function outcome(check: () => Promise<unknown>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { ReceiptStorage } from '../storage/receipt-storage';

interface Dependencies {
  dataSource: DataSource;
  storage: ReceiptStorage;
  redis: Redis | null;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * /healthz: the process answers (liveness). /readyz: every dependency answers (readiness), each
 * reported by name, so a load balancer stops sending traffic while one is down.
 */
export function healthRoutes({ dataSource, storage, redis }: Dependencies): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {
      database: await outcome(() => dataSource.query('SELECT 1')),
      storage: await outcome(() => storage.check()),
    };
    if (redis) checks.redis = await outcome(() => redis.ping());
    const ready = Object.values(checks).every((check) => check === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  });
  return router;
}

async function outcome(check: () => Promise<unknown>): Promise<string> {
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

import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { ReceiptStorage } from '../storage/receipt-storage';

/** /healthz: the process answers. /readyz: every dependency answers, so a load balancer may send traffic. */
export function healthRoutes(dataSource: DataSource, storage: ReceiptStorage): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = {
      database: await outcome(() => dataSource.query('SELECT 1')),
      storage: await outcome(() => storage.check()),
    };
    const ready = Object.values(checks).every((check) => check === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  });
  return router;
}

async function outcome(check: () => Promise<unknown>): Promise<string> {
  try {
    await check();
    return 'ok';
  } catch {
    return 'unavailable';
  }
}

import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppMetrics } from './metrics';

export interface MetricsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * /metrics on a port of its own (METRICS_PORT), so a Service can expose it to Prometheus while the
 * Ingress routes only the main port: what the app measures never reaches the internet.
 */
export async function startMetricsServer(metrics: AppMetrics, port: number, host: string): Promise<MetricsServer> {
  const app = express();
  app.disable('x-powered-by');
  app.use(metrics.routes());
  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND' });
  });
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 calls back with the error when listening fails (port taken).
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

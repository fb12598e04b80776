import 'reflect-metadata';
import 'dotenv/config';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import { type AppConfig, ConfigError, loadConfig } from './config';
import { handleTerminationSignals } from './api/http/graceful-shutdown';
import { startMetricsServer } from './api/http/metrics-server';
import { runPrimary } from './cluster/primary';
import { createCore } from './core';
import { startInstanceJobs } from './instance-jobs';
import { createLogger } from './logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  // WEB_CONCURRENCY > 1: the primary forks the workers, each of which runs serve() (cluster/primary.ts).
  if (config.webConcurrency > 1 && cluster.isPrimary) return primary(config, logger);
  await serve(config, logger);
}

/** Migrates once before forking, and keeps what the server does once (instance-jobs.ts) out of the workers. */
async function primary(config: AppConfig, logger: Logger): Promise<void> {
  const core = await createCore(config, logger, { forScript: true });
  const jobs = startInstanceJobs(config, core.dataSource, core.services, logger);
  runPrimary(config, logger, async () => {
    await jobs.stop();
    await core.close();
    jobs.release();
  });
}

/** One process serving requests: the whole server, or one worker of a cluster. */
async function serve(config: AppConfig, logger: Logger): Promise<void> {
  const worker = cluster.isWorker;
  const app = await createApp(config, logger, { instanceJobs: !worker });
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(app.metrics, config.metricsPort, config.host);
  if (metricsServer) logger.info({ metricsPort: metricsServer.port }, `metrics on http://localhost:${metricsServer.port}/metrics`);
  const server = app.express.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    // A worker's line names its process (pino's pid); the primary says "listening" once all are.
    if (worker) logger.info({ port }, 'worker serving');
    else logger.info({ port, database: config.database.kind, dataDir: config.dataDir }, `listening on http://localhost:${port}`);
  });

  // The metrics listener closes with the app, after the main listener has drained.
  handleTerminationSignals(server, { shutdown: app.shutdown, close: async () => { await metricsServer?.close(); await app.close(); } }, logger, config.shutdownDrainMs);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

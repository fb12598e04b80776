import 'reflect-metadata';
import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { handleTerminationSignals } from './api/http/graceful-shutdown';
import { startMetricsServer } from './api/http/metrics-server';
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
  const app = await createApp(config, logger);
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(app.metrics, config.metricsPort, config.host);
  if (metricsServer) logger.info({ metricsPort: metricsServer.port }, `metrics on http://localhost:${metricsServer.port}/metrics`);
  const server = app.express.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port, database: config.database.kind, dataDir: config.dataDir }, `listening on http://localhost:${port}`);
  });

  // The metrics listener closes with the app, after the main listener has drained.
  handleTerminationSignals(server, { shutdown: app.shutdown, close: async () => { await metricsServer?.close(); await app.close(); } }, logger, config.shutdownDrainMs);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import 'reflect-metadata';
import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { handleTerminationSignals } from './http/graceful-shutdown';
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
  const server = app.express.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port, database: config.database.kind, dataDir: config.dataDir }, `listening on http://localhost:${port}`);
  });

  handleTerminationSignals(server, app, logger, config.shutdownDrainMs);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

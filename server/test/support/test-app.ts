import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { freshBackendEnvironment } from './backends';

export interface RunningApp {
  app: App;
  config: AppConfig;
  /** What started this app: pass it to startTestApp again to restart on the same data. */
  environment: Record<string, string>;
  baseUrl: string;
  dataDir: string;
  /** Stops the server and the app, keeping the data dir (for restart tests). */
  stop(): Promise<void>;
  /** Stops and deletes the data dir. */
  destroy(): Promise<void>;
}

/**
 * Starts the real app on port 0 with its own data: a fresh data dir on the embedded default, or a
 * fresh database, Redis prefix and bucket with TEST_BACKEND=services. Pass a previous app's
 * `environment` to start again on the same data.
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  previous?: Record<string, string>,
  /** Receives each JSON log line (set LOG_LEVEL in overrides to see any). */
  logDestination?: DestinationStream,
): Promise<RunningApp> {
  const environment = previous ?? {
    NODE_ENV: 'test',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'finance-test-')),
    LOG_LEVEL: 'silent',
    PORT: '0',
    // Every test user signs up from 127.0.0.1: the throttling tests set their own, real limits.
    RATE_LIMIT_REGISTER_PER_IP: '100000',
    RATE_LIMIT_LOGIN_PER_IP: '100000',
    // OWASP's minimum argon2id rather than the default's 64 MiB and four threads: the suite signs up thousands of users.
    PASSWORD_HASH_COST: 'minimum',
    ...(await freshBackendEnvironment()),
    ...overrides,
  };
  const dataDir = environment.DATA_DIR;
  const config = loadConfig(environment);
  const app = await createApp(config, createLogger(config, logDestination));
  const server: Server = await new Promise((resolve) => {
    const listening = app.express.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
  };
  return {
    app,
    config,
    environment,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    stop,
    destroy: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

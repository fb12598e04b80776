import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

export interface RunningApp {
  app: App;
  config: AppConfig;
  baseUrl: string;
  dataDir: string;
  /** Stops the server and the app, keeping the data dir (for restart tests). */
  stop(): Promise<void>;
  /** Stops and deletes the data dir. */
  destroy(): Promise<void>;
}

/** Starts the real app on port 0 with its own data dir (SQLite, disk receipts, file sessions). */
export async function startTestApp(environment: Record<string, string> = {}, existingDataDir?: string): Promise<RunningApp> {
  const dataDir = existingDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'finance-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...environment });
  const app = await createApp(config, createLogger(config));
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
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    stop,
    destroy: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

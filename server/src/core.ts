import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import { openDatabase } from './db/data-source';
import { SignInLimits } from './modules/users/sign-in-limits';
import { createServices, type Services } from './services';
import { closeRedisClient, openRedisClient } from './sessions/redis-client';
import { createSessionSetup, type SessionSetup } from './sessions/session-middleware';
import { sessionSecretFor } from './sessions/session-secret';
import { createReceiptStorage } from './storage/create-receipt-storage';
import type { ReceiptStorage } from './storage/receipt-storage';

/**
 * The one composition root: everything but HTTP, built once per process from config. The app
 * (app.ts) puts Express and Apollo around it; the seed and the benchmark use it as it is. The
 * database opens migrated (openDatabase, which the migration job db/migrate.ts runs alone).
 */
export interface Core {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  storage: ReceiptStorage;
  /** The process's Redis connection when REDIS_URL is set (sessions, sign-in limits, readiness). */
  redis: Redis | null;
  /** The session store and its middleware. */
  sessions: SessionSetup;
  services: Services;
  /** Closes the session store, Redis and the database, in that order. */
  close(): Promise<void>;
}

interface CoreOptions {
  /**
   * For a script that writes data (seed, benchmark set-up): no Redis and no session store, and
   * sign-ups are not limited, since a script signs up many users from one place.
   */
  forScript?: boolean;
}

/** The core without sessions, for scripts, which sign nobody in. */
export type ScriptCore = Omit<Core, 'sessions'> & { sessions: null };

export function createCore(config: AppConfig, logger: Logger, options?: { forScript?: false }): Promise<Core>;
export function createCore(config: AppConfig, logger: Logger, options: { forScript: true }): Promise<ScriptCore>;
export async function createCore(config: AppConfig, logger: Logger, { forScript = false }: CoreOptions = {}): Promise<Core | ScriptCore> {
  const dataSource = await openDatabase(config.database);
  const storage = await createReceiptStorage(config);
  const redis = forScript ? null : await openRedisClient(config, logger);
  const rateLimits = forScript ? { ...config.rateLimits, registerPerIp: Number.MAX_SAFE_INTEGER } : config.rateLimits;
  const signInLimits = new SignInLimits(rateLimits, redis && config.redis ? { client: redis, prefix: config.redis.prefix } : null);
  const sessions = forScript ? null : createSessionSetup(config, redis, await sessionSecretFor(config, dataSource));
  const services = createServices({
    dataSource, storage, receiptMaxBytes: config.receiptMaxBytes, importMaxBytes: config.importMaxBytes, importMaxRows: config.importMaxRows, rulesPerUser: config.rulesPerUser, passwordHashCost: config.passwordHashCost, signInLimits, logger,
    sessions: sessions ? { index: sessions.index, absoluteTimeoutMs: config.sessionAbsoluteMs } : undefined,
  });
  return {
    config, logger, dataSource, storage, redis, sessions, services,
    close: async () => {
      await sessions?.close();
      await closeRedisClient(redis);
      await dataSource.destroy();
    },
  };
}


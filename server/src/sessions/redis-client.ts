import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';

/** Redis answers on a LAN in well under a millisecond: a command slower than this means Redis is stuck. */
const COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 1000;

/**
 * The process's one Redis connection, when REDIS_URL is set: sessions and sign-in limits share it.
 * Connection problems are logged, not thrown; start-up waits for the first connection.
 */
export async function openRedisClient(config: Pick<AppConfig, 'redis'>, logger: Logger): Promise<Redis | null> {
  if (!config.redis) return null;
  const redis = createRedisClient(config.redis.url);
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection problem'));
  await waitForRedis(redis);
  return redis;
}

/** Closes the connection, at once if Redis does not answer. */
export async function closeRedisClient(redis: Redis | null): Promise<void> {
  await redis?.quit().catch(() => redis.disconnect());
}

/**
 * One Redis connection per process. While Redis is down, commands fail at once (no offline
 * queue, no retries per request), so a request answers 503 in milliseconds rather than seconds;
 * a frozen Redis fails them after COMMAND_TIMEOUT_MS. The client reconnects on its own.
 */
function createRedisClient(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/**
 * Without an offline queue, commands sent before the first connection fail: start-up waits for
 * it. A Redis that is down at start-up does not stop the server; /readyz reports it.
 */
async function waitForRedis(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]).catch(() => undefined);
}

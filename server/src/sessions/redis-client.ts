import { Redis } from 'ioredis';

/**
 * One Redis connection per process. Commands fail fast while Redis is down (no endless queue),
 * and the client reconnects on its own when Redis comes back.
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

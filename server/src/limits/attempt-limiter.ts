import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../lib/errors';

/**
 * Counts attempts per key (an account, an IP) in a fixed window and refuses more than `limit`.
 * With Redis the counters are shared by every replica; without it they live in this process.
 */
export class AttemptLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(name: string, private readonly limit: number, windowSeconds: number, redis: { client: Redis; prefix: string } | null) {
    const options = { keyPrefix: `${redis?.prefix ?? ''}limit:${name}`, points: limit, duration: windowSeconds };
    this.limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis.client }) : new RateLimiterMemory(options);
  }

  /** Throws TOO_MANY_REQUESTS while the key has used up its attempts. */
  async assertAllowed(key: string): Promise<void> {
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.limit) throw tooMany(state.msBeforeNext);
  }

  /** Counts one attempt; throws TOO_MANY_REQUESTS when it goes over the limit. */
  async count(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
      throw error;
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

function tooMany(msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError('TOO_MANY_REQUESTS', `Too many attempts. Please wait ${seconds} seconds and try again.`, undefined, seconds);
}

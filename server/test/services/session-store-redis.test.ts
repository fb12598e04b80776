import { Redis } from 'ioredis';
import { call, sessionUntil } from '../support/session-stores';
import { freshBackendEnvironment } from '../support/backends';
import { RedisSessionStore } from '../../src/sessions/redis-session-store';

const SLACK_MS = 300;

test('a sliding expiry is sent to Redis at most once per slack by a replica; a destroyed session stays gone', async () => {
  const environment = await freshBackendEnvironment();
  const redis = new Redis(environment.REDIS_URL);
  const prefix = `${environment.REDIS_PREFIX}sess:`;
  try {
    const store = new RedisSessionStore({ client: redis, prefix }, SLACK_MS);
    await call((done) => store.set('sid-a', sessionUntil(Date.now() + 20_000), done));
    expect(await redis.pttl(`${prefix}sid-a`)).toBeLessThanOrEqual(20_000);

    // A touch right after is not sent: the TTL stays where the first touch of this replica put it.
    await call((done) => store.touch('sid-a', sessionUntil(Date.now() + 20_000), done));
    await call((done) => store.touch('sid-a', sessionUntil(Date.now() + 50_000), done));
    expect(await redis.pttl(`${prefix}sid-a`)).toBeLessThanOrEqual(20_000);

    await new Promise((resolve) => setTimeout(resolve, SLACK_MS + 50));
    await call((done) => store.touch('sid-a', sessionUntil(Date.now() + 50_000), done));
    expect(await redis.pttl(`${prefix}sid-a`)).toBeGreaterThan(40_000);

    await call((done) => store.destroy('sid-a', done));
    await call((done) => store.touch('sid-a', sessionUntil(Date.now() + 50_000), done));
    expect(await redis.exists(`${prefix}sid-a`)).toBe(0);
  } finally {
    redis.disconnect();
  }
});

import type { SessionData } from 'express-session';
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

test("each user's sessions are indexed beside them, with their last use; ended ones leave the index", async () => {
  const environment = await freshBackendEnvironment();
  const redis = new Redis(environment.REDIS_URL);
  const prefix = `${environment.REDIS_PREFIX}sess:`;
  const sessionOf = (userId: number, expiresAt = Date.now() + 20_000) => ({ ...sessionUntil(expiresAt), userId, signedInAt: Date.now() }) as SessionData;
  try {
    const store = new RedisSessionStore({ client: redis, prefix }, SLACK_MS);
    await call((done) => store.set('ann-1', sessionOf(21), done));
    await call((done) => store.set('ann-2', sessionOf(21), done));
    await call((done) => store.set('ann-3', sessionOf(21), done));
    await call((done) => store.set('bob-1', sessionOf(22), done));
    expect((await store.listForUser(21)).map((stored) => stored.sid).sort()).toEqual(['ann-1', 'ann-2', 'ann-3']);
    // The index is not a session: connect-redis's own listing does not see it.
    expect(((await call((done) => store.ids(done))) as string[]).sort()).toEqual(['ann-1', 'ann-2', 'ann-3', 'bob-1']);

    // Last use moves with a touch, at most once per slack.
    const lastUse = async () => (await store.listForUser(21)).find((stored) => stored.sid === 'ann-1')!.lastUsedAt;
    const firstUse = await lastUse();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await call((done) => store.touch('ann-1', sessionOf(21), done));
    expect(await lastUse()).toBe(firstUse);
    await new Promise((resolve) => setTimeout(resolve, SLACK_MS + 50));
    await call((done) => store.touch('ann-1', sessionOf(21), done));
    expect(await lastUse()).toBeGreaterThan(firstUse + SLACK_MS);

    // Signed out, expired, ended for the user: each leaves the index.
    await call((done) => store.destroy('ann-2', done));
    await redis.del(`${prefix}ann-3`); // as Redis does when its TTL runs out
    await store.destroyForUser(22, ['ann-1']); // not Bob's: left alone
    expect((await store.listForUser(21)).map((stored) => stored.sid)).toEqual(['ann-1']);
    const indexKeys = await redis.keys(`${environment.REDIS_PREFIX}*of-user:21`);
    expect(indexKeys).toHaveLength(1);
    expect(await redis.hkeys(indexKeys[0])).toEqual(['ann-1']);
    expect(await redis.ttl(indexKeys[0])).toBeGreaterThan(10);

    await store.destroyForUser(21, ['ann-1']);
    expect(await store.listForUser(21)).toEqual([]);
    expect(await redis.exists(`${prefix}ann-1`)).toBe(0);
    expect(await store.listForUser(22)).toHaveLength(1);
  } finally {
    redis.disconnect();
  }
});

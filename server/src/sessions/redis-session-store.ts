import { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { RecentTouches } from './recent-touches';
import type { StoredSession, UserSessionIndex } from './session-index';

type Callback = (error?: unknown, value?: unknown) => void;
/** connect-redis's TTL for a session without a cookie expiry. */
const DEFAULT_TTL_SECONDS = 86_400;

/**
 * Sessions in Redis (connect-redis), except that a sliding expiry is not pushed to Redis on every
 * request: express-session waits for the touch before answering, so each read of the API paid a
 * Redis round trip for it. A session this process touched within the slack is not touched again;
 * the idle timeout stays that exact, and every replica still extends it.
 *
 * Each user has a hash of their session ids → last use (ms), beside the sessions (its key is
 * outside the sessions' prefix, so connect-redis's scans never see it). It lives as long as the
 * user's latest session; ids of sessions that ended are dropped when the hash is listed.
 */
export class RedisSessionStore extends RedisStore implements UserSessionIndex {
  private readonly recentTouches: RecentTouches;
  private readonly redis: Redis;
  private readonly userIndexPrefix: string;

  constructor(options: ConstructorParameters<typeof RedisStore>[0] & { client: Redis; prefix: string }, touchSlackMs: number) {
    super(options);
    this.redis = options.client as Redis;
    this.userIndexPrefix = `${options.prefix.replace(/:$/, '')}-of-user:`;
    this.recentTouches = new RecentTouches(touchSlackMs);
  }

  override async set(sid: string, session: SessionData, callback?: Callback): Promise<unknown> {
    try {
      await super.set(sid, session);
      this.recentTouches.written(sid);
      if (session.userId !== undefined && ttlSeconds(session) > 0) await this.indexUse(sid, session).exec();
    } catch (error) {
      return callback ? callback(error) : Promise.reject(error);
    }
    return callback?.(null, null);
  }

  override async touch(sid: string, session: SessionData, callback?: Callback): Promise<unknown> {
    if (this.recentTouches.isFresh(sid)) return callback?.(null, null);
    try {
      // One round trip: the session's TTL, and its last use in the user's index.
      const pipeline = session.userId === undefined ? this.redis.multi() : this.indexUse(sid, session);
      await pipeline.expire(this.prefix + sid, ttlSeconds(session)).exec();
    } catch (error) {
      return callback ? callback(error) : Promise.reject(error);
    }
    return callback?.(null, null);
  }

  /** Sign-out and a new session id: the session leaves its user's index too (a rare path, so a read first). */
  override async destroy(sid: string, callback?: Callback): Promise<unknown> {
    this.recentTouches.forget(sid);
    try {
      const raw = await this.redis.get(this.prefix + sid);
      const userId = raw ? (JSON.parse(raw) as SessionData).userId : undefined;
      const transaction = this.redis.multi().del(this.prefix + sid);
      if (userId !== undefined) transaction.hdel(this.userIndexPrefix + userId, sid);
      await transaction.exec();
    } catch (error) {
      return callback ? callback(error) : Promise.reject(error);
    }
    return callback?.(null, null);
  }

  async listForUser(userId: number): Promise<StoredSession[]> {
    const key = this.userIndexPrefix + userId;
    const lastUses = Object.entries(await this.redis.hgetall(key));
    if (lastUses.length === 0) return [];
    const values = await this.redis.mget(lastUses.map(([sid]) => this.prefix + sid));
    const sessions: StoredSession[] = [];
    const ended: string[] = [];
    lastUses.forEach(([sid, lastUsedAt], position) => {
      const raw = values[position];
      const data = raw ? (JSON.parse(raw) as SessionData) : null;
      if (data?.userId === userId) sessions.push({ sid, data, lastUsedAt: Number(lastUsedAt) });
      else ended.push(sid);
    });
    if (ended.length) await this.redis.hdel(key, ...ended);
    return sessions;
  }

  async destroyForUser(userId: number, sids: readonly string[]): Promise<void> {
    if (sids.length === 0) return;
    const key = this.userIndexPrefix + userId;
    // Only ids in the user's own index: anyone else's session is left alone.
    const lastUses = await this.redis.hmget(key, ...sids);
    const own = sids.filter((_sid, position) => lastUses[position] !== null);
    if (own.length === 0) return;
    for (const sid of own) this.recentTouches.forget(sid);
    await this.redis
      .multi()
      .del(...own.map((sid) => this.prefix + sid))
      .hdel(key, ...own)
      .exec();
  }

  /** Records a use of the session now, and keeps the user's index as long as this session lasts. */
  private indexUse(sid: string, session: SessionData) {
    const key = this.userIndexPrefix + session.userId;
    // The index outlives none of its sessions: it takes the TTL of whichever was used last.
    return this.redis.multi().hset(key, sid, String(Date.now())).expire(key, Math.max(1, ttlSeconds(session)));
  }
}

/** Seconds the session has left, as connect-redis counts them (its own helper is private). */
function ttlSeconds(session: SessionData): number {
  const expires = session.cookie?.expires;
  return expires ? Math.ceil((new Date(expires).getTime() - Date.now()) / 1000) : DEFAULT_TTL_SECONDS;
}

import path from 'node:path';
import session, { type Store } from 'express-session';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config';
import { RedisSessionStore } from './redis-session-store';
import { sessionCookieName } from './session-cookie';
import type { UserSessionIndex } from './session-index';
import { SqliteSessionStore } from './sqlite-session-store';

export interface SessionSetup {
  middleware: ReturnType<typeof session>;
  /** The same store, as the "Signed-in devices" list reads it. */
  index: UserSessionIndex;
  close(): Promise<void>;
}

/**
 * The one place that picks the session store from config: Redis (shared by every replica, keys
 * under the configured prefix, TTL = the cookie's max age) or an SQLite file in DATA_DIR.
 * `secret` comes from sessionSecretFor (session-secret.ts).
 */
export function createSessionSetup(config: AppConfig, redis: Redis | null, secret: string): SessionSetup {
  if (redis && config.redis) {
    const store = new RedisSessionStore({ client: redis, prefix: `${config.redis.prefix}sess:` }, touchSlackMs(config.sessionMaxAgeMs));
    return { middleware: sessionMiddleware(config, store, secret), index: store, close: async () => undefined };
  }
  const store = new SqliteSessionStore(path.join(config.dataDir, 'sessions.sqlite'), config.sessionMaxAgeMs, touchSlackMs(config.sessionMaxAgeMs));
  return { middleware: sessionMiddleware(config, store, secret), index: store, close: async () => store.close() };
}

/**
 * How far a sliding expiry may lag before it is written again: at most a minute, and a hundredth of
 * the lifetime, so the idle timeout stays that exact while most requests write nothing.
 */
function touchSlackMs(maxAgeMs: number): number {
  return Math.min(60_000, Math.floor(maxAgeMs / 100));
}

function sessionMiddleware(config: AppConfig, store: Store, secret: string) {
  return session({
    name: sessionCookieName(config.cookieSecure),
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.cookieSecure,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: config.sessionMaxAgeMs,
      path: '/',
    },
  });
}

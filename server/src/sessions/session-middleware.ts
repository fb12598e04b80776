import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import session, { type Store } from 'express-session';
import type { AppConfig } from '../config';
import { SESSION_COOKIE } from './session-lifecycle';
import { SqliteSessionStore } from './sqlite-session-store';

export interface SessionSetup {
  middleware: ReturnType<typeof session>;
  close(): Promise<void>;
}

/** The one place that picks the session store from config. */
export function createSessionSetup(config: AppConfig): SessionSetup {
  const store = new SqliteSessionStore(path.join(config.dataDir, 'sessions.sqlite'), config.sessionMaxAgeMs);
  return {
    middleware: sessionMiddleware(config, store),
    close: async () => store.close(),
  };
}

function sessionMiddleware(config: AppConfig, store: Store) {
  return session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret ?? persistedSecret(config.dataDir),
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

/**
 * With no SESSION_SECRET configured, a random one is made once and kept in DATA_DIR, so cookies
 * stay valid across restarts of a laptop install. Replicas must share a configured secret.
 */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

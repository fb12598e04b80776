import type { SessionData } from 'express-session';

/** A signed-in session whose cookie expires at `expiresAt` (ms since the epoch), as express-session hands it to a store. */
export function sessionUntil(expiresAt: number): SessionData {
  return { cookie: { expires: new Date(expiresAt), originalMaxAge: 60_000 }, userId: 7 };
}

/** A store method's callback as a promise: `await call((done) => store.get(sid, done))`. */
export function call(fn: (callback: (error?: unknown, value?: unknown) => void) => void): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));
}

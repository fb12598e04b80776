import type { Request, Response } from 'express';
import { sessionCookieName } from './session-cookie';
import type { SignedInSessionData } from './session-data';

/** Longest user agent kept with a session: enough for any real browser, bounded for the store. */
const USER_AGENT_MAX = 512;

/** The client's address as Express sees it (behind a proxy only when the app trusts one). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Signs the user in on a fresh session id, so an id planted before sign-in is worth nothing. */
export function startSession(req: Request, user: { id: number; sessionVersion: number }): Promise<void> {
  const userAgent = req.get('user-agent')?.slice(0, USER_AGENT_MAX) ?? null;
  return saveOnFreshId(req, { userId: user.id, sessionVersion: user.sessionVersion, signedInAt: Date.now(), userAgent, ipAddress: clientIp(req) });
}

/**
 * Moves this session to a fresh id under the user's new session version (after the password or
 * two-factor sign-in changed), keeping when and where it signed in: the others end, this one goes on.
 */
export function renewSession(req: Request, sessionVersion: number): Promise<void> {
  const { userId, signedInAt, userAgent, ipAddress } = req.session;
  if (userId === undefined || signedInAt === undefined) return Promise.reject(new Error('renewSession needs a signed-in session'));
  return saveOnFreshId(req, { userId, sessionVersion, signedInAt, userAgent: userAgent ?? null, ipAddress: ipAddress ?? null });
}

function saveOnFreshId(req: Request, data: SignedInSessionData): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((regenerateError) => {
      if (regenerateError) return reject(regenerateError);
      Object.assign(req.session, data);
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

/** Deletes the session on the server (not just the cookie) and tells the browser to forget it. */
export function destroySession(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const secure = Boolean(req.session.cookie.secure);
    req.session.destroy((error) => {
      if (error) return reject(error);
      res.clearCookie(sessionCookieName(secure), { path: '/', secure });
      resolve();
    });
  });
}

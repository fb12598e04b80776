import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'ft.sid';
/** Over HTTPS the cookie is `__Host-` prefixed: browsers then refuse it unless Secure, host-only and Path=/. */
export const SECURE_SESSION_COOKIE = '__Host-ft.sid';

export interface SignedInSession {
  userId: number;
  /** The user's session version at sign-in; a password change bumps it and ends this session. */
  sessionVersion: number;
  /** When the user signed in (ms), for the absolute timeout. */
  signedInAt: number;
}

/** Signs the user in on a fresh session id, so an id planted before sign-in is worth nothing. */
export function startSession(req: Request, user: { id: number; sessionVersion: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((regenerateError) => {
      if (regenerateError) return reject(regenerateError);
      Object.assign(req.session, { userId: user.id, sessionVersion: user.sessionVersion, signedInAt: Date.now() } satisfies SignedInSession);
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

/** Deletes the session on the server (not just the cookie) and tells the browser to forget it. */
export function destroySession(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const cookieName = (req.session.cookie.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE) as string;
    req.session.destroy((error) => {
      if (error) return reject(error);
      res.clearCookie(cookieName, { path: '/', secure: cookieName === SECURE_SESSION_COOKIE });
      resolve();
    });
  });
}

import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'ft.sid';

/** Signs the user in on a fresh session id, so an id planted before sign-in is worth nothing. */
export function startSession(req: Request, userId: number): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((regenerateError) => {
      if (regenerateError) return reject(regenerateError);
      req.session.userId = userId;
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

/** Deletes the session on the server (not just the cookie) and tells the browser to forget it. */
export function destroySession(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((error) => {
      if (error) return reject(error);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      resolve();
    });
  });
}

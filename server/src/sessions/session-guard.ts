import type { NextFunction, Request, Response } from 'express';
import './session-data';

/**
 * Ends a session that is past the absolute timeout, or that was started before the user's
 * password changed (or whose user is gone): the request goes on signed out, on a fresh session id.
 * `sessionVersionOf` is the user's current version, null when the user is gone.
 */
export function sessionGuard(sessionVersionOf: (userId: number) => Promise<number | null>, absoluteTimeoutMs: number) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const session = req.session;
    if (!session?.userId) return next();
    try {
      const tooOld = !session.signedInAt || Date.now() - session.signedInAt > absoluteTimeoutMs;
      const current = tooOld ? null : await sessionVersionOf(session.userId);
      if (current !== null && current === session.sessionVersion) return next();
      session.regenerate((error) => next(error));
    } catch (error) {
      next(error);
    }
  };
}

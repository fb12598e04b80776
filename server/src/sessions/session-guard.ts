import type { NextFunction, Request, Response } from 'express';
import type { UserService } from '../modules/users/user.service';

/**
 * Ends a session that is past the absolute timeout, or that was started before the user's
 * password changed (or whose user is gone): the request goes on signed out, on a fresh session id.
 */
export function sessionGuard(users: UserService, absoluteTimeoutMs: number) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const session = req.session;
    if (!session?.userId) return next();
    try {
      const tooOld = !session.signedInAt || Date.now() - session.signedInAt > absoluteTimeoutMs;
      const current = tooOld ? null : await users.sessionVersionOf(session.userId);
      if (current !== null && current === session.sessionVersion) return next();
      session.regenerate((error) => next(error));
    } catch (error) {
      next(error);
    }
  };
}

import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { isUnavailableDependency, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../lib/errors';

/**
 * The last error handler: a dependency that is down (the session store, say) answers 503 with a
 * GraphQL-shaped SERVICE_UNAVAILABLE error instead of Express's HTML page; nothing else leaks.
 */
export function dependencyErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const unavailable = isUnavailableDependency(error);
    const status = unavailable ? 503 : ((error as { status?: number }).status ?? 500);
    // A body the client got wrong is routine (info); only our own failures are errors.
    (req.log ?? logger)[unavailable ? 'warn' : status < 500 ? 'info' : 'error']({ err: error }, 'request failed before reaching GraphQL');
    const code = unavailable ? 'SERVICE_UNAVAILABLE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message = unavailable
      ? 'The service is briefly unavailable; nothing was changed. Please try again in a moment.'
      : status < 500 ? 'The request could not be read.' : 'Something went wrong on our side; nothing was changed. Please try again.';
    if (unavailable) res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { graphqlUploadExpress, Upload } from 'graphql-upload-ts';
import { AppError, isUnavailableDependency } from '../../lib/errors';

/**
 * GraphQL multipart requests (file uploads). A body that busboy cannot read (a wrong or missing
 * boundary, a truncated form) is the client's mistake: busboy's errors carry no HTTP status, which
 * Express would answer as a 500, so they get a 400 here.
 */
export function multipartRequests(options: { maxFileSize: number; maxFiles: number }): RequestHandler {
  const upload = graphqlUploadExpress(options);
  return (req, res, next) =>
    upload(req, res, (error?: unknown) => {
      if (error && typeof (error as { status?: unknown }).status !== 'number' && !isUnavailableDependency(error)) {
        return next(Object.assign(error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'The upload could not be read.'), { status: 400, expose: true }));
      }
      next(error);
    });
}

/**
 * type-graphql awaits upload arguments before our resolver runs, so a multipart body that busboy
 * rejects (malformed part header, truncated body) would surface as an unexpected error. This turns
 * each upload's failure into the client's error, with the field that caused it.
 */
export function uploadErrorsAsUserErrors(req: Request, _res: Response, next: NextFunction): void {
  for (const upload of findUploads(req.body)) {
    const mutable = upload as { promise: Promise<unknown> };
    mutable.promise = upload.promise.catch((error: { status?: number; message?: string }) => {
      if (error?.status === 413) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is too large.', 'file');
      throw new AppError('BAD_USER_INPUT', 'The upload could not be read; please try again.', 'file');
    });
    // Nobody may await an upload whose operation failed earlier: keep Node from calling it unhandled.
    mutable.promise.catch(() => undefined);
  }
  next();
}

function* findUploads(value: unknown, depth = 0): Generator<Upload> {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (value instanceof Upload) {
    yield value;
    return;
  }
  for (const child of Object.values(value)) yield* findUploads(child, depth + 1);
}

import type { NextFunction, Request, Response } from 'express';
import { Upload } from 'graphql-upload-ts';
import { AppError } from '../lib/errors';

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

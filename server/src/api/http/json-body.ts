import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';

/**
 * JSON request bodies up to the limit. Bytes that are not UTF-8 are refused (400) rather than
 * read as U+FFFD: a document or a value full of replacement characters is never what was meant.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, buffer) => {
      if (!isUtf8(buffer)) throw Object.assign(new Error('The request body is not valid UTF-8.'), { status: 400, expose: true });
    },
  });
}

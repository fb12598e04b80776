import type { ErrorCode } from '@finance-tracker/common';

export type { ErrorCode };

/**
 * Domain errors. Services throw these and know nothing of GraphQL; the GraphQL layer maps `code`
 * to `extensions.code`, and the HTTP routes map it to a status.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** For TOO_MANY_REQUESTS: when to try again, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, field);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'You need to sign in first.');
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
/** How long a client should wait before retrying after SERVICE_UNAVAILABLE (extensions.retryAfter and Retry-After). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
export const serviceUnavailable = () =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'The service is briefly unavailable; nothing was changed. Please try again in a moment.',
    undefined,
    UNAVAILABLE_RETRY_AFTER_SECONDS,
  );
export const tooLarge = (field: string, message: string) => new AppError('PAYLOAD_TOO_LARGE', message, field);

type ErrorChain = { name?: unknown; code?: unknown; message?: unknown; driverError?: unknown; originalError?: unknown; cause?: unknown; thrownValue?: unknown };

/** Socket errors, and Postgres's "admin shutdown" (57P0x) and "connection exception" (08xxx) classes. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
/** What pg, pg-pool, ioredis and TypeORM say when their connection is gone. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|Connection is closed|Stream isn't writeable|max retries per request|Driver not Connected|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect|Command timed out/i;
/**
 * TypeORM's errors for a query runner whose connection dropped mid-transaction (pg emitted
 * "error" between two statements and TypeORM released the runner).
 */
const UNAVAILABLE_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError', 'ConnectionIsNotSetError']);

/**
 * Errors that mean a dependency (database, Redis, object store) cannot be reached right now,
 * rather than a bug: clients get SERVICE_UNAVAILABLE and may retry.
 */
export function isUnavailableDependency(error: unknown): boolean {
  for (let current = error as ErrorChain | undefined, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current.code === 'string' && UNAVAILABLE_CODES.has(current.code)) return true;
    if (typeof current.name === 'string' && UNAVAILABLE_NAMES.has(current.name)) return true;
    if (typeof current.message === 'string' && UNAVAILABLE_MESSAGES.test(current.message)) return true;
    // graphql-js wraps a thrown non-Error (pg throws plain objects on connect) in `thrownValue`.
    current = (current.driverError ?? current.originalError ?? current.cause ?? current.thrownValue) as ErrorChain | undefined;
  }
  return false;
}

/**
 * The `extensions.code` values of our own errors: the server's services throw them, the web client
 * decides what to say (and whether "Try again" can help) by them.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'TOO_MANY_REQUESTS',
  'TWO_FACTOR_REQUIRED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

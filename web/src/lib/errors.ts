import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { ErrorCode } from '@finance-tracker/common';

/** An API failure as the user reads it: one sentence for the form, one per field that caused it. */
export interface UserErrors {
  form?: string;
  fields: Record<string, string>;
  codes: string[];
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null;
}

const BY_CODE: Record<string, string> = {
  UNAUTHENTICATED: 'You need to sign in again.',
  NOT_FOUND: 'That item no longer exists; it may have been deleted.',
  PAYLOAD_TOO_LARGE: 'The file is too large.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side; nothing was changed. Please try again.',
};
const OFFLINE = 'The server cannot be reached. Check your connection and try again.';

/** The error's code as the server sets it: a string; anything else counts as none. */
function codeOf(error: GraphQLErrorLike): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** graphql-js wraps a bad variable as 'Variable "$input" got invalid value … at "input.amount"; <why>'. */
function humanMessage(error: GraphQLErrorLike): string {
  const code = codeOf(error) ?? '';
  const message = error.message.trim();
  if (/^Variable "\$\w+" got invalid value/.test(message)) {
    const reason = message.split('; ').slice(1).join('; ').trim();
    return reason && !/^Expected/.test(reason) ? reason : 'This value is not valid.';
  }
  if (code === 'BAD_USER_INPUT' || code === 'CONFLICT') return message;
  if (code === 'UNAUTHENTICATED' && /password/i.test(message)) return message;
  if (code === 'TOO_MANY_REQUESTS') return tooManyAttempts(error.extensions?.retryAfter);
  return BY_CODE[code] ?? message ?? BY_CODE.INTERNAL_SERVER_ERROR;
}

/** "Too many attempts. Please wait about 15 minutes and try again." from extensions.retryAfter (seconds). */
export function tooManyAttempts(retryAfter: unknown): string {
  const seconds = Math.ceil(Number(retryAfter));
  if (!Number.isFinite(seconds) || seconds <= 0) return 'Too many attempts. Please wait a few minutes and try again.';
  if (seconds < 60) return `Too many attempts. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Please wait about ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}

export function fromGraphQLErrors(errors: readonly GraphQLErrorLike[]): UserErrors {
  const result: UserErrors = { fields: {}, codes: [] };
  for (const error of errors) {
    const field = error.extensions?.field;
    result.codes.push(codeOf(error) ?? 'UNKNOWN');
    const sentence = humanMessage(error);
    if (typeof field === 'string' && field && !result.fields[field]) result.fields[field] = sentence;
    else result.form ??= sentence;
  }
  return result;
}

/** Errors from a request made outside Apollo (the receipt upload). */
export class GraphQLRequestError extends Error {
  constructor(readonly errors: GraphQLErrorLike[]) {
    super(errors[0]?.message ?? 'Request failed');
  }
}

/** Maps whatever Apollo (or our upload request) threw to what the user should read. */
export function toUserErrors(error: unknown): UserErrors {
  if (!error) return { fields: {}, codes: [] };
  if (CombinedGraphQLErrors.is(error)) return fromGraphQLErrors(error.errors);
  if (error instanceof GraphQLRequestError) return fromGraphQLErrors(error.errors);
  if (ServerError.is(error)) {
    const body = parseErrorBody(error.bodyText);
    if (body) return fromGraphQLErrors(body);
    return { form: error.statusCode === 413 ? BY_CODE.PAYLOAD_TOO_LARGE : BY_CODE.INTERNAL_SERVER_ERROR, fields: {}, codes: [`HTTP_${error.statusCode}`] };
  }
  if (error instanceof TypeError || (error instanceof Error && /fetch|network/i.test(error.message))) {
    return { form: OFFLINE, fields: {}, codes: ['NETWORK'] };
  }
  return { form: error instanceof Error ? error.message : BY_CODE.INTERNAL_SERVER_ERROR, fields: {}, codes: [] };
}

/** A non-2xx answer may still carry GraphQL errors in its body. */
export function parseErrorBody(text: string | undefined): GraphQLErrorLike[] | null {
  try {
    const body = JSON.parse(text ?? '') as { errors?: GraphQLErrorLike[] };
    return Array.isArray(body.errors) && body.errors.length ? body.errors : null;
  } catch {
    return null;
  }
}

/** One sentence for places that have no fields to point at (a list that failed to load). */
export function errorSentence(error: unknown): string {
  const mapped = toUserErrors(error);
  return mapped.form ?? Object.values(mapped.fields)[0] ?? BY_CODE.INTERNAL_SERVER_ERROR;
}

/** Our own codes (ErrorCode), and the client's: NETWORK, HTTP_<status>, INTERNAL_SERVER_ERROR. */
export function hasCode(error: unknown, code: ErrorCode | 'NETWORK' | 'INTERNAL_SERVER_ERROR'): boolean {
  return toUserErrors(error).codes.includes(code);
}

/** Codes of failures that may pass by themselves: a dependency down, the network, a proxy between. */
const RETRYABLE: ReadonlySet<string> = new Set<ErrorCode | 'NETWORK' | `HTTP_${number}`>(['SERVICE_UNAVAILABLE', 'NETWORK', 'HTTP_502', 'HTTP_503', 'HTTP_504']);

/** Whether "Try again" can help: not for a deleted item (NOT_FOUND) or a bad input (BAD_USER_INPUT). */
export function isRetryable(error: unknown): boolean {
  return toUserErrors(error).codes.some((code) => RETRYABLE.has(code));
}

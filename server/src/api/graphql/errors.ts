import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { AppMetrics } from '../http/metrics';
import { AppError, isUnavailableDependency, serviceUnavailable } from '../../lib/errors';
import { InvalidValueError } from './scalars';

/** Codes that graphql-js and Apollo attach themselves and that are safe to show as they are. */
const PASSTHROUGH_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  // graphql-upload-ts: an Upload variable that is not a file; the message names the variable.
  'INVALID_UPLOAD_VALUE',
]);

/** graphql-js reports a bad literal (enum value, scalar) as a validation error; to users it is bad input. */
const BAD_VALUE = /^(Expected value of type|Value ".*" does not exist in|Enum ".*" cannot represent|Variable "\$\w+" got invalid value|String cannot represent|Int cannot represent|Boolean cannot represent|ID cannot represent|Field ".*" of required type)/;

/** graphql-js's hints at names: 'Did you mean "amount"?', 'Did you mean the enum value "EXPENSE"?'. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Shapes every error the client sees: our domain errors keep their code and field, input errors
 * say which field, and anything unexpected is answered with a generic message (no driver text, no
 * stack); each answer is counted by code. With `hideSuggestions` (when introspection is off, as in
 * production) no message suggests a field, argument, type or enum value, so the schema cannot be
 * guessed from typos.
 */
export function createErrorFormatter(metrics: AppMetrics, { hideSuggestions = false } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answer = toClientError(formatted, error);
    const code = answer.extensions?.code;
    metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
    return hideSuggestions ? { ...answer, message: answer.message.replace(SUGGESTION, '') } : answer;
  };
}

const PERSISTED_QUERY_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/**
 * Apollo answers an unknown persisted query with HTTP 200 (so that proxies pass the error on);
 * it is the client's mistake, a 400 like the others. Apollo Client's persisted-query link reads
 * the errors of a 400 as well, and sends the full query.
 */
export function persistedQueryMissesAreBadRequests(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.length && errors.every((error) => PERSISTED_QUERY_CODES.has(String(error.extensions?.code)))) response.http.status = 400;
        },
      };
    },
  };
}

/** The observability plugin logged the unexpected ones already, with the request id. */
function toClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  const original = isUnavailableDependency(unwrapped) ? serviceUnavailable() : unwrapped;
  if (original instanceof AppError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.retryAfterSeconds ? { retryAfter: original.retryAfterSeconds } : {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASSTHROUGH_CODES.has(code)) {
    const isBadValue = BAD_VALUE.test(formatted.message) || causedBy(error, InvalidValueError);
    const field = isBadValue ? fieldOf(formatted.message) : undefined;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: isBadValue ? 'BAD_USER_INPUT' : code, ...(field ? { field } : {}) },
    };
  }
  // Apollo's own refusals of a request (a persisted query of another version or with a wrong hash)
  // carry a 4xx status but no code: they are written for clients.
  if (clientStatusOf(error)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  return {
    message: 'Something went wrong on our side; nothing was changed. Please try again.',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** An error Apollo made for a request it refused (it set a 4xx status): the client's mistake. */
export function clientStatusOf(error: unknown): boolean {
  const status = error instanceof GraphQLError ? (error.extensions?.http as { status?: unknown } | undefined)?.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function causedBy(error: unknown, type: new (...args: never[]) => Error): boolean {
  for (let current = error; current; current = (current as { originalError?: unknown }).originalError) {
    if (current instanceof type) return true;
  }
  return false;
}

/** "…got invalid value "x" at "input.amount"; …" names the field: amount. */
function fieldOf(message: string): string | undefined {
  const at = /at "([\w.[\]]+)"/.exec(message)?.[1];
  if (at) return at.split('.').pop()?.replace(/\[\d+\]$/, '');
  const variable = /Variable "\$(\w+)"/.exec(message)?.[1];
  return variable;
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { AppMetrics } from '../http/metrics';
import { AppError } from '../../lib/errors';
import type { RequestContext } from './context';
import { clientStatusOf } from './errors';
import { InvalidValueError } from './scalars';

/**
 * Times each GraphQL operation by name, and logs unexpected errors with the request's id (the
 * client only sees a generic message for those).
 */
export function observabilityPlugin(metrics: AppMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const end = metrics.graphqlDuration.startTimer();
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const original = error.originalError;
            const expected =
              original instanceof AppError || original instanceof InvalidValueError || typeof error.extensions?.code === 'string' || clientStatusOf(error);
            if (!expected) contextValue.req.log?.error({ err: original ?? error, path: error.path }, 'unexpected error in a GraphQL operation');
          }
        },
        async willSendResponse({ operation, operationName, response }) {
          // A throttled sign-in tells the client when to try again, in the header too.
          if (response.body.kind === 'single') {
            const retryAfter = response.body.singleResult.errors?.find((error) => error.extensions?.retryAfter)?.extensions?.retryAfter;
            if (typeof retryAfter === 'number' || typeof retryAfter === 'string') response.http.headers.set('retry-after', String(retryAfter));
          }
          end({ operation: metrics.operationLabel(operationName ?? operation?.name?.value), type: operation?.operation ?? 'unknown' });
        },
      };
    },
  };
}

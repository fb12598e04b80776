import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';

const MAX_TOKENS = 2000;

/**
 * Limits on what one GraphQL document may ask for (depth, cost, aliases, directives, tokens), so a
 * single request cannot make the server do unbounded work. The work each field does is bounded
 * apart, with the variables known (see work-limit.ts).
 *
 * The token limit is graphql-js's own parse option: graphql-armor's max-tokens plugin parses in a
 * hook Apollo does not guard, so its error (and any syntax error) became an HTTP 500. Suggestions
 * ("Did you mean …") are removed by the error formatter, which also sees enum values and
 * variables, which graphql-armor's plugin misses.
 */
export function graphqlArmor(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[]; parseOptions: ParseOptions } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: 10 },
    costLimit: { maxCost: 5000, objectCost: 2, scalarCost: 1, depthCostFactor: 1 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules: [...validationRules, noSubscriptions], parseOptions: { maxTokens: MAX_TOKENS } };
}

/** The schema has no subscriptions; graphql-js would only notice while executing (a 500). */
const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') context.reportError(new GraphQLError('This API has no subscriptions.', { nodes: [node] }));
  },
});

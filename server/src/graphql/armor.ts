import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one GraphQL document may ask for (depth, cost, aliases, directives, tokens), so a
 * single request cannot make the server do unbounded work. Field suggestions ("did you mean …")
 * are hidden when introspection is off, so the schema cannot be guessed from error messages.
 */
export function graphqlArmor(hideSuggestions: boolean) {
  return new ApolloArmor({
    maxDepth: { n: 10 },
    costLimit: { maxCost: 5000, objectCost: 2, scalarCost: 1, depthCostFactor: 1 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 2000 },
    blockFieldSuggestion: { enabled: hideSuggestions },
  }).protect();
}

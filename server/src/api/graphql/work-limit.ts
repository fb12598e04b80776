import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What one request may cost in all: about ninety dashboards of a year, or eight pages of 200 with a count. */
export const MAX_WORK = 2000;

/** A dashboard sums every transaction of its period: its cost grows with the period, counted up to a century. */
const DASHBOARD_BASE = 10;
const DASHBOARD_MAX_MONTHS = 1200;
/**
 * A page reads `first` rows. A count under a search reads every row of the user (as a long
 * dashboard does); other counts read an index range or the per-account counters.
 */
const PAGE_BASE = 10;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const SEARCH_COUNT = 300;
const COUNT = 40;

type Arguments = Record<string, unknown>;
/** The cost of one field where the work it does depends on its arguments; other fields cost nothing here. */
const FIELD_COSTS: Record<string, (args: Arguments, now: Date, parentArgs: Arguments) => number> = {
  'Query.dashboard': (args, now) => DASHBOARD_BASE + Math.min(monthsOf(args.from, args.to, now), DASHBOARD_MAX_MONTHS),
  'Query.transactions': (args) => PAGE_BASE + Math.min(Math.max(Number(args.first ?? DEFAULT_PAGE_SIZE) || 0, 0), MAX_PAGE_SIZE),
  'TransactionConnection.totalCount': (_args, _now, connection) => (searchOf(connection.filter) ? SEARCH_COUNT : COUNT),
  // A page of preview rows reads `first` stored rows (their matched transactions in one more query).
  'ImportPreview.rows': (args) => PAGE_BASE + Math.min(Math.max(Number(args.first ?? DEFAULT_PAGE_SIZE) || 0, 0), MAX_PAGE_SIZE),
};

/**
 * Bounds the work one request may ask for, with its variables known, before anything runs:
 * fifteen aliases of a dashboard over 1900-2999 are refused, a dashboard of a year costs 22.
 * graphql-armor's cost limit counts the fields a document names, not what each one does.
 * Fields are counted wherever they appear (fragments once per spread, @include/@skip ignored).
 */
export function workLimit(maxWork = MAX_WORK): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation: graphql-js refuses the request when it runs (OPERATION_RESOLUTION_FAILURE).
          if (!operation) return;
          const work = workOf(schema, document, operation, request.variables ?? {});
          if (work > maxWork) {
            throw new GraphQLError(
              `This request asks for too much work at once (cost ${work}, at most ${maxWork}): ask for shorter dashboard periods, smaller pages or fewer aliases.`,
              { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: work, maxCost: maxWork, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

/** The cost of the operation with these variables (as sent, when they are wrong: execution will say why). */
export function workOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, now = new Date()): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = schema.getRootType(operation.operation);
  const walk = { fragments, variables: coerced.errors ? variables : coerced.coerced, now, depth: 0, parentArgs: {}, priced: pricedTypesOf(schema) };
  return root ? costOf(operation.selectionSet, root, walk) : 0;
}

const pricedTypesBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/**
 * The object types with a priced field at or below them: a selection on any other type costs
 * nothing, so a page's rows (Transaction and what hangs off it) are not walked on every request.
 */
function pricedTypesOf(schema: GraphQLSchema): ReadonlySet<string> {
  const known = pricedTypesBySchema.get(schema);
  if (known) return known;
  const objects = Object.values(schema.getTypeMap()).filter(isObjectType);
  const priced = new Set(Object.keys(FIELD_COSTS).map((key) => key.split('.')[0]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const type of objects) {
      if (priced.has(type.name)) continue;
      if (Object.values(type.getFields()).some((field) => priced.has(getNamedType(field.type).name))) {
        priced.add(type.name);
        grew = true;
      }
    }
  }
  pricedTypesBySchema.set(schema, priced);
  return priced;
}

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  now: Date;
  depth: number;
  /** The arguments of the field whose selection this is: a connection's filter prices its count. */
  parentArgs: Arguments;
  /** The types worth walking into (pricedTypesOf). */
  priced: ReadonlySet<string>;
}

function costOf(selectionSet: SelectionSetNode, parent: GraphQLNamedType, walk: Walk): number {
  // Validation has refused fragment cycles and deep documents already; this is a guard, not a rule.
  if (walk.depth > 50) return 0;
  const inner = { ...walk, depth: walk.depth + 1 };
  let cost = 0;
  for (const selection of selectionSet.selections) {
    // The schema has object types only: a valid fragment's condition is the parent type itself.
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment) cost += costOf(fragment.selectionSet, parent, inner);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += costOf(selection.selectionSet, parent, inner);
    } else if (isObjectType(parent)) {
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      // Only priced fields read their arguments (a field's children see them as parentArgs): the rest of
      // a document is walked without coercing arguments nobody prices, on every request.
      const price = FIELD_COSTS[`${parent.name}.${field.name}`];
      let args: Arguments = {};
      if (price) {
        try {
          args = getArgumentValues(field, selection, walk.variables);
        } catch {
          // An argument execution will refuse: priced at its defaults.
        }
        cost += price(args, walk.now, walk.parentArgs);
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && walk.priced.has(type.name)) cost += costOf(selection.selectionSet, type, { ...inner, parentArgs: args });
    }
  }
  return cost;
}

function searchOf(filter: unknown): boolean {
  const search = (filter as { search?: unknown } | null | undefined)?.search;
  return typeof search === 'string' && search.trim() !== '';
}

/** Months touched by from..to (both YYYY-MM-DD), each defaulting to the current month as the dashboard does. */
function monthsOf(from: unknown, to: unknown, now: Date): number {
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const month = (value: unknown) => {
    const match = typeof value === 'string' ? /^(\d{4})-(\d{2})/.exec(value) : null;
    return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : current;
  };
  return Math.max(month(to) - month(from) + 1, 1);
}

import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import {
  execute,
  getVariableValues,
  GraphQLError,
  printSchema,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Variables = Record<string, unknown>;

/** A query compiled by graphql-jit, with the default values of its variables. */
interface CompiledOperation {
  query: CompiledQuery;
  defaults: [name: string, value: unknown][];
}

/**
 * Runs queries through graphql-jit, which compiles a document into plain JS once and then resolves
 * it without graphql-js's per-field interpretation: about half of the execution cost of a page of
 * transactions. Apollo accepts a custom executor only through its gateway interface, so this is a
 * one-schema "gateway" that never changes its schema; parsing, validation (with the depth and cost
 * limits), plugins and error formatting stay Apollo's, and Apollo's document cache hands back the
 * same parsed document for the same query text, which keys the compiled ones here.
 *
 * Compiling costs about as much as validating, once per distinct document. Mutations stay on
 * graphql-js: they are not the hot path, and they carry file uploads.
 */
export class CompiledQueryExecutor implements GatewayInterface {
  /** By document, then operation name ('' for an anonymous one); null: it does not compile. */
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledOperation | null>>();

  constructor(
    private readonly schema: GraphQLSchema,
    /** Told which executor ran each operation (counted on /metrics). */
    private readonly onExecuted: (executor: 'compiled' | 'graphql-js') => void = () => {},
  ) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    callback({ apiSchema: this.schema, coreSupergraphSdl: printSchema(this.schema) });
    return () => {};
  }

  async load(): Promise<{ executor: GatewayExecutor }> {
    return { executor: (requestContext) => Promise.resolve(this.execute(requestContext)) };
  }

  async stop(): Promise<void> {}

  private async execute({ document, operation, context, request }: Parameters<GatewayExecutor>[0]): Promise<ExecutionResult> {
    const runByGraphQLJs = () => {
      this.onExecuted('graphql-js');
      // The name the client sent: Apollo's own is null when it named no operation of the document.
      return execute({ schema: this.schema, document, operationName: request.operationName, contextValue: context, variableValues: request.variables });
    };
    // No operation (several without an operationName, or an unknown name): graphql-js says why, and
    // Apollo answers that as the client's mistake.
    const compiled = operation?.operation === 'query' ? this.compiledFor(document, operation) : null;
    if (!compiled) return runByGraphQLJs();
    const result = await compiled.query.query(undefined, context, withDefaults(request.variables, compiled.defaults));
    if (result.data !== undefined) {
      this.onExecuted('compiled');
      return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
    }
    // No data: graphql-jit refused the variables. graphql-js says why in its own words (which Apollo
    // answers as BAD_USER_INPUT), or, where it accepts them, runs the query itself.
    const checked = getVariableValues(this.schema, operation.variableDefinitions ?? [], request.variables ?? {});
    return checked.errors ? { errors: checked.errors } : runByGraphQLJs();
  }

  private compiledFor(document: DocumentNode, operation: OperationDefinitionNode): CompiledOperation | null {
    const name = operation.name?.value ?? '';
    const operations = this.compiled.get(document) ?? new Map<string, CompiledOperation | null>();
    if (operations.has(name)) return operations.get(name) ?? null;
    let compiled: CompiledOperation | null = null;
    try {
      const query = compileQuery(this.schema, document, name || undefined);
      if (isCompiledQuery(query)) compiled = { query, defaults: defaultsOf(operation) };
    } catch {
      // A document graphql-jit cannot compile simply stays on graphql-js.
    }
    this.compiled.set(document, operations.set(name, compiled));
    return compiled;
  }
}

/**
 * graphql-jit's errors lack the `extensions` object graphql-js's always have, which Apollo's error
 * formatting reads: the same error, made by graphql-js.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  return Object.assign(copy, { locations: error.locations });
}

/** `$withTotal: Boolean! = true`: the literal default, as if the client had sent it. */
function defaultsOf(operation: OperationDefinitionNode): [string, unknown][] {
  return (operation.variableDefinitions ?? [])
    .filter((definition) => definition.defaultValue !== undefined)
    .map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)]);
}

/**
 * graphql-jit refuses a non-null variable that has a default but was not sent (graphql-js applies
 * the default, as the spec says), so the defaults of missing variables are filled in first.
 */
function withDefaults(variables: Variables | undefined, defaults: [string, unknown][]): Variables {
  if (defaults.length === 0) return variables ?? {};
  const complete: Variables = { ...variables };
  for (const [name, value] of defaults) if (complete[name] === undefined) complete[name] = value;
  return complete;
}

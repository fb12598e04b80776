export interface WebOperation {
  kind: 'query' | 'mutation' | 'subscription';
  /** The operation with every fragment it uses, as the web client sends it. */
  document(): string;
}

/** Every operation of web/src/graphql by name (root: the repository, by default the one holding test-kit). */
export declare function loadWebOperations(root?: string): Map<string, WebOperation>;

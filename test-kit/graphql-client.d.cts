export interface GraphQLResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** fetch with a cookie jar, like a browser; every request goes to baseUrl. */
export declare class ApiClient {
  baseUrl: string;
  cookie: string | null;
  constructor(baseUrl: string);
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Like gql, but throws when there are errors: for the arrange steps of a test. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The GraphQL multipart request spec, as Apollo's upload link sends it. */
  upload<T = any>(query: string, variables: Record<string, unknown>, file: { name: string; type: string; body: Buffer }, fileVariable?: string): Promise<GraphQLResult<T>>;
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
}

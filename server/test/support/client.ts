/** A signed-in (or not) user's view of the API: fetch with a cookie jar, like a browser. */
export interface GraphQLResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export class ApiClient {
  cookie: string | null = null;

  constructor(public baseUrl: string) {}

  async gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
    const response = await this.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResult<T>;
    return { ...body, status: response.status };
  }

  /** Like gql, but throws when there are errors: for the arrange steps of a test. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.gql<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** The GraphQL multipart request spec, as Apollo's upload link sends it. */
  async upload<T = any>(
    query: string,
    variables: Record<string, unknown>,
    file: { name: string; type: string; body: Buffer },
    fileVariable = 'file',
  ): Promise<GraphQLResult<T>> {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query, variables: { ...variables, [fileVariable]: null } }));
    form.append('map', JSON.stringify({ 0: [`variables.${fileVariable}`] }));
    form.append('0', new Blob([file.body], { type: file.type }), file.name);
    const response = await this.fetch('/graphql', {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true' },
      body: form,
    });
    const text = await response.text();
    let body: Omit<GraphQLResult<T>, "status">;
    try {
      body = JSON.parse(text) as GraphQLResult<T>;
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { ...body, status: response.status };
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const response = await fetch(`${this.baseUrl}${pathname}`, { ...init, headers, redirect: 'manual' });
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const pair = line.split(';')[0];
      const cleared = /expires=Thu, 01 Jan 1970/i.test(line) || pair.endsWith('=');
      this.cookie = cleared ? null : pair;
    }
    return response;
  }
}

export const USER_FIELDS = 'id email name currency createdAt';

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@example.com`;
}

/** Registers a new user and returns their signed-in client. */
export async function signUp(
  baseUrl: string,
  overrides: Partial<{ email: string; password: string; name: string; currency: string }> = {},
): Promise<{ client: ApiClient; user: { id: string; email: string; name: string; currency: string }; password: string }> {
  const client = new ApiClient(baseUrl);
  const input = { email: uniqueEmail(), password: 'correct horse battery', name: 'Ada', currency: 'USD', ...overrides };
  const data = await client.ok(`mutation ($input: RegisterInput!) { register(input: $input) { ${USER_FIELDS} } }`, { input });
  return { client, user: data.register, password: input.password };
}

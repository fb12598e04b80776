import { ApiClient } from '../../../test-kit/graphql-client.cjs';

/** A signed-in (or not) user's view of the API: the test kit's client, and a sign-up that returns one. */
export { ApiClient, type GraphQLResult } from '../../../test-kit/graphql-client.cjs';

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

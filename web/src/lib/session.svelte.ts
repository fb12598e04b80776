import { LoginDocument, LogoutDocument, MeDocument, RegisterDocument, type MeQuery, type RegisterInput } from '../graphql/generated/graphql';
import { client } from './apollo';

export type Me = NonNullable<MeQuery['me']>;

/** Who is signed in; `ready` turns true once the server has answered. */
export const session = $state({ user: null as Me | null, ready: false, failed: false });

export async function loadSession(): Promise<void> {
  try {
    const { data } = await client.query({ query: MeDocument, fetchPolicy: 'network-only' });
    session.user = data?.me ?? null;
    session.failed = false;
  } catch {
    session.failed = true;
  } finally {
    session.ready = true;
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  await client.clearStore();
  const { data } = await client.mutate({ mutation: LoginDocument, variables: { email, password } });
  session.user = data?.login ?? null;
}

export async function signUp(input: RegisterInput): Promise<void> {
  await client.clearStore();
  const { data } = await client.mutate({ mutation: RegisterDocument, variables: { input } });
  session.user = data?.register ?? null;
}

/** Forget everything cached for this user, so the next one on this browser sees none of it. */
export async function signOut(): Promise<void> {
  try {
    await client.mutate({ mutation: LogoutDocument });
  } finally {
    await client.clearStore();
    session.user = null;
  }
}

import { LoginDocument, LogoutDocument, MeDocument, RegisterDocument, type MeQuery, type RegisterInput } from '../graphql/generated/graphql';
import { client } from './apollo';
import { navigate } from './router.svelte';

export type Me = NonNullable<MeQuery['me']>;

/** Who is signed in; `ready` turns true once the server has answered. */
export const session = $state({ user: null as Me | null, ready: false, failed: false });

/** A sentence for the sign-in page after the session ended on purpose ("Your account was deleted."). */
export const signInNotice = $state({ message: '' });

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

/** `otp` is the second step when two-factor sign-in is on: an authenticator code or a recovery code. */
export async function signIn(email: string, password: string, otp?: string): Promise<void> {
  await client.clearStore();
  const { data } = await client.mutate({ mutation: LoginDocument, variables: { email, password, otp: otp || null } });
  signInNotice.message = '';
  session.user = data?.login ?? null;
}

export async function signUp(input: RegisterInput): Promise<void> {
  await client.clearStore();
  const { data } = await client.mutate({ mutation: RegisterDocument, variables: { input } });
  session.user = data?.register ?? null;
}

/** The server ended the session itself (the account is gone): forget it here and explain why. */
export async function sessionEnded(message: string): Promise<void> {
  // All in one turn, before App's redirect runs: otherwise it would add ?next=<this page>.
  signInNotice.message = message;
  session.user = null;
  navigate('/signin', { replace: true });
  await client.clearStore();
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

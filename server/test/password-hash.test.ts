import { loadConfig } from '../src/config';
import { ApiClient, signUp } from './support/client';
import { startTestApp, type RunningApp } from './support/test-app';

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { id } }';
const CHANGE_PASSWORD = 'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }';

async function storedHash(running: RunningApp, email: string): Promise<string> {
  const [row] = await running.app.dataSource.query<{ password_hash: string }[]>(
    running.config.database.kind === 'postgres' ? 'SELECT password_hash FROM users WHERE email = $1' : 'SELECT password_hash FROM users WHERE email = ?',
    [email],
  );
  return row.password_hash;
}

/** PASSWORD_HASH_COST picks the argon2id parameters of new hashes; a hash made under either verifies under the other. */
test('new hashes take the configured cost, and users signed up under one cost sign in under the other', async () => {
  expect(loadConfig({}).passwordHashCost).toBe('default');
  expect(() => loadConfig({ PASSWORD_HASH_COST: 'none' })).toThrow(/PASSWORD_HASH_COST/);

  const strong = await startTestApp({ PASSWORD_HASH_COST: 'default' });
  let signedUp: Awaited<ReturnType<typeof signUp>>;
  try {
    signedUp = await signUp(strong.baseUrl);
    expect(await storedHash(strong, signedUp.user.email)).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
  } finally {
    await strong.stop();
  }
  const { user, password } = signedUp;

  const light = await startTestApp({ PASSWORD_HASH_COST: 'minimum' }, { ...strong.environment, PASSWORD_HASH_COST: 'minimum' });
  try {
    const client = new ApiClient(light.baseUrl);
    await client.ok(LOGIN, { email: user.email, password });
    await client.ok(CHANGE_PASSWORD, { c: password, n: 'a new long passphrase' });
    expect(await storedHash(light, user.email)).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const again = new ApiClient(light.baseUrl);
    expect((await again.gql(LOGIN, { email: user.email, password })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await again.ok(LOGIN, { email: user.email, password: 'a new long passphrase' });
  } finally {
    await light.destroy();
  }
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createCore } from '../src/core';
import { createLogger } from '../src/logger';
import { sessionCookieName } from '../src/sessions/session-cookie';
import { freshBackendEnvironment } from './support/backends';
import { ApiClient, signUp, USER_FIELDS } from './support/client';
import { startTestApp } from './support/test-app';

/**
 * One composition root (core.ts) for the app and the scripts: what a script writes through its
 * core is what the app, built on the same core, serves.
 */
test("a script's core writes through the app's services, unlimited by the sign-up limit, and the app serves it", async () => {
  const environment: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'finance-core-')),
    LOG_LEVEL: 'silent',
    PORT: '0',
    RATE_LIMIT_REGISTER_PER_IP: '1',
    ...(await freshBackendEnvironment()),
  };
  const core = await createCore(loadConfig(environment), createLogger({ logLevel: 'silent' }), { forScript: true });
  try {
    expect(core.sessions).toBeNull();
    for (const email of ['first@example.com', 'second@example.com']) {
      await core.services.users.register({ email, password: 'correct horse battery', name: 'Ada', currency: 'EUR' }, { ip: 'script' });
    }
  } finally {
    await core.close();
  }

  const running = await startTestApp({}, environment);
  try {
    const client = new ApiClient(running.baseUrl);
    const { login } = await client.ok(`mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ${USER_FIELDS} } }`, {
      email: 'second@example.com',
      password: 'correct horse battery',
    });
    expect(login).toMatchObject({ email: 'second@example.com', currency: 'EUR' });
  } finally {
    await running.destroy();
  }
});

test('the session cookie set at sign-in is the one cleared at sign-out, under the name sessions/ gives it', async () => {
  const running = await startTestApp();
  try {
    const register = await new ApiClient(running.baseUrl).fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: RegisterInput!) { register(input: $input) { id } }',
        variables: { input: { email: 'cookie@example.com', password: 'correct horse battery', name: 'Ada', currency: 'USD' } },
      }),
    });
    const [setAtSignIn] = register.headers.getSetCookie();
    expect(setAtSignIn.split('=')[0]).toBe(sessionCookieName(false));

    const { client } = await signUp(running.baseUrl);
    const logout = await client.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    const [clearedAtSignOut] = logout.headers.getSetCookie();
    expect(clearedAtSignOut).toMatch(new RegExp(`^${sessionCookieName(false).replace('.', '\\.')}=;.*Expires=Thu, 01 Jan 1970`));
    expect(client.cookie).toBeNull();
  } finally {
    await running.destroy();
  }
});

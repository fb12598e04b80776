import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ApiClient, signUp, uniqueEmail, USER_FIELDS } from './support/client';
import { receiptFiles } from './support/fixtures';
import { codeOf, CREATE_TRANSACTION, fieldOf, LIST_TRANSACTIONS, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${USER_FIELDS} } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { id } }`;
const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { id } }`;

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

describe('passwords', () => {
  test.each(['password123', 'Password1', 'qwertyuiop', 'iloveyou', '1q2w3e4r5t'])('the common password %s is refused', async (password) => {
    const result = await new ApiClient(running.baseUrl).gql(REGISTER, { input: { email: uniqueEmail(), password, name: 'C' } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('password');
  });

  test('length counts characters, not bytes: 8 emoji are enough, 129 letters too many', async () => {
    const client = new ApiClient(running.baseUrl);
    expect((await client.gql(REGISTER, { input: { email: uniqueEmail(), password: '🔑🌍🎉🐈🍕🚲🌵🎸', name: 'E' } })).errors).toBeUndefined();
    expect(codeOf(await client.gql(REGISTER, { input: { email: uniqueEmail(), password: '🔑🌍🎉🐈🍕🚲🌵', name: 'E' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await client.gql(REGISTER, { input: { email: uniqueEmail(), password: 'a'.repeat(129), name: 'E' } }))).toBe('BAD_USER_INPUT');
    expect((await client.gql(REGISTER, { input: { email: uniqueEmail(), password: 'ü'.repeat(128), name: 'E' } })).errors).toBeUndefined();
  });

  test('changing the password needs the current one, keeps this session on a new id and ends every other', async () => {
    const { client, user, password } = await signUp(running.baseUrl);
    const otherDevice = new ApiClient(running.baseUrl);
    await otherDevice.ok(LOGIN, { email: user.email, password });

    const wrong = await client.gql(CHANGE_PASSWORD, { current: 'not my password', next: 'a brand new passphrase' });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(fieldOf(wrong)).toBe('currentPassword');
    expect(codeOf(await client.gql(CHANGE_PASSWORD, { current: password, next: 'password1' }))).toBe('BAD_USER_INPUT');
    expect((await otherDevice.ok('{ me { id } }')).me).not.toBeNull();

    const before = client.cookie;
    await client.ok(CHANGE_PASSWORD, { current: password, next: 'a brand new passphrase' });
    expect(client.cookie).not.toBe(before);
    expect((await client.ok('{ me { id } }')).me.id).toBe(user.id);
    expect((await otherDevice.ok('{ me { id } }')).me).toBeNull();
    const replay = new ApiClient(running.baseUrl);
    replay.cookie = before;
    expect((await replay.ok('{ me { id } }')).me).toBeNull();

    expect(codeOf(await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password }))).toBe('UNAUTHENTICATED');
    expect((await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password: 'a brand new passphrase' })).errors).toBeUndefined();
  });
});

describe('deleting one’s own account', () => {
  test('needs the password, then removes every row and every receipt file of the user, and nobody else’s', async () => {
    const { client, user, password } = await signUp(running.baseUrl);
    const { client: neighbour } = await signUp(running.baseUrl);
    for (const c of [client, neighbour]) {
      const transactionId = (await c.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '-5.00' } })).createTransaction.id;
      expect((await c.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.png)).errors).toBeUndefined();
    }
    const keysOf = async (userId: string) => {
      const keys: string[] = [];
      for await (const { key } of running.app.storage.listKeys()) if (key.startsWith(`${userId}/`)) keys.push(key);
      return keys;
    };
    expect(await keysOf(user.id)).toHaveLength(1);

    const refused = await client.gql('mutation ($p: String!) { deleteMe(password: $p) }', { p: 'wrong password' });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect((await client.ok(LIST_TRANSACTIONS)).transactions.totalCount).toBe(1);

    expect((await client.ok('mutation ($p: String!) { deleteMe(password: $p) }', { p: password })).deleteMe).toBe(true);
    expect(client.cookie).toBeNull();
    expect(await keysOf(user.id)).toEqual([]);
    for (const table of ['users', 'accounts', 'categories', 'transactions', 'receipts']) {
      const column = table === 'users' ? 'id' : 'user_id';
      const [{ count }] = await running.app.dataSource.query(`SELECT COUNT(*) AS count FROM ${table} WHERE ${column} = ${Number(user.id)}`);
      expect(Number(count)).toBe(0);
    }
    expect(codeOf(await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password }))).toBe('UNAUTHENTICATED');
    expect((await neighbour.ok(LIST_TRANSACTIONS)).transactions.totalCount).toBe(1);
  });
});

test('an idle session ends after its max age; use keeps it alive', async () => {
  const idle = await startTestApp({ SESSION_MAX_AGE_DAYS: String(1.2 / 86400) });
  try {
    const { client } = await signUp(idle.baseUrl);
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await client.ok('{ me { id } }')).me).not.toBeNull();
    }
    // Redis rounds the TTL up to whole seconds: wait past two.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await client.ok('{ me { id } }')).me).toBeNull();
  } finally {
    await idle.destroy();
  }
});

test('a session ends after the absolute timeout however active it is', async () => {
  const shortLived = await startTestApp({ SESSION_ABSOLUTE_DAYS: String(1.5 / 86400) });
  try {
    const { client } = await signUp(shortLived.baseUrl);
    expect((await client.ok('{ me { id } }')).me).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await client.ok('{ me { id } }')).me).toBeNull();
    expect(codeOf(await client.gql(LIST_TRANSACTIONS))).toBe('UNAUTHENTICATED');
  } finally {
    await shortLived.destroy();
  }
});

test('over HTTPS the cookie is __Host- prefixed, Secure, HttpOnly, SameSite=Lax and host-only', async () => {
  const secure = await startTestApp({ COOKIE_SECURE: 'true' });
  try {
    const response = await fetch(`${secure.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ query: REGISTER, variables: { input: { email: uniqueEmail(), password: 'long enough pw', name: 'S' } } }),
    });
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/^__Host-ft\.sid=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  } finally {
    await secure.destroy();
  }
});

describe('HTTP headers', () => {
  test('security headers on pages and API answers', async () => {
    const dist = fakeWebBuild();
    const withClient = await startTestApp({ WEB_DIST_DIR: dist });
    try {
      for (const pathname of ['/', '/transactions', '/graphql?query=%7B__typename%7D', '/healthz']) {
        const response = await fetch(`${withClient.baseUrl}${pathname}`, {
          headers: { 'apollo-require-preflight': 'true', accept: pathname.startsWith('/graphql') ? 'application/json' : 'text/html' },
        });
        expect(response.status).toBe(200);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    } finally {
      await withClient.destroy();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  test("API answers are not hashed for an ETag; the client's files keep their validators", async () => {
    const dist = fakeWebBuild();
    const withClient = await startTestApp({ WEB_DIST_DIR: dist });
    try {
      const api = await fetch(`${withClient.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(api.status).toBe(200);
      expect(api.headers.get('etag')).toBeNull();
      const page = await fetch(`${withClient.baseUrl}/`, { headers: { accept: 'text/html' } });
      const etag = page.headers.get('etag');
      expect(etag).toBeTruthy();
      // A browser's revalidation (fetch() would add "no-cache" to a request with If-None-Match).
      const revalidation = await fetch(`${withClient.baseUrl}/`, { headers: { accept: 'text/html', 'if-none-match': etag!, 'cache-control': 'max-age=0' } });
      expect(revalidation.status).toBe(304);
    } finally {
      await withClient.destroy();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  test('CORS is closed by default and opens only to the configured origins', async () => {
    const preflight = (base: string, origin: string) =>
      fetch(`${base}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect((await preflight(running.baseUrl, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const open = await startTestApp({ CORS_ORIGINS: 'https://app.example.com' });
    try {
      const allowed = await preflight(open.baseUrl, 'https://app.example.com');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      expect((await preflight(open.baseUrl, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.destroy();
    }
  });
});

describe('GraphQL abuse', () => {
  test('documents that are too deep, have too many aliases or are too long are refused before running', async () => {
    const { client } = await signUp(running.baseUrl);
    let deep = 'id';
    for (let i = 0; i < 12; i += 1) deep = `transaction { id receipts { ${deep} } }`;
    const tooDeep = await client.gql(`{ transactions { edges { node { receipts { ${deep} } } } } }`);
    expect(codeOf(tooDeep)).toBe('GRAPHQL_VALIDATION_FAILED');
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: accounts { id }`).join(' ');
    expect(codeOf(await client.gql(`{ ${aliases} }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    const fields = Array.from({ length: 1200 }, () => 'id').join(' ');
    expect(codeOf(await client.gql(`{ accounts { ${fields} } }`))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('array batching is off', async () => {
    const { client } = await signUp(running.baseUrl);
    const response = await client.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(response.status).toBe(400);
  });

  test('a body over 1 MB is refused', async () => {
    const response = await fetch(`${running.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
  });

  test('in production, introspection is off and field suggestions are hidden', async () => {
    const production = await startTestApp({ NODE_ENV: 'production' });
    try {
      const client = new ApiClient(production.baseUrl);
      const introspection = await client.gql('{ __schema { types { name } } }');
      expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await client.gql('{ acounts { id } }');
      expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/i);
      const devTypo = await new ApiClient(running.baseUrl).gql('{ acounts { id } }');
      expect(JSON.stringify(devTypo.errors)).toMatch(/Did you mean/i);
      expect((await new ApiClient(running.baseUrl).gql('{ __schema { queryType { name } } }')).errors).toBeUndefined();
    } finally {
      await production.destroy();
    }
  });
});

/** A stand-in for web/dist, which a fresh clone has not built yet when the server tests run. */
function fakeWebBuild(): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-web-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(dist, 'playground.html'), '<!doctype html><title>playground</title>');
  fs.writeFileSync(path.join(dist, 'playground.html.br'), zlib.brotliCompressSync('<!doctype html><title>playground</title>'));
  return dist;
}

test('the playground page is served with introspection, and not in production by default', async () => {
  const dist = fakeWebBuild();
  const development = await startTestApp({ WEB_DIST_DIR: dist });
  const production = await startTestApp({ WEB_DIST_DIR: dist, NODE_ENV: 'production' });
  const productionWithPlayground = await startTestApp({ WEB_DIST_DIR: dist, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
  try {
    expect((await fetch(`${development.baseUrl}/playground.html`)).status).toBe(200);
    expect((await fetch(`${production.baseUrl}/playground.html`)).status).toBe(404);
    // Neither compressed, nor by its compressed copy's own name.
    expect((await fetch(`${production.baseUrl}/playground.html`, { headers: { 'accept-encoding': 'br' } })).status).toBe(404);
    expect((await fetch(`${production.baseUrl}/playground.html.br`)).status).toBe(404);
    expect((await fetch(`${development.baseUrl}/playground.html`, { headers: { 'accept-encoding': 'br' } })).headers.get('content-encoding')).toBe('br');
    expect((await fetch(`${productionWithPlayground.baseUrl}/playground.html`)).status).toBe(200);
    // The app itself is served everywhere, with index.html for client-side routes.
    expect(await (await fetch(`${production.baseUrl}/transactions?search=x`, { headers: { accept: 'text/html' } })).text()).toContain('<title>app</title>');
  } finally {
    for (const app of [development, production, productionWithPlayground]) await app.destroy();
    fs.rmSync(dist, { recursive: true, force: true });
  }
});

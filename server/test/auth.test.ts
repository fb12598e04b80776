import { ApiClient, signUp, uniqueEmail, USER_FIELDS } from './support/client';
import { codeOf, fieldOf, LIST_ACCOUNTS, LIST_CATEGORIES } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${USER_FIELDS} } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ${USER_FIELDS} } }`;
const ME = `{ me { ${USER_FIELDS} } }`;

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

describe('registration', () => {
  test('creates the user, signs them in, and gives them a Cash account and starter categories', async () => {
    const client = new ApiClient(running.baseUrl);
    const email = uniqueEmail('  New.Person');
    const result = await client.gql(REGISTER, { input: { email: `  ${email}  `, password: 'long enough pw', name: 'Grace', currency: 'eur' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.register).toMatchObject({ email: email.trim(), name: 'Grace', currency: 'EUR' });
    expect(new Date(result.data.register.createdAt).toISOString()).toBe(result.data.register.createdAt);

    const me = await client.ok(ME);
    expect(me.me.id).toBe(result.data.register.id);
    const { accounts } = await client.ok(LIST_ACCOUNTS);
    expect(accounts).toEqual([expect.objectContaining({ name: 'Cash', currency: 'EUR', balance: '0.00', openingBalance: '0.00', archived: false })]);
    const { categories } = await client.ok(LIST_CATEGORIES);
    const names = categories.map((category: { name: string }) => category.name);
    expect(names).toEqual(expect.arrayContaining(['Groceries', 'Rent', 'Transport', 'Eating out', 'Salary']));
    expect(categories.find((category: { name: string }) => category.name === 'Salary').kind).toBe('INCOME');
  });

  test('defaults the currency to USD', async () => {
    const client = new ApiClient(running.baseUrl);
    const data = await client.ok(REGISTER, { input: { email: uniqueEmail(), password: 'long enough pw', name: 'Lin' } });
    expect(data.register.currency).toBe('USD');
  });

  test('a taken email (in any letter case) is a CONFLICT and creates nothing', async () => {
    const { user } = await signUp(running.baseUrl);
    const client = new ApiClient(running.baseUrl);
    const result = await client.gql(REGISTER, { input: { email: user.email.toUpperCase(), password: 'another password', name: 'Copy' } });
    expect(codeOf(result)).toBe('CONFLICT');
    expect(fieldOf(result)).toBe('email');
    expect(client.cookie).toBeNull();
    expect((await client.gql(ME)).data.me).toBeNull();
  });

  test.each([
    ['email', { email: 'not-an-email' }],
    ['email', { email: '' }],
    ['password', { password: 'short' }],
    ['password', { password: 'x'.repeat(129) }],
    ['name', { name: '   ' }],
    ['name', { name: 'n'.repeat(10_000) }],
    ['currency', { currency: 'XYZ' }],
    ['currency', { currency: 'dollars' }],
  ])('bad %s is BAD_USER_INPUT naming the field, and nobody is created', async (field, override) => {
    const client = new ApiClient(running.baseUrl);
    const email = uniqueEmail();
    const result = await client.gql(REGISTER, { input: { email, password: 'long enough pw', name: 'Bad', ...override } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe(field);
    const login = await client.gql(LOGIN, { email, password: 'long enough pw' });
    expect(codeOf(login)).toBe('UNAUTHENTICATED');
  });
});

describe('sessions', () => {
  test('login works with any letter case of the email and a trimmed address', async () => {
    const { user, password } = await signUp(running.baseUrl);
    const client = new ApiClient(running.baseUrl);
    const data = await client.ok(LOGIN, { email: `  ${user.email.toUpperCase()} `, password });
    expect(data.login.id).toBe(user.id);
    expect((await client.ok(ME)).me.email).toBe(user.email);
  });

  test('a wrong password and an unknown email get the same UNAUTHENTICATED answer', async () => {
    const { user } = await signUp(running.baseUrl);
    const wrongPassword = await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password: 'wrong password' });
    const unknownEmail = await new ApiClient(running.baseUrl).gql(LOGIN, { email: uniqueEmail('nobody'), password: 'wrong password' });
    expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(codeOf(unknownEmail)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0].message).toBe(unknownEmail.errors?.[0].message);
  });

  test('the session cookie is HttpOnly and SameSite=Lax, and login issues a new session id', async () => {
    const { user, password } = await signUp(running.baseUrl);
    const client = new ApiClient(running.baseUrl);
    await client.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });
    const planted = 'ft.sid=s%3Aplanted-by-an-attacker.invalid';
    client.cookie = planted;
    const response = await client.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { email: user.email, password } }),
    });
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/ft\.sid=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(client.cookie).not.toBe(planted);
  });

  test('a second login gets a different session id, and both stay valid', async () => {
    const { user, password } = await signUp(running.baseUrl);
    const first = new ApiClient(running.baseUrl);
    const second = new ApiClient(running.baseUrl);
    await first.ok(LOGIN, { email: user.email, password });
    await second.ok(LOGIN, { email: user.email, password });
    expect(first.cookie).not.toBe(second.cookie);
    expect((await first.ok(ME)).me.id).toBe(user.id);
    expect((await second.ok(ME)).me.id).toBe(user.id);
  });

  test('logout destroys the session on the server: the old cookie no longer signs anyone in', async () => {
    const { client } = await signUp(running.baseUrl);
    const oldCookie = client.cookie;
    expect((await client.ok('mutation { logout }')).logout).toBe(true);
    expect(client.cookie).toBeNull();
    const replay = new ApiClient(running.baseUrl);
    replay.cookie = oldCookie;
    expect((await replay.ok(ME)).me).toBeNull();
    expect(codeOf(await replay.gql(LIST_ACCOUNTS))).toBe('UNAUTHENTICATED');
  });

  test('updateMe changes name and currency, and validates them', async () => {
    const { client } = await signUp(running.baseUrl);
    const updated = await client.ok(`mutation { updateMe(input: { name: "Ada L.", currency: "gbp" }) { name currency } }`);
    expect(updated.updateMe).toEqual({ name: 'Ada L.', currency: 'GBP' });
    const bad = await client.gql(`mutation { updateMe(input: { currency: "ZZZ" }) { name } }`);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect((await client.ok(ME)).me.currency).toBe('GBP');
  });

  test('Secure cookies when configured for HTTPS', async () => {
    const secure = await startTestApp({ COOKIE_SECURE: 'true' });
    try {
      const client = new ApiClient(secure.baseUrl);
      const response = await client.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ query: REGISTER, variables: { input: { email: uniqueEmail(), password: 'long enough pw', name: 'S' } } }),
      });
      expect(response.headers.getSetCookie().join('\n')).toMatch(/;\s*Secure/i);
    } finally {
      await secure.destroy();
    }
  });
});

describe('CSRF prevention', () => {
  test('a simple cross-site form post cannot run a mutation', async () => {
    const { client } = await signUp(running.baseUrl);
    const response = await client.fetch('/graphql?query=mutation%7Blogout%7D', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation{logout}',
    });
    expect(response.status).toBe(400);
    expect((await client.ok(ME)).me).not.toBeNull();
  });

  test('a multipart upload without the preflight header is refused', async () => {
    const { client } = await signUp(running.baseUrl);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation ($f: Upload!) { uploadReceipt(transactionId: "1", file: $f) { id } }', variables: { f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([Buffer.from('%PDF-1.4')]), 'a.pdf');
    const response = await client.fetch('/graphql', { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });
});

import { authenticator } from 'otplib';
import { ApiClient, signUp } from './support/client';
import { codeOf, fieldOf } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const LOGIN = `mutation ($email: String!, $password: String!, $otp: String) { login(email: $email, password: $password, otp: $otp) { id twoFactorEnabled } }`;

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

/** What an authenticator app shows for this secret, `stepsAgo` periods back. */
function appCode(secret: string, stepsAgo = 0): string {
  return authenticator.clone({ epoch: Date.now() - stepsAgo * 30_000 }).generate(secret);
}

async function enableTwoFactor(client: ApiClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { startTwoFactorSetup } = await client.ok('mutation { startTwoFactorSetup { secret otpauthUrl } }');
  expect(startTwoFactorSetup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Finance%20Tracker:.*secret=/);
  const wrong = await client.gql('mutation ($c: String!) { enableTwoFactor(code: $c) }', { c: '000000' });
  expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
  expect((await client.ok('{ me { twoFactorEnabled } }')).me.twoFactorEnabled).toBe(false);
  // The code of the step before: enabling consumes it, so sign-in can use the current one.
  const { enableTwoFactor: recoveryCodes } = await client.ok('mutation ($c: String!) { enableTwoFactor(code: $c) }', { c: appCode(startTwoFactorSetup.secret, 1) });
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  return { secret: startTwoFactorSetup.secret, recoveryCodes };
}

test('with two-factor on, sign-in needs a current code, and each code works once', async () => {
  const { client, user, password } = await signUp(running.baseUrl);
  const { secret } = await enableTwoFactor(client);
  expect((await client.ok('{ me { twoFactorEnabled } }')).me.twoFactorEnabled).toBe(true);

  const withoutCode = new ApiClient(running.baseUrl);
  const asked = await withoutCode.gql(LOGIN, { email: user.email, password });
  expect(codeOf(asked)).toBe('TWO_FACTOR_REQUIRED');
  expect(fieldOf(asked)).toBe('otp');
  expect((await withoutCode.ok('{ me { id } }')).me).toBeNull();

  expect(codeOf(await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password, otp: '123456' }))).toBe('UNAUTHENTICATED');
  expect(codeOf(await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password: 'wrong password', otp: appCode(secret) }))).toBe('UNAUTHENTICATED');

  const code = appCode(secret);
  const device = new ApiClient(running.baseUrl);
  expect((await device.ok(LOGIN, { email: user.email, password, otp: code })).login).toEqual({ id: user.id, twoFactorEnabled: true });
  expect((await device.ok('{ me { id } }')).me.id).toBe(user.id);
  // Replaying the same code (someone looking over a shoulder) does not work.
  expect(codeOf(await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password, otp: code }))).toBe('UNAUTHENTICATED');
});

test('a recovery code signs in once', async () => {
  const { client, user, password } = await signUp(running.baseUrl);
  const { recoveryCodes } = await enableTwoFactor(client);
  expect((await new ApiClient(running.baseUrl).ok(LOGIN, { email: user.email, password, otp: recoveryCodes[3].toUpperCase() })).login.id).toBe(user.id);
  expect(codeOf(await new ApiClient(running.baseUrl).gql(LOGIN, { email: user.email, password, otp: recoveryCodes[3] }))).toBe('UNAUTHENTICATED');
  expect((await new ApiClient(running.baseUrl).ok(LOGIN, { email: user.email, password, otp: recoveryCodes[4] })).login.id).toBe(user.id);
});

test('turning it off needs the password; then sign-in is password-only again', async () => {
  const { client, user, password } = await signUp(running.baseUrl);
  await enableTwoFactor(client);
  expect(codeOf(await client.gql('mutation ($p: String!) { disableTwoFactor(password: $p) }', { p: 'wrong password' }))).toBe('BAD_USER_INPUT');
  expect((await client.ok('{ me { twoFactorEnabled } }')).me.twoFactorEnabled).toBe(true);
  await client.ok('mutation ($p: String!) { disableTwoFactor(password: $p) }', { p: password });
  expect((await new ApiClient(running.baseUrl).ok(LOGIN, { email: user.email, password })).login.twoFactorEnabled).toBe(false);
});

test('the secret never leaves the server after setup', async () => {
  const { client } = await signUp(running.baseUrl);
  const { secret } = await enableTwoFactor(client);
  expect(JSON.stringify(await client.ok('{ me { id email name currency createdAt twoFactorEnabled } }'))).not.toContain(secret);
  expect(codeOf(await client.gql('mutation { startTwoFactorSetup { secret } }'))).toBe('CONFLICT');
});

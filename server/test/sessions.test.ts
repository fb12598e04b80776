import { authenticator } from 'otplib';
import { ApiClient, signUp } from './support/client';
import { codeOf, fieldOf, LIST_ACCOUNTS } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

const SESSIONS = '{ sessions { id device userAgent ipAddress signedInAt lastUsedAt current } }';
const REVOKE = 'mutation ($id: ID!) { revokeSession(id: $id) }';
const LOGIN = 'mutation ($email: String!, $password: String!, $otp: String) { login(email: $email, password: $password, otp: $otp) { id } }';

interface ListedSession { id: string; device: string; userAgent: string | null; ipAddress: string | null; signedInAt: string; lastUsedAt: string; current: boolean }

/** A browser: the API client, sending its own User-Agent. */
class Device extends ApiClient {
  constructor(baseUrl: string, private readonly userAgent: string) {
    super(baseUrl);
  }

  override fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('user-agent', this.userAgent);
    return super.fetch(pathname, { ...init, headers });
  }
}

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

/** A user signed in on a Firefox laptop and a Chrome desktop (and more, on request). */
async function userOnDevices(...more: string[]) {
  const { user, password } = await signUp(running.baseUrl);
  const devices = [FIREFOX, CHROME, ...more].map((userAgent) => new Device(running.baseUrl, userAgent));
  for (const device of devices) await device.ok(LOGIN, { email: user.email, password });
  return { user, password, devices };
}

const listOn = async (client: ApiClient): Promise<ListedSession[]> => (await client.ok(SESSIONS)).sessions;
const isSignedIn = async (client: ApiClient) => (await client.gql(LIST_ACCOUNTS)).errors === undefined;

test('the list shows each signed-in device with its browser, address and times, this one marked', async () => {
  const before = Date.now();
  const { devices: [laptop, desktop] } = await userOnDevices();
  await desktop.ok(LIST_ACCOUNTS);

  const sessions = await listOn(laptop);
  // The sign-up session (no User-Agent of a browser) is there too.
  expect(sessions).toHaveLength(3);
  const [current, ...others] = sessions;
  expect(current).toMatchObject({ device: 'Firefox on Windows', userAgent: FIREFOX, current: true });
  expect(others.map((session) => session.device)).toContain('Chrome on Linux');
  expect(others.find((session) => session.userAgent === CHROME)?.current).toBe(false);
  for (const session of sessions) {
    expect(session.ipAddress).toMatch(/127\.0\.0\.1$/);
    expect(new Date(session.signedInAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(session.lastUsedAt).getTime()).toBeGreaterThanOrEqual(new Date(session.signedInAt).getTime());
    // Names the session without being its cookie.
    expect(laptop.cookie).not.toContain(session.id);
  }
  expect(new Set(sessions.map((session) => session.id)).size).toBe(3);
  expect(codeOf(await new ApiClient(running.baseUrl).gql(SESSIONS))).toBe('UNAUTHENTICATED');
});

test('revoking a device signs that device out, and only that one', async () => {
  const { devices: [laptop, desktop, phone] } = await userOnDevices(SAFARI_PHONE);
  const target = (await listOn(laptop)).find((session) => session.userAgent === CHROME)!;
  expect((await laptop.ok(REVOKE, { id: target.id })).revokeSession).toBe(true);

  expect(codeOf(await desktop.gql(LIST_ACCOUNTS))).toBe('UNAUTHENTICATED');
  expect(await isSignedIn(laptop)).toBe(true);
  expect(await isSignedIn(phone)).toBe(true);
  const devices = (await listOn(phone)).map((session) => session.device);
  expect(devices).toContain('Safari on iOS');
  expect(devices).not.toContain('Chrome on Linux');
  // Already gone: NOT_FOUND.
  expect(codeOf(await laptop.gql(REVOKE, { id: target.id }))).toBe('NOT_FOUND');
});

test('revoking this session signs out here', async () => {
  const { devices: [laptop, desktop] } = await userOnDevices();
  const [current] = await listOn(laptop);
  expect((await laptop.ok(REVOKE, { id: current.id })).revokeSession).toBe(true);
  expect(laptop.cookie).toBeNull();
  expect(await isSignedIn(desktop)).toBe(true);
});

test('"sign out all other devices" ends every other session and keeps this one', async () => {
  const { devices: [laptop, desktop, phone] } = await userOnDevices(SAFARI_PHONE);
  // The sign-up session, the desktop and the phone.
  expect((await laptop.ok('mutation { revokeOtherSessions }')).revokeOtherSessions).toBe(3);
  expect(codeOf(await desktop.gql(LIST_ACCOUNTS))).toBe('UNAUTHENTICATED');
  expect(codeOf(await phone.gql(LIST_ACCOUNTS))).toBe('UNAUTHENTICATED');
  expect(await isSignedIn(laptop)).toBe(true);
  expect(await listOn(laptop)).toEqual([expect.objectContaining({ device: 'Firefox on Windows', current: true })]);
  expect((await laptop.ok('mutation { revokeOtherSessions }')).revokeOtherSessions).toBe(0);
});

test("another user's session id is NOT_FOUND, and that session goes on", async () => {
  const { devices: [laptop] } = await userOnDevices();
  const stranger = await signUp(running.baseUrl);
  const [theirs] = await listOn(stranger.client);
  const attempt = await laptop.gql(REVOKE, { id: theirs.id });
  expect(codeOf(attempt)).toBe('NOT_FOUND');
  expect(codeOf(await laptop.gql(REVOKE, { id: 'not-a-session' }))).toBe('NOT_FOUND');
  expect(await isSignedIn(stranger.client)).toBe(true);
  expect((await listOn(laptop)).map((session) => session.id)).not.toContain(theirs.id);
});

test('turning two-factor sign-in on, and off, ends the other sessions; this one stays signed in', async () => {
  const { password, devices: [laptop, desktop] } = await userOnDevices();
  const { startTwoFactorSetup } = await laptop.ok('mutation { startTwoFactorSetup { secret } }');
  const code = authenticator.clone({ epoch: Date.now() - 30_000 }).generate(startTwoFactorSetup.secret);
  const cookieBefore = laptop.cookie;
  await laptop.ok('mutation ($c: String!) { enableTwoFactor(code: $c) }', { c: code });
  expect(laptop.cookie).not.toBe(cookieBefore);
  expect(codeOf(await desktop.gql(LIST_ACCOUNTS))).toBe('UNAUTHENTICATED');
  expect(await isSignedIn(laptop)).toBe(true);
  expect(await listOn(laptop)).toHaveLength(1);

  const otp = authenticator.generate(startTwoFactorSetup.secret);
  const user = (await laptop.ok('{ me { email } }')).me;
  await desktop.ok(LOGIN, { email: user.email, password, otp });
  expect(await listOn(laptop)).toHaveLength(2);
  await laptop.ok('mutation ($p: String!) { disableTwoFactor(password: $p) }', { p: password });
  expect(codeOf(await desktop.gql(LIST_ACCOUNTS))).toBe('UNAUTHENTICATED');
  expect(await isSignedIn(laptop)).toBe(true);
  expect(await listOn(laptop)).toEqual([expect.objectContaining({ current: true, device: 'Firefox on Windows' })]);
});

test('changing the password ends the other sessions, and the list shows only this one', async () => {
  const { password, devices: [laptop, desktop] } = await userOnDevices();
  await laptop.ok('mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }', { c: password, n: 'a brand new passphrase' });
  expect(codeOf(await desktop.gql(LIST_ACCOUNTS))).toBe('UNAUTHENTICATED');
  expect(await listOn(laptop)).toEqual([expect.objectContaining({ current: true })]);
});

test('changing the password to the same one is refused, and nothing ends', async () => {
  const { user, password, devices: [laptop, desktop] } = await userOnDevices();
  const result = await laptop.gql('mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }', { c: password, n: password });
  expect(codeOf(result)).toBe('BAD_USER_INPUT');
  expect(fieldOf(result)).toBe('newPassword');
  expect(result.errors?.[0].message).toMatch(/must differ/);
  expect(await isSignedIn(desktop)).toBe(true);
  expect((await new ApiClient(running.baseUrl).ok(LOGIN, { email: user.email, password })).login.id).toBe(user.id);
});

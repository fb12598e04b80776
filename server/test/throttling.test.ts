import { ApiClient, signUp, uniqueEmail } from './support/client';
import { codeOf } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { id } }`;
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { id } }`;

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp({ RATE_LIMIT_LOGIN_PER_ACCOUNT: '3' });
});
afterAll(() => running.destroy());

async function login(email: string, password: string, app = running) {
  return new ApiClient(app.baseUrl).gql(LOGIN, { email, password });
}

test('after repeated failures an account is throttled with TOO_MANY_REQUESTS and Retry-After, even for the right password', async () => {
  const { user, password } = await signUp(running.baseUrl);
  for (let i = 0; i < 3; i += 1) expect(codeOf(await login(user.email, 'wrong password'))).toBe('UNAUTHENTICATED');
  const response = await new ApiClient(running.baseUrl).fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { email: user.email.toUpperCase(), password } }),
  });
  const body = (await response.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
  expect(body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
  expect(body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
});

test('an unknown email is throttled exactly like a known one', async () => {
  const { user } = await signUp(running.baseUrl);
  const unknown = uniqueEmail('nobody');
  const answers: string[] = [];
  for (const email of [user.email, unknown]) {
    for (let i = 0; i < 4; i += 1) answers.push(`${email === unknown ? 'unknown' : 'known'}:${codeOf(await login(email, 'wrong password'))}`);
  }
  expect(answers).toEqual([
    'known:UNAUTHENTICATED', 'known:UNAUTHENTICATED', 'known:UNAUTHENTICATED', 'known:TOO_MANY_REQUESTS',
    'unknown:UNAUTHENTICATED', 'unknown:UNAUTHENTICATED', 'unknown:UNAUTHENTICATED', 'unknown:TOO_MANY_REQUESTS',
  ]);
});

test('failures from one address across many accounts are throttled per IP', async () => {
  const limited = await startTestApp({ RATE_LIMIT_LOGIN_PER_IP: '3' });
  try {
    const { user, password } = await signUp(limited.baseUrl);
    for (let i = 0; i < 3; i += 1) expect(codeOf(await login(uniqueEmail(), 'wrong password', limited))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(uniqueEmail(), 'wrong password', limited))).toBe('TOO_MANY_REQUESTS');
    // The address is blocked even for an account that has no failures of its own.
    expect(codeOf(await login(user.email, password, limited))).toBe('TOO_MANY_REQUESTS');
  } finally {
    await limited.destroy();
  }
});

test('sign-ups are limited per IP; a taken email still answers CONFLICT until then', async () => {
  const limited = await startTestApp({ RATE_LIMIT_REGISTER_PER_IP: '3' });
  try {
    const client = new ApiClient(limited.baseUrl);
    const input = { email: uniqueEmail(), password: 'long enough pw', name: 'R' };
    expect((await client.gql(REGISTER, { input })).errors).toBeUndefined();
    expect(codeOf(await client.gql(REGISTER, { input }))).toBe('CONFLICT');
    expect((await client.gql(REGISTER, { input: { ...input, email: uniqueEmail() } })).errors).toBeUndefined();
    expect(codeOf(await client.gql(REGISTER, { input: { ...input, email: uniqueEmail() } }))).toBe('TOO_MANY_REQUESTS');
  } finally {
    await limited.destroy();
  }
});

test('a wrong password and an unknown email take about as long (both run argon2)', async () => {
  const app = await startTestApp({ RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000' });
  try {
    const { user } = await signUp(app.baseUrl);
    const nobody = uniqueEmail('nobody');
    // Interleaved, so a busy moment of the machine slows both sides alike; medians of nine.
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 9; i += 1) {
      for (const [side, email] of [['known', user.email], ['unknown', nobody]] as const) {
        const started = performance.now();
        await login(email, 'wrong password', app);
        times[side].push(performance.now() - started);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const known = median(times.known);
    const unknown = median(times.unknown);
    // A ratio, not a time: an unknown email answering in a fraction of the time would reveal it.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  } finally {
    await app.destroy();
  }
});

import { ApiClient, uniqueEmail } from './support/client';
import { codeOf } from './support/operations';
import { startTestApp } from './support/test-app';

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { id } }`;

/** A failed sign-in claiming to come from `forwardedFor` (a new account each time, so only the per-IP limit counts). */
async function failedLoginFrom(baseUrl: string, forwardedFor: string): Promise<string | undefined> {
  const response = await new ApiClient(baseUrl).fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ query: LOGIN, variables: { email: uniqueEmail(), password: 'wrong password' } }),
  });
  return codeOf((await response.json()) as { errors?: { extensions?: { code?: string } }[] });
}

test('with COOKIE_SECURE and no TRUST_PROXY, a forged X-Forwarded-For does not dodge the per-IP sign-in limit', async () => {
  const running = await startTestApp({ COOKIE_SECURE: 'true', RATE_LIMIT_LOGIN_PER_IP: '3' });
  try {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await failedLoginFrom(running.baseUrl, `203.0.113.${i + 1}`));
    expect(answers).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'TOO_MANY_REQUESTS']);
  } finally {
    await running.destroy();
  }
});

test('with TRUST_PROXY=1 the address the proxy forwards is the one counted', async () => {
  const running = await startTestApp({ TRUST_PROXY: '1', RATE_LIMIT_LOGIN_PER_IP: '3' });
  try {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await failedLoginFrom(running.baseUrl, `203.0.113.${i + 1}`));
    expect(answers).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    // The same forwarded address, counted across requests, is still limited.
    for (let i = 0; i < 3; i += 1) await failedLoginFrom(running.baseUrl, '198.51.100.9');
    expect(await failedLoginFrom(running.baseUrl, '198.51.100.9')).toBe('TOO_MANY_REQUESTS');
  } finally {
    await running.destroy();
  }
});

test('HSTS is sent only with COOKIE_SECURE, 180 days unless HSTS_MAX_AGE_SECONDS says otherwise (0: none)', async () => {
  const hstsOf = async (overrides: Record<string, string>) => {
    const running = await startTestApp(overrides);
    try {
      return (await new ApiClient(running.baseUrl).fetch('/healthz')).headers.get('strict-transport-security');
    } finally {
      await running.destroy();
    }
  };
  expect(await hstsOf({})).toBeNull();
  expect(await hstsOf({ HSTS_MAX_AGE_SECONDS: '600' })).toBeNull();
  expect(await hstsOf({ COOKIE_SECURE: 'true' })).toBe(`max-age=${180 * 86400}`);
  expect(await hstsOf({ COOKIE_SECURE: 'true', HSTS_MAX_AGE_SECONDS: '600' })).toBe('max-age=600');
  expect(await hstsOf({ COOKIE_SECURE: 'true', HSTS_MAX_AGE_SECONDS: '0' })).toBeNull();
});

const SESSION_COOKIE = 'ft.sid';
/** Over HTTPS the cookie is `__Host-` prefixed: browsers then refuse it unless Secure, host-only and Path=/. */
const SECURE_SESSION_COOKIE = '__Host-ft.sid';

/** The session cookie's name: the one place that knows it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

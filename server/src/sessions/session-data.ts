/** What a signed-in session holds: written at sign-in (session-lifecycle.ts), read by the guard and the stores. */
export interface SignedInSessionData {
  userId: number;
  /** The user's session version at sign-in; a password or two-factor change bumps it and ends this session. */
  sessionVersion: number;
  /** When the user signed in (ms), for the absolute timeout. */
  signedInAt: number;
  /** The browser's User-Agent and the address at sign-in, for the "Signed-in devices" list. */
  userAgent?: string | null;
  ipAddress?: string | null;
}

// express-session's session type, with our fields: absent until sign-in.
declare module 'express-session' {
  interface SessionData extends Partial<SignedInSessionData> {}
}

import { createHash } from 'node:crypto';
import type { OwnerScope } from '../../db/owner-scope';
import { notFound } from '../../lib/errors';
import type { StoredSession, UserSessionIndex } from '../../sessions/session-index';
import { describeDevice } from './device-name';
import type { UserRepository } from './user.repository';

export interface SignedInSession {
  /** A hash of the session id: it names the session without letting anyone use it. */
  id: string;
  device: string;
  userAgent: string | null;
  ipAddress: string | null;
  signedInAt: Date;
  lastUsedAt: Date;
  current: boolean;
}

/** Scripts (seed, import) have no sessions: they list none. */
const NO_SESSIONS: UserSessionIndex = { listForUser: async () => [], destroyForUser: async () => undefined };

/**
 * The user's signed-in devices, and ending them (ASVS V3.3.4). Sessions are named by the id of
 * the session store; `currentSid` is the one asking, which the list marks and "end the others" keeps.
 */
export class SignedInSessionService {
  constructor(
    private readonly users: Pick<UserRepository, 'sessionVersionOf'>,
    private readonly index: UserSessionIndex = NO_SESSIONS,
    private readonly absoluteTimeoutMs = Number.POSITIVE_INFINITY,
  ) {}

  /** The current session first, then the most recently used. */
  async listForUser(scope: OwnerScope, currentSid: string): Promise<SignedInSession[]> {
    const sessions = (await this.liveSessions(scope)).map((stored) => toSignedInSession(stored, currentSid));
    return sessions.sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.getTime() - a.lastUsedAt.getTime());
  }

  /**
   * Ends one of the user's sessions, named by its public id (SignedInSession.id, a hash the
   * client got from the list); NOT_FOUND for anyone else's. Returns whether it was the one asking.
   */
  async revoke(scope: OwnerScope, id: string, currentSid: string): Promise<{ wasCurrent: boolean }> {
    const target = (await this.liveSessions(scope)).find((stored) => publicId(stored.sid) === id);
    if (!target) throw notFound('Session');
    await this.index.destroyForUser(scope.userId, [target.sid]);
    return { wasCurrent: target.sid === currentSid };
  }

  /** Ends every session of the user but `keepSid`; returns how many of them could still sign in. */
  async revokeOthers(scope: OwnerScope, keepSid: string): Promise<number> {
    const version = await this.users.sessionVersionOf(scope);
    const others = (await this.index.listForUser(scope.userId)).filter((stored) => stored.sid !== keepSid);
    await this.index.destroyForUser(scope.userId, others.map((stored) => stored.sid));
    return others.filter((stored) => this.isLive(stored, version)).length;
  }

  /** Sessions that would still sign the user in: of the current session version, within the absolute timeout. */
  private async liveSessions(scope: OwnerScope): Promise<StoredSession[]> {
    const version = await this.users.sessionVersionOf(scope);
    const stored = await this.index.listForUser(scope.userId);
    return stored.filter((session) => this.isLive(session, version));
  }

  private isLive(stored: StoredSession, version: number | null): boolean {
    const { signedInAt, sessionVersion } = stored.data;
    return version !== null && sessionVersion === version && signedInAt !== undefined && Date.now() - signedInAt <= this.absoluteTimeoutMs;
  }
}

function publicId(sid: string): string {
  return createHash('sha256').update(sid).digest('base64url').slice(0, 22);
}

function toSignedInSession(stored: StoredSession, currentSid: string): SignedInSession {
  const { data } = stored;
  const current = stored.sid === currentSid;
  return {
    id: publicId(stored.sid),
    device: describeDevice(data.userAgent),
    userAgent: data.userAgent ?? null,
    ipAddress: data.ipAddress ?? null,
    signedInAt: new Date(data.signedInAt ?? stored.lastUsedAt),
    // The one asking is in use right now; the others as of their last (throttled) touch.
    lastUsedAt: current ? new Date() : new Date(Math.max(stored.lastUsedAt, data.signedInAt ?? 0)),
    current,
  };
}

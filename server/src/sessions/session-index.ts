import type { SessionData } from 'express-session';
import './session-data';

/** One stored session of a user, as the "Signed-in devices" list reads it. */
export interface StoredSession {
  sid: string;
  data: SessionData;
  /** When a request last extended the session (ms); as fresh as the touch slack allows. */
  lastUsedAt: number;
}

/**
 * What each session store keeps besides express-session's own methods: which sessions belong to
 * which user, so a user can see their devices and end them.
 */
export interface UserSessionIndex {
  /** The user's live sessions; expired or ended ones are left out (and dropped from the index). */
  listForUser(userId: number): Promise<StoredSession[]>;
  /** Ends these sessions of the user; an id that is not the user's is left alone. */
  destroyForUser(userId: number, sids: readonly string[]): Promise<void>;
}

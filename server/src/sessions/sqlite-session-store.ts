import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Store, type SessionData } from 'express-session';
import { RecentTouches } from './recent-touches';
import type { StoredSession, UserSessionIndex } from './session-index';

type Callback<T = void> = (error?: unknown, value?: T) => void;
type SessionRow = { sid: string; data: string; last_used_at: number | null };

/**
 * The embedded default's session store: one SQLite file beside the data, so a signed-in user stays
 * signed in across restarts with no server to install. better-sqlite3 is synchronous, so every
 * write (including destroy on logout) is on disk before the callback runs.
 */
export class SqliteSessionStore extends Store implements UserSessionIndex {
  private readonly db: Database.Database;
  private readonly statements: {
    get: Database.Statement<[string, number], { data: string }>;
    set: Database.Statement<[string, string, number, number | null, number]>;
    touch: Database.Statement<[number, number, string, number]>;
    destroy: Database.Statement<[string]>;
    destroyOfUser: Database.Statement<[string, number]>;
    listOfUser: Database.Statement<[number, number], SessionRow>;
    sweep: Database.Statement<[number]>;
  };
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly recentTouches: RecentTouches;

  constructor(
    file: string,
    private readonly defaultTtlMs: number,
    private readonly touchSlackMs: number,
  ) {
    super();
    this.recentTouches = new RecentTouches(touchSlackMs);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Shared by the workers of one server (cluster/): a write waits up to 5 s for another's.
    this.db = new Database(file, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.createSchema();
    this.statements = {
      get: this.db.prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?'),
      set: this.db.prepare(
        'INSERT INTO sessions (sid, data, expires_at, user_id, last_used_at) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, ' +
          'user_id = excluded.user_id, last_used_at = excluded.last_used_at',
      ),
      // Sliding expiry moves on every request; writing it (and syncing the WAL) each time would make
      // every read a write. Only an expiry that moved by more than the slack is written: this
      // process skips the statement for sessions it extended lately, and the condition covers the
      // other processes sharing the file. The last use moves with it, as fresh as the slack.
      touch: this.db.prepare('UPDATE sessions SET expires_at = ?, last_used_at = ? WHERE sid = ? AND expires_at < ?'),
      destroy: this.db.prepare('DELETE FROM sessions WHERE sid = ?'),
      destroyOfUser: this.db.prepare('DELETE FROM sessions WHERE sid = ? AND user_id = ?'),
      listOfUser: this.db.prepare('SELECT sid, data, last_used_at FROM sessions WHERE user_id = ? AND expires_at > ?'),
      sweep: this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
    this.sweepTimer = setInterval(() => this.statements.sweep.run(Date.now()), 15 * 60 * 1000);
    this.sweepTimer.unref();
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.run(callback, () => {
      const row = this.statements.get.get(sid, Date.now());
      return row ? (JSON.parse(row.data) as SessionData) : null;
    });
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      this.statements.set.run(sid, JSON.stringify(session), this.expiresAt(session), session.userId ?? null, Date.now());
      this.recentTouches.written(sid);
    });
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      if (this.recentTouches.isFresh(sid)) return;
      const expiresAt = this.expiresAt(session);
      this.statements.touch.run(expiresAt, Date.now(), sid, expiresAt - this.touchSlackMs);
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.run(callback, () => {
      this.recentTouches.forget(sid);
      this.statements.destroy.run(sid);
    });
  }

  async listForUser(userId: number): Promise<StoredSession[]> {
    return this.statements.listOfUser.all(userId, Date.now()).map((row) => {
      const data = JSON.parse(row.data) as SessionData;
      return { sid: row.sid, data, lastUsedAt: row.last_used_at ?? data.signedInAt ?? 0 };
    });
  }

  async destroyForUser(userId: number, sids: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const sid of sids) {
        this.recentTouches.forget(sid);
        this.statements.destroyOfUser.run(sid, userId);
      }
    }).immediate();
  }

  close(): void {
    clearInterval(this.sweepTimer);
    this.db.close();
  }

  /**
   * The table, and the user and last-use columns that files from before the devices list lack
   * (filled from the session data). Immediate, so two processes opening one file do not both alter it.
   */
  private createSchema(): void {
    this.db.transaction(() => {
      this.db.exec('CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL)');
      const columns = new Set((this.db.pragma('table_info(sessions)') as { name: string }[]).map((column) => column.name));
      if (!columns.has('user_id')) {
        this.db.exec('ALTER TABLE sessions ADD COLUMN user_id INTEGER');
        this.db.exec("UPDATE sessions SET user_id = json_extract(data, '$.userId')");
      }
      if (!columns.has('last_used_at')) this.db.exec('ALTER TABLE sessions ADD COLUMN last_used_at INTEGER');
      this.db.exec('CREATE INDEX IF NOT EXISTS sessions_expires_idx ON sessions (expires_at)');
      this.db.exec('CREATE INDEX IF NOT EXISTS sessions_user_idx ON sessions (user_id)');
    }).immediate();
  }

  private expiresAt(session: SessionData): number {
    const expires = session.cookie?.expires;
    return expires ? new Date(expires).getTime() : Date.now() + this.defaultTtlMs;
  }

  private run<T>(callback: Callback<T> | undefined, work: () => T): void {
    let value: T;
    try {
      value = work();
    } catch (error) {
      callback?.(error);
      return;
    }
    callback?.(undefined, value);
  }
}

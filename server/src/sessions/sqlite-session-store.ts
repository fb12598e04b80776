import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Store, type SessionData } from 'express-session';
import { RecentTouches } from './recent-touches';

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * The embedded default's session store: one SQLite file beside the data, so a signed-in user stays
 * signed in across restarts with no server to install. better-sqlite3 is synchronous, so every
 * write (including destroy on logout) is on disk before the callback runs.
 */
export class SqliteSessionStore extends Store {
  private readonly db: Database.Database;
  private readonly statements: {
    get: Database.Statement<[string, number], { data: string }>;
    set: Database.Statement<[string, string, number]>;
    touch: Database.Statement<[number, string, number]>;
    destroy: Database.Statement<[string]>;
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
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL)',
    );
    this.db.exec('CREATE INDEX IF NOT EXISTS sessions_expires_idx ON sessions (expires_at)');
    this.statements = {
      get: this.db.prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?'),
      set: this.db.prepare(
        'INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
      ),
      // Sliding expiry moves on every request; writing it (and syncing the WAL) each time would make
      // every read a write. Only an expiry that moved by more than the slack is written: this
      // process skips the statement for sessions it extended lately, and the condition covers the
      // other processes sharing the file.
      touch: this.db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ? AND expires_at < ?'),
      destroy: this.db.prepare('DELETE FROM sessions WHERE sid = ?'),
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
      this.statements.set.run(sid, JSON.stringify(session), this.expiresAt(session));
      this.recentTouches.written(sid);
    });
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      if (this.recentTouches.isFresh(sid)) return;
      const expiresAt = this.expiresAt(session);
      this.statements.touch.run(expiresAt, sid, expiresAt - this.touchSlackMs);
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.run(callback, () => {
      this.recentTouches.forget(sid);
      this.statements.destroy.run(sid);
    });
  }

  close(): void {
    clearInterval(this.sweepTimer);
    this.db.close();
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

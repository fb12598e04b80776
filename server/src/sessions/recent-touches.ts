/** Remembered sessions per process, at most; past that the memory starts over (it is only a shortcut). */
const MAX_REMEMBERED = 10_000;

/**
 * The sessions this process extended lately. express-session touches the store on every request
 * and waits for it before answering; a sliding expiry that moved by less than the slack since this
 * process last wrote it is not written again, so the idle timeout stays that exact while most
 * requests cost the store nothing.
 */
export class RecentTouches {
  private readonly writtenAt = new Map<string, number>();

  constructor(private readonly slackMs: number) {}

  /** True when the session's expiry was written within the slack; otherwise false, and now counts as written. */
  isFresh(sid: string, now = Date.now()): boolean {
    const last = this.writtenAt.get(sid);
    if (last !== undefined && now - last < this.slackMs) return true;
    this.written(sid, now);
    return false;
  }

  /** The session's expiry was just written (a save). */
  written(sid: string, now = Date.now()): void {
    if (this.writtenAt.size >= MAX_REMEMBERED) this.writtenAt.clear();
    this.writtenAt.set(sid, now);
  }

  forget(sid: string): void {
    this.writtenAt.delete(sid);
  }
}

import { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';

type Callback = (error?: unknown, value?: unknown) => void;

/** Remembered touches per process, at most; past that the memory starts over (it is only a shortcut). */
const MAX_REMEMBERED = 10_000;

/**
 * Sessions in Redis (connect-redis), except that a sliding expiry is not pushed to Redis on every
 * request: express-session waits for the touch before answering, so each read of the API paid a
 * Redis round trip for it. A session this process touched within the slack is not touched again;
 * the idle timeout stays that exact, and every replica still extends it.
 */
export class RedisSessionStore extends RedisStore {
  private readonly touchedAt = new Map<string, number>();

  constructor(
    options: ConstructorParameters<typeof RedisStore>[0],
    private readonly touchSlackMs: number,
  ) {
    super(options);
  }

  override async touch(sid: string, session: SessionData, callback?: Callback): Promise<unknown> {
    const now = Date.now();
    const last = this.touchedAt.get(sid);
    if (last !== undefined && now - last < this.touchSlackMs) {
      callback?.(null, null);
      return null;
    }
    if (this.touchedAt.size >= MAX_REMEMBERED) this.touchedAt.clear();
    this.touchedAt.set(sid, now);
    return super.touch(sid, session, callback);
  }

  override async destroy(sid: string, callback?: Callback): Promise<unknown> {
    this.touchedAt.delete(sid);
    return super.destroy(sid, callback);
  }
}

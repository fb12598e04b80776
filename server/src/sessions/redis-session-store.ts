import { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import { RecentTouches } from './recent-touches';

type Callback = (error?: unknown, value?: unknown) => void;

/**
 * Sessions in Redis (connect-redis), except that a sliding expiry is not pushed to Redis on every
 * request: express-session waits for the touch before answering, so each read of the API paid a
 * Redis round trip for it. A session this process touched within the slack is not touched again;
 * the idle timeout stays that exact, and every replica still extends it.
 */
export class RedisSessionStore extends RedisStore {
  private readonly recentTouches: RecentTouches;

  constructor(options: ConstructorParameters<typeof RedisStore>[0], touchSlackMs: number) {
    super(options);
    this.recentTouches = new RecentTouches(touchSlackMs);
  }

  override async touch(sid: string, session: SessionData, callback?: Callback): Promise<unknown> {
    if (this.recentTouches.isFresh(sid)) {
      callback?.(null, null);
      return null;
    }
    return super.touch(sid, session, callback);
  }

  override async destroy(sid: string, callback?: Callback): Promise<unknown> {
    this.recentTouches.forget(sid);
    return super.destroy(sid, callback);
  }
}

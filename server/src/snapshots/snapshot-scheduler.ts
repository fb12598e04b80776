import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { SnapshotConfig } from '../config';
import { listSnapshots, pruneSnapshots, takeSnapshot, type Snapshot } from './snapshot.service';

const CHECK_EVERY_MS = 60 * 60 * 1000;
/** The first check waits a little after start, so a short-lived process (a test, a restart loop) takes none. */
const FIRST_CHECK_AFTER_MS = 5 * 60 * 1000;

export interface SnapshotScheduler {
  /** Takes today's snapshot if it is due and not taken yet, then prunes; resolves with it, or null. */
  check(): Promise<Snapshot | null>;
  /** Stops the timers and waits for a snapshot under way, so the database can close after. */
  stop(): Promise<void>;
}

interface SchedulerOptions {
  config: SnapshotConfig;
  dataSource: DataSource;
  receiptsDir: string;
  logger: Logger;
  /** The clock; tests move it. */
  now?: () => Date;
  /** Off for tests, which call check() themselves. */
  timers?: boolean;
}

const utcDay = (time: Date) => time.toISOString().slice(0, 10);

/**
 * Once an hour, whether today's (UTC) snapshot exists; if not, and the hour has come
 * (SNAPSHOT_HOUR_UTC), one is taken and the old ones pruned. A process down at that hour takes the
 * day's snapshot at its first check after. Timers are unref'd and stopped on close.
 */
export function startSnapshotScheduler({ config, dataSource, receiptsDir, logger, now = () => new Date(), timers = true }: SchedulerOptions): SnapshotScheduler {
  let running: Promise<Snapshot | null> | null = null;

  const due = async (): Promise<Snapshot | null> => {
    const time = now();
    if (time.getUTCHours() < config.hourUtc) return null;
    const today = utcDay(time);
    if ((await listSnapshots(config.dir)).some((snapshot) => utcDay(snapshot.takenAt) === today)) return null;
    const snapshot = await takeSnapshot({ dataSource, receiptsDir, dir: config.dir, now: time });
    const pruned = await pruneSnapshots(config.dir, config, time);
    logger.info({ snapshot: snapshot.name, pruned }, 'snapshot taken');
    return snapshot;
  };

  const check = (): Promise<Snapshot | null> => {
    // One at a time: a check that comes while one runs waits for it and takes nothing more.
    running ??= due().finally(() => {
      running = null;
    });
    return running;
  };

  const quietCheck = () => void check().catch((error) => logger.error({ err: error }, 'snapshot failed'));
  let interval: NodeJS.Timeout | undefined;
  const first = timers
    ? setTimeout(() => {
        quietCheck();
        interval = setInterval(quietCheck, CHECK_EVERY_MS);
        interval.unref();
      }, FIRST_CHECK_AFTER_MS)
    : undefined;
  first?.unref();

  return {
    check,
    stop: async () => {
      clearTimeout(first);
      clearInterval(interval);
      await running?.catch(() => undefined);
    },
  };
}

import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import type { Services } from './services';
import { holdInstanceLock } from './snapshots/instance-lock';
import { startSnapshotScheduler, type SnapshotScheduler } from './snapshots/snapshot-scheduler';

const ORPHAN_AGE_MS = 60 * 60 * 1000;

/** What one server does once however many processes serve requests: the app alone, or the cluster's primary. */
export interface InstanceJobs {
  /** Daily snapshots into DATA_DIR/backups; null when off (SNAPSHOTS=off, or Postgres/S3: the CronJob's job). */
  snapshots: SnapshotScheduler | null;
  /** Stops the timers and waits for a snapshot under way; before the database closes. */
  stop(): Promise<void>;
  /** Lets go of the instance lock; once the database has closed. */
  release(): void;
}

export function startInstanceJobs(config: AppConfig, dataSource: DataSource, services: Services, logger: Logger): InstanceJobs {
  // Hourly, files older than an hour that no receipt points at are removed (see sweepOrphans).
  const sweepTimer = setInterval(() => {
    services.receipts.sweepOrphans(ORPHAN_AGE_MS).catch((error) => logger.warn({ err: error }, 'orphan sweep failed'));
  }, ORPHAN_AGE_MS);
  sweepTimer.unref();

  // The restore script refuses while this server runs on the embedded default's DATA_DIR.
  const releaseInstanceLock = config.database.kind === 'sqlite' ? holdInstanceLock(config.dataDir) : () => undefined;
  const snapshots = config.snapshots ? startSnapshotScheduler({ config: config.snapshots, dataSource, receiptsDir: config.receiptsDir, logger }) : null;
  return {
    snapshots,
    stop: async () => {
      clearInterval(sweepTimer);
      await snapshots?.stop();
    },
    release: releaseInstanceLock,
  };
}

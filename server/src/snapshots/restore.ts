import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { runningServerPid } from './instance-lock';
import { integrityOf, SNAPSHOT_DATABASE, SNAPSHOT_MANIFEST, SNAPSHOT_RECEIPTS, snapshotName } from './snapshot.service';

export class RestoreError extends Error {}

export interface RestoreResult {
  snapshot: string;
  /** Where the database and receipts that were in place went. */
  setAside: string;
}

/** A snapshot's folder: a path, or a name under DATA_DIR/backups. */
function snapshotFolder(config: AppConfig, snapshot: string): string {
  const candidates = [path.resolve(snapshot), path.join(config.dataDir, 'backups', snapshot)];
  const found = candidates.find((folder) => fs.existsSync(path.join(folder, SNAPSHOT_MANIFEST)) && fs.existsSync(path.join(folder, SNAPSHOT_DATABASE)));
  if (!found) throw new RestoreError(`${snapshot} is not a snapshot (no ${SNAPSHOT_MANIFEST} and ${SNAPSHOT_DATABASE} in ${candidates.join(' or ')})`);
  return found;
}

async function move(from: string, to: string): Promise<void> {
  try {
    await fsp.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fsp.cp(from, to, { recursive: true });
    await fsp.rm(from, { recursive: true, force: true });
  }
}

/**
 * Puts a snapshot in place of the embedded default's database and receipts: refuses while a server
 * runs on DATA_DIR (its server.pid, see instance-lock.ts), moves what is there to
 * DATA_DIR/backups/before-restore-<time>/, copies the snapshot in, then opens the database as the
 * app does (migrations run: a snapshot from an older version is brought up to date) and checks
 * every page. When that check fails, what was there is put back.
 */
export async function restoreSnapshot(config: AppConfig, snapshot: string, now = new Date()): Promise<RestoreResult> {
  if (config.database.kind !== 'sqlite' || config.s3) {
    throw new RestoreError('snapshots are for the embedded default (SQLite, receipts on disk); with Postgres restore a pg_dump (docs/deploy.md)');
  }
  const source = snapshotFolder(config, snapshot);
  const pid = runningServerPid(config.dataDir);
  if (pid !== null) {
    throw new RestoreError(`a server (PID ${pid}) runs on ${config.dataDir}: stop it first (or delete ${path.join(config.dataDir, 'server.pid')} if no server runs)`);
  }
  const integrity = integrityOf(path.join(source, SNAPSHOT_DATABASE));
  if (integrity !== 'ok') throw new RestoreError(`the snapshot's database fails its integrity check: ${integrity}`);

  const databaseFile = config.database.file;
  const setAside = path.join(config.dataDir, 'backups', `before-restore-${snapshotName(now)}`);
  await fsp.mkdir(setAside, { recursive: true });
  const moved: { from: string; to: string }[] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    const from = `${databaseFile}${suffix}`;
    if (fs.existsSync(from)) moved.push({ from, to: path.join(setAside, `${SNAPSHOT_DATABASE}${suffix}`) });
  }
  if (fs.existsSync(config.receiptsDir)) moved.push({ from: config.receiptsDir, to: path.join(setAside, SNAPSHOT_RECEIPTS) });
  for (const { from, to } of moved) await move(from, to);

  try {
    await fsp.mkdir(path.dirname(databaseFile), { recursive: true });
    await fsp.copyFile(path.join(source, SNAPSHOT_DATABASE), databaseFile);
    await fsp.cp(path.join(source, SNAPSHOT_RECEIPTS), config.receiptsDir, { recursive: true });
    const dataSource = await openDatabase(config.database);
    try {
      const rows = await dataSource.query<{ integrity_check: string }[]>('PRAGMA integrity_check');
      const restored = rows.map((row) => row.integrity_check).join('; ');
      if (restored !== 'ok') throw new RestoreError(`the restored database fails its integrity check: ${restored}`);
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    // Put back what was there.
    for (const suffix of ['', '-wal', '-shm']) await fsp.rm(`${databaseFile}${suffix}`, { force: true });
    await fsp.rm(config.receiptsDir, { recursive: true, force: true });
    for (const { from, to } of moved) await move(to, from);
    throw error;
  }
  return { snapshot: source, setAside };
}

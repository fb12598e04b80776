import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { sqliteTurn } from '../db/write-transaction';
import { snapshotsToKeep, type RetentionPolicy } from './retention';

export const SNAPSHOT_DATABASE = 'finance.sqlite';
export const SNAPSHOT_RECEIPTS = 'receipts';
export const SNAPSHOT_MANIFEST = 'manifest.json';

/** A complete snapshot's folder name: its UTC time, without colons (2026-12-03T16-07-06Z). */
const SNAPSHOT_NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/;

export interface SnapshotManifest {
  takenAt: string;
  appVersion: string;
  counts: { users: number; accounts: number; transactions: number; receipts: number; receiptFiles: number; receiptBytes: number };
}

export interface Snapshot {
  name: string;
  path: string;
  takenAt: Date;
}

export function snapshotName(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

function timeOfName(name: string): Date | null {
  const match = SNAPSHOT_NAME.exec(name);
  return match ? new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`) : null;
}

/** Complete snapshots in `dir`, oldest first; half-written ones (.partial-*) and before-restore-* are not listed. */
export async function listSnapshots(dir: string): Promise<Snapshot[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, path: path.join(dir, name), takenAt: timeOfName(name) }))
    .filter((snapshot): snapshot is Snapshot => snapshot.takenAt !== null)
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

function appVersion(): string {
  // server/package.json, from src/snapshots and from dist/snapshots alike.
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * Receipts are immutable once written (DiskReceiptStorage writes beside and renames), so a hard
 * link is a faithful copy that costs no space; across file systems, or where links are refused, a copy.
 * Files already in `target` are left as they are (the second pass only adds).
 */
async function linkReceipts(source: string, target: string): Promise<void> {
  const folders = await fsp.readdir(source, { withFileTypes: true }).catch(() => [] as fs.Dirent[]);
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    await fsp.mkdir(path.join(target, folder.name), { recursive: true });
    for (const file of await fsp.readdir(path.join(source, folder.name)).catch(() => [] as string[])) {
      if (file.endsWith('.partial')) continue;
      const from = path.join(source, folder.name, file);
      const to = path.join(target, folder.name, file);
      if (fs.existsSync(to)) continue;
      try {
        await fsp.link(from, to);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue; // removed meanwhile
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
        await fsp.copyFile(from, to);
      }
    }
  }
}

async function receiptTotals(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const folder of await fsp.readdir(dir).catch(() => [] as string[])) {
    for (const file of await fsp.readdir(path.join(dir, folder))) {
      files += 1;
      bytes += (await fsp.stat(path.join(dir, folder, file))).size;
    }
  }
  return { files, bytes };
}

/** Opens a snapshot's (or a restored) database alone and checks every page: 'ok' or the problems found. */
export function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

function countRows(file: string): Omit<SnapshotManifest['counts'], 'receiptFiles' | 'receiptBytes'> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return { users: count('users'), accounts: count('accounts'), transactions: count('transactions'), receipts: count('receipts') };
  } finally {
    db.close();
  }
}

/**
 * Takes a snapshot of the embedded default into `dir`/<UTC time>/: the database by VACUUM INTO on
 * the app's own connection between write transactions (so exactly a committed state, while the app
 * serves), the receipts folder, and manifest.json. Written into a .partial- folder and renamed when
 * complete: a crash leaves no half snapshot under a snapshot's name.
 *
 * Receipts are linked before and after the database is copied: a receipt row in the copy has its
 * file, unless the file was both written and deleted in the moment between the two (then the row is
 * one the next snapshot no longer has). Extra files are orphans, harmless after a restore.
 */
export async function takeSnapshot(options: { dataSource: DataSource; receiptsDir: string; dir: string; now?: Date }): Promise<Snapshot> {
  const takenAt = options.now ?? new Date();
  const name = snapshotName(takenAt);
  const final = path.join(options.dir, name);
  if (fs.existsSync(final)) throw new Error(`snapshot ${name} already exists`);
  const partial = path.join(options.dir, `.partial-${name}-${randomUUID()}`);
  await fsp.mkdir(partial, { recursive: true });
  try {
    const database = path.join(partial, SNAPSHOT_DATABASE);
    const receipts = path.join(partial, SNAPSHOT_RECEIPTS);
    await fsp.mkdir(receipts);
    await linkReceipts(options.receiptsDir, receipts);
    await sqliteTurn(options.dataSource, () => options.dataSource.query('VACUUM INTO ?', [database]));
    await linkReceipts(options.receiptsDir, receipts);
    // No integrity_check here: it runs on this thread too (2 s for 45 MB, where the copy took 1 s);
    // the restore checks every page before and after it puts the snapshot in place.
    const files = await receiptTotals(receipts);
    const manifest: SnapshotManifest = {
      takenAt: takenAt.toISOString(),
      appVersion: appVersion(),
      counts: { ...countRows(database), receiptFiles: files.files, receiptBytes: files.bytes },
    };
    await fsp.writeFile(path.join(partial, SNAPSHOT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await fsp.rename(partial, final);
  } catch (error) {
    await fsp.rm(partial, { recursive: true, force: true });
    throw error;
  }
  return { name, path: final, takenAt };
}

/** Deletes the snapshots the retention policy does not keep, and any .partial- folder a crash left; returns the names deleted. */
export async function pruneSnapshots(dir: string, policy: RetentionPolicy, now = new Date()): Promise<string[]> {
  const snapshots = await listSnapshots(dir);
  const keep = snapshotsToKeep(snapshots.map((snapshot) => snapshot.takenAt), now, policy);
  const doomed = snapshots.filter((_, index) => !keep.has(index));
  for (const snapshot of doomed) await fsp.rm(snapshot.path, { recursive: true, force: true });
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith('.partial-')) await fsp.rm(path.join(dir, name), { recursive: true, force: true });
  }
  return doomed.map((snapshot) => snapshot.name);
}

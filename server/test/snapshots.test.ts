import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config';
import { restoreSnapshot } from '../src/snapshots/restore';
import { snapshotsToKeep } from '../src/snapshots/retention';
import { startSnapshotScheduler } from '../src/snapshots/snapshot-scheduler';
import { listSnapshots, pruneSnapshots, takeSnapshot, type SnapshotManifest } from '../src/snapshots/snapshot.service';
import { backend } from './support/backends';
import { ApiClient, signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import { CREATE_TRANSACTION, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

function pagesOf(file: string): { pageSize: number; pageCount: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return { pageSize: db.pragma('page_size', { simple: true }) as number, pageCount: db.pragma('page_count', { simple: true }) as number };
  } finally {
    db.close();
  }
}

/** integrity_check on its own connection: throws when SQLite finds the file malformed, or when the check lists problems. */
function checkAlone(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`integrity check: ${String(result)}`);
  } finally {
    db.close();
  }
}

/** The embedded default's database file (these tests run on it alone). */
function sqliteFileOf(database: { kind: string; file?: string }): string {
  if (database.kind !== 'sqlite' || !database.file) throw new Error('the snapshot tests run on the SQLite default');
  return database.file;
}

/**
 * Daily snapshots of the embedded default (SQLite and receipts on disk) into DATA_DIR/backups, and
 * `npm run restore`. With Postgres and S3 the app takes none: the backup CronJob runs pg_dump
 * (deploy-test/kustomize.test.mjs checks it), which the services run below asserts.
 */
const RESTORE_SCRIPT = path.resolve(__dirname, '../dist/scripts/restore-snapshot.js');
const DAY = 24 * 60 * 60 * 1000;
const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { id } }';
const policy = { keepDaily: 7, keepWeekly: 4 };

describe('retention: the newest of each of the last 7 days and of the last 4 ISO weeks', () => {
  /** Runs a calendar: one snapshot a day at 03:00 UTC, pruned after each, as the scheduler does. */
  function simulate(days: number, start: Date, keep = policy): Date[] {
    let kept: Date[] = [];
    for (let day = 0; day < days; day += 1) {
      const now = new Date(start.getTime() + day * DAY);
      kept.push(now);
      const survivors = snapshotsToKeep(kept, now, keep);
      kept = kept.filter((_, index) => survivors.has(index));
    }
    return kept;
  }
  const iso = (times: Date[]) => times.map((time) => time.toISOString().slice(0, 10));

  test('after 60 daily snapshots, the last 7 days and the Sundays closing the weeks before, back to the 4th week, are kept', () => {
    // 2026-01-05 is a Monday; day 59 is Thursday 2026-03-05.
    const kept = simulate(60, new Date('2026-01-05T03:00:00Z'));
    expect(iso(kept)).toEqual([
      // This ISO week (from Monday 03-02) is the 1st; the newest of the 2nd (03-01) is among the days already.
      '2026-02-15', '2026-02-22',
      '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05',
    ]);
  });

  test('several in one day: only the newest of a past day stays; all of a future day stay (the clock went back)', () => {
    const now = new Date('2026-03-05T12:00:00Z');
    const times = [
      new Date('2026-03-04T01:00:00Z'), new Date('2026-03-04T23:00:00Z'),
      new Date('2026-03-05T03:00:00Z'), new Date('2026-03-05T11:00:00Z'),
      new Date('2026-03-06T03:00:00Z'),
    ];
    expect([...snapshotsToKeep(times, now, policy)].sort()).toEqual([1, 3, 4]);
  });

  test('the policy is configurable: 2 days and no weeks keeps two', () => {
    expect(iso(simulate(30, new Date('2026-01-01T03:00:00Z'), { keepDaily: 2, keepWeekly: 0 }))).toEqual(['2026-01-29', '2026-01-30']);
  });

  test('a gap (the server was off) keeps the weeks that have one', () => {
    const now = new Date('2026-03-05T03:00:00Z');
    const times = [new Date('2026-01-02T03:00:00Z'), new Date('2026-02-16T03:00:00Z'), new Date('2026-02-20T03:00:00Z')];
    // 2026-02-16 and 02-20 share an ISO week: its newest stays; January is more than 4 weeks back.
    expect([...snapshotsToKeep(times, now, policy)]).toEqual([2]);
  });
});

if (backend === 'services') {
  test('with Postgres and S3 the app takes no snapshots (the backup CronJob runs pg_dump) and the restore refuses', async () => {
    const running = await startTestApp({ SNAPSHOT_HOUR_UTC: '0' });
    try {
      expect(running.config.snapshots).toBeUndefined();
      expect(running.app.snapshots).toBeNull();
      expect(fs.existsSync(path.join(running.dataDir, 'backups'))).toBe(false);
      await expect(restoreSnapshot(running.config, 'any')).rejects.toThrow(/embedded default.*pg_dump/);
    } finally {
      await running.destroy();
    }
  });
}

if (backend === 'embedded') {
  const backupsOf = (running: RunningApp) => path.join(running.dataDir, 'backups');
  const countIn = (file: string, table: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  test('a snapshot taken while transactions are written holds one committed state, and its receipts byte for byte', async () => {
    const running = await startTestApp();
    try {
      const { client } = await signUp(running.baseUrl);
      const first = (await client.ok(CREATE_TRANSACTION, { input: { date: '2026-01-02', amount: '-10.00', description: 'first' } })).createTransaction;
      await client.upload(UPLOAD_RECEIPT, { transactionId: first.id }, receiptFiles.pdf);
      await client.upload(UPLOAD_RECEIPT, { transactionId: first.id }, receiptFiles.png);

      let committed = 1;
      const writes = Array.from({ length: 60 }, (_, n) =>
        client.ok(CREATE_TRANSACTION, { input: { date: '2026-01-03', amount: '-1.25', description: `write ${n}` } }).then(() => {
          committed += 1;
        }),
      );
      // Some writes done, most still in flight when the snapshot starts.
      while (committed < 6) await new Promise((resolve) => setTimeout(resolve, 1));
      const before = committed;
      const snapshot = await takeSnapshot({ dataSource: running.app.dataSource, receiptsDir: running.config.receiptsDir, dir: backupsOf(running) });
      const after = committed;
      await Promise.all(writes);
      // Writes were still in flight when it started (it would prove nothing otherwise).
      expect(before).toBeLessThan(61);

      const database = path.join(snapshot.path, 'finance.sqlite');
      const inSnapshot = countIn(database, 'transactions');
      // Exactly what was committed at one moment during the snapshot: not fewer than before, not more than after.
      expect(inSnapshot).toBeGreaterThanOrEqual(before);
      expect(inSnapshot).toBeLessThanOrEqual(after);
      expect(countIn(sqliteFileOf(running.config.database), 'transactions')).toBe(61);

      const manifest = JSON.parse(fs.readFileSync(path.join(snapshot.path, 'manifest.json'), 'utf8')) as SnapshotManifest;
      expect(manifest).toMatchObject({ takenAt: snapshot.takenAt.toISOString(), appVersion: '0.1.0' });
      expect(manifest.counts).toMatchObject({ users: 1, transactions: inSnapshot, receipts: 2, receiptFiles: 2 });
      expect(manifest.counts.receiptBytes).toBe(receiptFiles.pdf.body.length + receiptFiles.png.body.length);

      // Every receipt file, byte for byte, under the same key.
      const keysOf = (root: string) => fs.readdirSync(root).flatMap((folder) => fs.readdirSync(path.join(root, folder)).map((file) => `${folder}/${file}`)).sort();
      const originals = keysOf(running.config.receiptsDir);
      expect(keysOf(path.join(snapshot.path, 'receipts'))).toEqual(originals);
      for (const key of originals) {
        expect(fs.readFileSync(path.join(snapshot.path, 'receipts', key)).equals(fs.readFileSync(path.join(running.config.receiptsDir, key)))).toBe(true);
      }
      // The balance the database keeps per account agrees with the rows of the copy: one state, not two halves.
      const copy = await startOn(snapshot.path);
      try {
        const data = await copy.client.ok('{ accounts { balance } transactions(first: 100) { totalCount } }');
        expect(data.transactions.totalCount).toBe(inSnapshot);
        expect(data.accounts[0].balance).toBe(`-${(10 + 1.25 * (inSnapshot - 1)).toFixed(2)}`);
      } finally {
        await copy.running.destroy();
      }
      // Nothing half-written is left beside it.
      expect(fs.readdirSync(backupsOf(running))).toEqual([snapshot.name]);
    } finally {
      await running.destroy();
    }

    /** A fresh DATA_DIR holding a copy of the snapshot, served, and the first user signed in. */
    async function startOn(snapshotPath: string) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-snapshot-copy-'));
      fs.cpSync(path.join(snapshotPath, 'finance.sqlite'), path.join(dataDir, 'finance.sqlite'));
      fs.cpSync(path.join(snapshotPath, 'receipts'), path.join(dataDir, 'receipts'), { recursive: true });
      const copyApp = await startTestApp({ DATA_DIR: dataDir });
      const db = new Database(path.join(dataDir, 'finance.sqlite'), { readonly: true });
      const { email } = db.prepare('SELECT email FROM users').get() as { email: string };
      db.close();
      const copyClient = new ApiClient(copyApp.baseUrl);
      await copyClient.ok(LOGIN, { email, password: 'correct horse battery' });
      return { running: copyApp, client: copyClient };
    }
  });

  test('the scheduler takes one snapshot a day at the configured hour, and prunes by the policy', async () => {
    const running = await startTestApp({ SNAPSHOT_HOUR_UTC: '3', SNAPSHOT_KEEP_DAILY: '2', SNAPSHOT_KEEP_WEEKLY: '0' });
    try {
      await signUp(running.baseUrl);
      let clock = new Date('2026-03-01T00:30:00Z');
      const scheduler = startSnapshotScheduler({
        config: running.config.snapshots!, dataSource: running.app.dataSource, receiptsDir: running.config.receiptsDir,
        logger: running.app.logger, now: () => clock, timers: false,
      });
      const taken: string[] = [];
      // Hourly checks over four days.
      for (let hour = 0; hour < 96; hour += 1) {
        const snapshot = await scheduler.check();
        if (snapshot) taken.push(snapshot.name);
        clock = new Date(clock.getTime() + 60 * 60 * 1000);
      }
      await scheduler.stop();
      expect(taken).toEqual(['2026-03-01T03-30-00Z', '2026-03-02T03-30-00Z', '2026-03-03T03-30-00Z', '2026-03-04T03-30-00Z']);
      expect((await listSnapshots(backupsOf(running))).map((snapshot) => snapshot.name)).toEqual(['2026-03-03T03-30-00Z', '2026-03-04T03-30-00Z']);
    } finally {
      await running.destroy();
    }
  });

  test('checks that come together take one snapshot', async () => {
    const running = await startTestApp({ SNAPSHOT_HOUR_UTC: '0' });
    try {
      const scheduler = running.app.snapshots!;
      const results = await Promise.all([scheduler.check(), scheduler.check(), scheduler.check()]);
      expect(results[0]).not.toBeNull();
      expect(await scheduler.check()).toBeNull();
      expect((await listSnapshots(backupsOf(running))).length).toBe(1);
    } finally {
      await running.destroy();
    }
  });

  test('SNAPSHOTS=off: the app has no scheduler and takes none', async () => {
    expect(() => loadConfig({ SNAPSHOTS: 'sometimes' })).toThrow(/SNAPSHOTS/);
    expect(() => loadConfig({ SNAPSHOT_KEEP_DAILY: '0' })).toThrow(/SNAPSHOT_KEEP_DAILY/);
    expect(() => loadConfig({ SNAPSHOT_HOUR_UTC: '24' })).toThrow(/SNAPSHOT_HOUR_UTC/);
    expect(loadConfig({ DATA_DIR: '/srv/finance' }).snapshots).toEqual({ dir: '/srv/finance/backups', keepDaily: 7, keepWeekly: 4, hourUtc: 3 });
    const running = await startTestApp({ SNAPSHOTS: 'off', SNAPSHOT_HOUR_UTC: '0' });
    try {
      expect(running.config.snapshots).toBeUndefined();
      expect(running.app.snapshots).toBeNull();
      await signUp(running.baseUrl);
      expect(fs.existsSync(backupsOf(running))).toBe(false);
    } finally {
      await running.destroy();
    }
  });

  test('npm run restore: refuses while the server runs, then brings back the data and receipts of the snapshot', async () => {
    const run = (environment: Record<string, string>, snapshot: string) =>
      promisify(execFile)(process.execPath, [RESTORE_SCRIPT, snapshot], { env: { PATH: process.env.PATH ?? '', ...environment } });
    const first = await startTestApp();
    const { client, user, password } = await signUp(first.baseUrl);
    const kept = (await client.ok(CREATE_TRANSACTION, { input: { date: '2026-02-01', amount: '-42.00', description: 'before the snapshot' } })).createTransaction;
    const receipt = (await client.upload(UPLOAD_RECEIPT, { transactionId: kept.id }, receiptFiles.jpeg)).data.uploadReceipt;
    const snapshot = await takeSnapshot({ dataSource: first.app.dataSource, receiptsDir: first.config.receiptsDir, dir: backupsOf(first) });
    // After the snapshot: a new transaction, and the snapshotted one deleted with its receipt.
    await client.ok(CREATE_TRANSACTION, { input: { date: '2026-02-02', amount: '-7.00', description: 'after the snapshot' } });
    await client.ok('mutation ($id: ID!) { deleteTransaction(id: $id) }', { id: kept.id });

    // This jest worker serves DATA_DIR: the script sees its server.pid and touches nothing.
    await expect(run(first.environment, snapshot.name)).rejects.toMatchObject({ stderr: expect.stringMatching(/a server \(PID \d+\) runs on/) });
    await first.stop();

    const { stdout } = await run(first.environment, snapshot.name);
    expect(stdout).toContain(`restored ${snapshot.path}`);
    const setAside = fs.readdirSync(backupsOf(first)).filter((name) => name.startsWith('before-restore-'));
    expect(setAside).toHaveLength(1);
    // What was there before the restore is kept: its database has the transaction written after the snapshot.
    expect(countIn(path.join(backupsOf(first), setAside[0], 'finance.sqlite'), 'transactions')).toBe(1);

    const second = await startTestApp({}, first.environment);
    try {
      const again = new ApiClient(second.baseUrl);
      await again.ok(LOGIN, { email: user.email, password });
      const data = await again.ok('{ transactions { edges { node { id description amount receipts { id url } } } } }');
      expect(data.transactions.edges.map((edge: { node: { description: string } }) => edge.node.description)).toEqual(['before the snapshot']);
      const [restored] = data.transactions.edges;
      expect(restored.node.receipts.map((r: { id: string }) => r.id)).toEqual([receipt.id]);
      const download = await again.fetch(restored.node.receipts[0].url);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(receiptFiles.jpeg.body)).toBe(true);
    } finally {
      await second.destroy();
    }
  });

  test('a half-written snapshot is never listed, and the next prune removes it; a damaged one is refused by the restore', async () => {
    const running = await startTestApp();
    await signUp(running.baseUrl);
    const snapshot = await takeSnapshot({ dataSource: running.app.dataSource, receiptsDir: running.config.receiptsDir, dir: backupsOf(running) });
    await running.stop();
    try {
      // What a crash halfway leaves: a .partial- folder with a database in it.
      const partial = path.join(backupsOf(running), `.partial-2026-01-01T03-00-00Z-crashed`);
      fs.cpSync(snapshot.path, partial, { recursive: true });
      expect((await listSnapshots(backupsOf(running))).map((s) => s.name)).toEqual([snapshot.name]);
      expect(await pruneSnapshots(backupsOf(running), policy, snapshot.takenAt)).toEqual([]);
      expect(fs.readdirSync(backupsOf(running))).toEqual([snapshot.name]);

      // Damage every page after the first (the schema's root stays readable): one page could be a free one, which no check reads.
      const file = path.join(snapshot.path, 'finance.sqlite');
      const { pageSize, pageCount } = pagesOf(file);
      expect(pageCount).toBeGreaterThan(1);
      const handle = fs.openSync(file, 'r+');
      fs.writeSync(handle, Buffer.alloc((pageCount - 1) * pageSize, 0xab), 0, (pageCount - 1) * pageSize, pageSize);
      fs.closeSync(handle);
      // The damage is real before the restore is asked to find it.
      expect(() => checkAlone(file)).toThrow(/malformed|integrity/);
      // Settled to a value, so a restore that goes through shows where it read from.
      const outcome: unknown = await restoreSnapshot(running.config, snapshot.name).catch((error: unknown) => error);
      expect(outcome).toMatchObject({ message: expect.stringMatching(/integrity check|malformed/) });
      expect(countIn(sqliteFileOf(running.config.database), 'users')).toBe(1);
      expect(fs.readdirSync(backupsOf(running))).toEqual([snapshot.name]);
    } finally {
      fs.rmSync(running.dataDir, { recursive: true, force: true });
    }
  });

  test('npm run restore refuses what is not a snapshot, and leaves the data in place', async () => {
    const running = await startTestApp();
    await signUp(running.baseUrl);
    await running.stop();
    try {
      await expect(
        promisify(execFile)(process.execPath, [RESTORE_SCRIPT, 'no-such-snapshot'], { env: { PATH: process.env.PATH ?? '', ...running.environment } }),
      ).rejects.toMatchObject({ stderr: expect.stringContaining('no-such-snapshot is not a snapshot') });
      expect(countIn(sqliteFileOf(running.config.database), 'users')).toBe(1);
      expect(fs.existsSync(backupsOf(running))).toBe(false);
    } finally {
      fs.rmSync(running.dataDir, { recursive: true, force: true });
    }
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SessionData } from 'express-session';
import { call, sessionUntil } from './support/session-stores';
import { SqliteSessionStore } from '../src/sessions/sqlite-session-store';

const SLACK_MS = 200;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-sessions-'));
const file = path.join(directory, 'sessions.sqlite');
const stores: SqliteSessionStore[] = [];
afterAll(() => {
  for (const store of stores) store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

function openStore(): SqliteSessionStore {
  const store = new SqliteSessionStore(file, 60_000, SLACK_MS);
  stores.push(store);
  return store;
}

const storedExpiry = (sid: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT expires_at FROM sessions WHERE sid = ?').get(sid) as { expires_at: number } | undefined)?.expires_at;
  } finally {
    db.close();
  }
};

test('a sliding expiry is written at most once per slack, by this process and by the others sharing the file', async () => {
  const store = openStore();
  const start = Date.now() + 60_000;
  await call((done) => store.set('sid-a', sessionUntil(start), done));
  expect(storedExpiry('sid-a')).toBe(start);

  // Just saved: this process does not write the expiry again within the slack, however far it moved.
  await call((done) => store.touch('sid-a', sessionUntil(start + 5_000), done));
  expect(storedExpiry('sid-a')).toBe(start);

  await new Promise((resolve) => setTimeout(resolve, SLACK_MS + 50));
  await call((done) => store.touch('sid-a', sessionUntil(start + 5_000), done));
  expect(storedExpiry('sid-a')).toBe(start + 5_000);

  // Another process (its own store on the same file) does not rewrite an expiry that moved less than the slack…
  const other = openStore();
  await call((done) => other.touch('sid-a', sessionUntil(start + 5_000 + SLACK_MS / 2), done));
  expect(storedExpiry('sid-a')).toBe(start + 5_000);
  // …and writes one that moved more.
  await new Promise((resolve) => setTimeout(resolve, SLACK_MS + 50));
  await call((done) => other.touch('sid-a', sessionUntil(start + 9_000), done));
  expect(storedExpiry('sid-a')).toBe(start + 9_000);
  expect(((await call((done) => store.get('sid-a', done))) as { userId: number }).userId).toBe(7);
});

test('a destroyed session stays gone: a late touch does not bring it back', async () => {
  const store = openStore();
  const expiresAt = Date.now() + 60_000;
  await call((done) => store.set('sid-b', sessionUntil(expiresAt), done));
  await call((done) => store.destroy('sid-b', done));
  await new Promise((resolve) => setTimeout(resolve, SLACK_MS + 50));
  await call((done) => store.touch('sid-b', sessionUntil(expiresAt + 10_000), done));
  expect(storedExpiry('sid-b')).toBeUndefined();
  expect(await call((done) => store.get('sid-b', done))).toBeNull();
});

test('an expired session is not read', async () => {
  const store = openStore();
  await call((done) => store.set('sid-c', sessionUntil(Date.now() - 1), done));
  expect(await call((done) => store.get('sid-c', done))).toBeNull();
});

describe('the index of each user\'s sessions', () => {
  const sessionOf = (userId: number, expiresAt = Date.now() + 60_000) => ({ ...sessionUntil(expiresAt), userId, signedInAt: Date.now() }) as SessionData;
  const lastUseOf = async (store: SqliteSessionStore, userId: number, sid: string) =>
    (await store.listForUser(userId)).find((stored) => stored.sid === sid)?.lastUsedAt;

  test("lists a user's live sessions with their last use, which a touch moves at most once per slack", async () => {
    const store = openStore();
    await call((done) => store.set('ann-1', sessionOf(21), done));
    await call((done) => store.set('ann-2', sessionOf(21), done));
    await call((done) => store.set('ann-old', sessionOf(21, Date.now() - 1), done));
    await call((done) => store.set('bob-1', sessionOf(22), done));
    expect((await store.listForUser(21)).map((stored) => stored.sid).sort()).toEqual(['ann-1', 'ann-2']);
    expect((await store.listForUser(22))[0]).toMatchObject({ sid: 'bob-1', data: expect.objectContaining({ userId: 22 }) });

    const firstUse = (await lastUseOf(store, 21, 'ann-1'))!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await call((done) => store.touch('ann-1', sessionOf(21), done));
    expect(await lastUseOf(store, 21, 'ann-1')).toBe(firstUse);
    await new Promise((resolve) => setTimeout(resolve, SLACK_MS + 50));
    await call((done) => store.touch('ann-1', sessionOf(21, Date.now() + 60_000), done));
    expect(await lastUseOf(store, 21, 'ann-1')).toBeGreaterThan(firstUse + SLACK_MS);
  });

  test("ending sessions for a user leaves another user's session alone", async () => {
    const store = openStore();
    await call((done) => store.set('cat-1', sessionOf(31), done));
    await call((done) => store.set('dan-1', sessionOf(32), done));
    await store.destroyForUser(31, ['cat-1', 'dan-1']);
    expect(await store.listForUser(31)).toEqual([]);
    expect(await call((done) => store.get('cat-1', done))).toBeNull();
    expect(await call((done) => store.get('dan-1', done))).not.toBeNull();
  });

  test('a sessions file from before the index is upgraded, its sessions listed under their users', async () => {
    const oldFile = path.join(directory, 'old-sessions.sqlite');
    const db = new Database(oldFile);
    db.exec('CREATE TABLE sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL)');
    db.prepare('INSERT INTO sessions VALUES (?, ?, ?)').run('eve-1', JSON.stringify(sessionOf(41)), Date.now() + 60_000);
    db.close();
    const store = new SqliteSessionStore(oldFile, 60_000, SLACK_MS);
    stores.push(store);
    expect((await store.listForUser(41)).map((stored) => stored.sid)).toEqual(['eve-1']);
    // Opening it again changes nothing.
    const again = new SqliteSessionStore(oldFile, 60_000, SLACK_MS);
    stores.push(again);
    expect(await again.listForUser(41)).toHaveLength(1);
  });
});

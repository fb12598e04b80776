import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
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

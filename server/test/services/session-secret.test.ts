import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ApiClient, signUp } from '../support/client';
import { freshBackendEnvironment } from '../support/backends';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { startTestApp } from '../support/test-app';

/** Replicas on one Postgres and Redis with no SESSION_SECRET: the secret is made once, in the database. */
describe('replicas started without SESSION_SECRET', () => {
  let environment: Record<string, string>;
  const replicas: ServerProcess[] = [];

  beforeAll(async () => {
    // An empty database, as on a first deployment: the two also race to run the migrations, and take turns.
    const { SESSION_SECRET: _configured, ...shared } = await freshBackendEnvironment({ migrated: false });
    environment = shared;
    // Started at the same moment, each on its own empty DATA_DIR: they must still agree on one secret.
    const started = await Promise.allSettled(['a', 'b'].map((name) => startServerProcess({ ...environment, DATA_DIR: `/tmp/finance-secret-${process.pid}-${name}` })));
    for (const outcome of started) if (outcome.status === 'fulfilled') replicas.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  });
  afterAll(async () => {
    // Stop them all before asserting, so a failed stop never leaves a process behind.
    const exitCodes = await Promise.all(replicas.map((replica) => replica.stop()));
    expect(exitCodes).toEqual(replicas.map(() => 0));
    for (const name of ['a', 'b', 'c']) fs.rmSync(`/tmp/finance-secret-${process.pid}-${name}`, { recursive: true, force: true });
  });

  test('a session made on one replica is valid on the other, and on one started later', async () => {
    const [a, b] = replicas;
    const { client: onA, user } = await signUp(a.baseUrl);
    for (const replica of [b, a]) {
      const sameBrowser = new ApiClient(replica.baseUrl);
      sameBrowser.cookie = onA.cookie;
      expect((await sameBrowser.ok('{ me { id } }')).me).toEqual({ id: user.id });
    }

    // A restart (or a replica added later) reads the same secret: the user stays signed in.
    await b.stop();
    const c = await startServerProcess({ ...environment, DATA_DIR: `/tmp/finance-secret-${process.pid}-c` });
    replicas.push(c);
    const onC = new ApiClient(c.baseUrl);
    onC.cookie = onA.cookie;
    expect((await onC.ok('{ me { id } }')).me).toEqual({ id: user.id });

    const database = new Client({ connectionString: environment.DATABASE_URL });
    await database.connect();
    try {
      const { rows } = await database.query(`SELECT "name" FROM "app_secrets"`);
      expect(rows).toEqual([{ name: 'session-secret' }]);
    } finally {
      await database.end();
    }
  });
});

test('two apps on one SQLite database with sessions in Redis also share the secret made in that database', async () => {
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-secret-sqlite-'));
  const first = await startTestApp({ DATABASE_URL: `sqlite://${path.join(shared, 'finance.sqlite')}`, SESSION_SECRET: '' });
  const second = await startTestApp({ ...first.environment, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'finance-secret-sqlite-b-')) });
  try {
    const { client, user } = await signUp(first.baseUrl);
    const sameBrowser = new ApiClient(second.baseUrl);
    sameBrowser.cookie = client.cookie;
    expect((await sameBrowser.ok('{ me { id } }')).me).toEqual({ id: user.id });
  } finally {
    await first.destroy();
    await second.destroy();
    fs.rmSync(shared, { recursive: true, force: true });
  }
});

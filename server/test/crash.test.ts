import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { freshBackendEnvironment } from './support/backends';
import { ApiClient, signUp, uniqueEmail } from './support/client';
import { CREATE_TRANSACTION } from './support/operations';
import { startServerProcess } from './support/server-process';

// With two workers (WEB_CONCURRENCY), SIGKILL hits the primary, as a container's stop does when it
// runs out of patience; the workers go with it (node:cluster exits a worker whose primary is gone).
test.each(['1', '2'])('SIGKILL in the middle of a burst of writes: every acknowledged write survives, no half-done multi-row write is visible (WEB_CONCURRENCY=%s)', async (workers) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-crash-'));
  const environment = { DATA_DIR: dataDir, RATE_LIMIT_REGISTER_PER_IP: '100000', WEB_CONCURRENCY: workers, ...(await freshBackendEnvironment()) };
  const first = await startServerProcess(environment);
  const { client, user } = await signUp(first.baseUrl);

  const acknowledged: string[] = [];
  const registered: string[] = [];
  let killed = false;
  const writer = async (worker: number) => {
    for (let i = 0; !killed; i += 1) {
      try {
        if (i % 5 === 4) {
          const email = uniqueEmail(`burst${worker}`);
          const result = await new ApiClient(first.baseUrl).gql('mutation ($i: RegisterInput!) { register(input: $i) { id } }', {
            i: { email, password: 'long enough pw', name: 'Burst' },
          });
          if (result.data?.register) registered.push(result.data.register.id);
        } else {
          const result = await client.gql(CREATE_TRANSACTION, { input: { date: '2025-03-01', amount: `-${worker}.${String(i % 100).padStart(2, '0')}`, description: `w${worker}-${i}` } });
          if (result.data?.createTransaction) acknowledged.push(result.data.createTransaction.id);
        }
      } catch {
        return; // the connection died with the server
      }
    }
  };
  const writers = Array.from({ length: 6 }, (_, worker) => writer(worker));
  while (acknowledged.length < 40 || registered.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
  first.child.kill('SIGKILL');
  killed = true;
  await Promise.all(writers);
  await first.exited;

  const second = await startServerProcess(environment);
  try {
    const sameUser = new ApiClient(second.baseUrl);
    sameUser.cookie = client.cookie;
    const { transactions } = await sameUser.ok('{ transactions(first: 200) { totalCount edges { node { id } } } }');
    const stored = new Set(transactions.edges.map((edge: { node: { id: string } }) => edge.node.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(transactions.totalCount).toBeGreaterThanOrEqual(acknowledged.length);
    expect((await sameUser.ok('{ me { id } }')).me.id).toBe(user.id);
  } finally {
    expect(await second.stop()).toBe(0);
  }
  await checkRegistrationsAreWhole(environment, registered);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every user row has its Cash account and all ten starter categories, read straight from the database. */
async function checkRegistrationsAreWhole(environment: Record<string, string>, acknowledgedUsers: string[]): Promise<void> {
  const dataSource = await openDatabase(loadConfig(environment).database);
  try {
    const users: { id: number; accounts: string | number; categories: string | number }[] = await dataSource.query(
      `SELECT u.id AS id,
              (SELECT COUNT(*) FROM accounts a WHERE a.user_id = u.id) AS accounts,
              (SELECT COUNT(*) FROM categories c WHERE c.user_id = u.id) AS categories
         FROM users u`,
    );
    for (const row of users) {
      expect({ id: row.id, accounts: Number(row.accounts), categories: Number(row.categories) }).toEqual({ id: row.id, accounts: 1, categories: 10 });
    }
    const ids = new Set(users.map((row) => String(row.id)));
    expect(acknowledgedUsers.filter((id) => !ids.has(id))).toEqual([]);
  } finally {
    await dataSource.destroy();
  }
}

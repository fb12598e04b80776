import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient, signUp } from './support/client';
import { CREATE_TRANSACTION } from './support/operations';
import { startServerProcess, type ServerProcess } from './support/server-process';

/**
 * WEB_CONCURRENCY on the embedded default: workers of one server share the port, the SQLite file
 * and the session store (cluster/primary.ts). Real processes; which worker served a request is read
 * from its log line (pino's pid), matched by the X-Request-Id the test sends.
 */
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LogLine { pid: number; msg: string; req?: { id: string }; res?: { statusCode: number } }

function logLines(server: ServerProcess): LogLine[] {
  return server.output().split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

const workerPids = (server: ServerProcess) => logLines(server).filter((line) => line.msg === 'worker serving').map((line) => line.pid);

/** A GraphQL request tagged with its own request id, so its log line says which process served it. */
let tag = 0;
async function tagged(client: ApiClient, query: string, variables: Record<string, unknown> = {}) {
  tag += 1;
  const requestId = `workers-test-${tag}-${Date.now()}`;
  const response = await client.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ query, variables }),
  });
  return { requestId, body: (await response.json()) as { data?: Record<string, any>; errors?: unknown[] } };
}

function servedBy(server: ServerProcess, requestIds: string[]): Set<number> {
  const wanted = new Set(requestIds);
  return new Set(logLines(server).filter((line) => line.req && wanted.has(line.req.id)).map((line) => line.pid));
}

async function withTwoWorkers(run: (server: ServerProcess, dataDir: string) => Promise<void>, environment: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-workers-'));
  const server = await startServerProcess({ DATA_DIR: dataDir, WEB_CONCURRENCY: '2', RATE_LIMIT_REGISTER_PER_IP: '100000', SHUTDOWN_DRAIN_SECONDS: '0', ...environment });
  try {
    await run(server, dataDir);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every transaction of the user, id to amount, page by page. */
async function allTransactions(client: ApiClient): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  let after: string | null = null;
  do {
    const { transactions }: { transactions: { edges: { node: { id: string; amount: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await client.ok('query ($after: String) { transactions(first: 200, after: $after) { edges { node { id amount } } pageInfo { hasNextPage endCursor } } }', { after });
    for (const { node } of transactions.edges) stored.set(node.id, node.amount);
    after = transactions.pageInfo.hasNextPage ? transactions.pageInfo.endCursor : null;
  } while (after);
  return stored;
}

/** Cents of a decimal string such as "-12.34". */
const centsOf = (amount: string) => Math.round(Number(amount) * 100);

describe('WEB_CONCURRENCY=2 on SQLite', () => {
  test('both workers serve, a session made on one works on the other, the primary holds the instance lock, SIGTERM drains all and exits 0', async () => {
    await withTwoWorkers(async (server, dataDir) => {
      const pids = workerPids(server);
      expect(new Set(pids).size).toBe(2);
      expect(pids).not.toContain(server.child.pid);
      expect(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8').trim()).toBe(String(server.child.pid));

      const { client, user } = await signUp(server.baseUrl);
      // Parallel requests open several connections, which the primary hands to the workers in turn.
      const answers = await Promise.all(Array.from({ length: 30 }, () => tagged(client, '{ me { id } }')));
      expect(answers.map((answer) => answer.body.data?.me?.id)).toEqual(answers.map(() => user.id));
      expect(servedBy(server, answers.map((answer) => answer.requestId))).toEqual(new Set(pids));

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const drained = logLines(server).filter((line) => line.msg === 'shutting down: not ready, draining').map((line) => line.pid);
      expect(new Set(drained)).toEqual(new Set(pids));
      expect(fs.existsSync(path.join(dataDir, 'server.pid'))).toBe(false);
    });
  }, 60_000);

  test('240 createTransaction at once from four users: every one succeeds, on both workers, and the balances add up', async () => {
    await withTwoWorkers(async (server) => {
      const users = await Promise.all(Array.from({ length: 4 }, () => signUp(server.baseUrl)));
      const writes = users.flatMap(({ client }, u) =>
        Array.from({ length: 60 }, (_, i) => ({ client, u, amount: `${i % 2 ? '-' : ''}${u + 1}.${String(i).padStart(2, '0')}` })),
      );
      const results = await Promise.all(
        writes.map(({ client, amount }, i) => tagged(client, CREATE_TRANSACTION, { input: { date: '2025-06-01', amount, description: `parallel ${i}` } })),
      );
      expect(results.filter((result) => result.body.errors || !result.body.data?.createTransaction)).toEqual([]);
      expect(servedBy(server, results.map((result) => result.requestId)).size).toBe(2);

      for (const [u, { client }] of users.entries()) {
        const { accounts, transactions } = await client.ok('{ accounts { balance openingBalance } transactions(first: 1) { totalCount } }');
        expect(transactions.totalCount).toBe(60);
        const expected = writes.filter((write) => write.u === u).reduce((sum, write) => sum + centsOf(write.amount), 0);
        expect(centsOf(accounts[0].balance) - centsOf(accounts[0].openingBalance)).toBe(expected);
      }
      expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked/);
      expect(logLines(server).filter((line) => (line.res?.statusCode ?? 200) >= 500)).toEqual([]);
    });
  }, 60_000);

  test('SIGKILL of one worker in the middle of writes: no acknowledged write is lost, the primary forks another, the other worker serves on', async () => {
    await withTwoWorkers(async (server) => {
      const { client } = await signUp(server.baseUrl);
      const [victim, survivor] = workerPids(server);
      const acknowledged = new Map<string, string>();
      let running = true;
      const writer = async (lane: number) => {
        for (let i = 0; running; i += 1) {
          const amount = `-${lane}.${String(i % 100).padStart(2, '0')}`;
          try {
            const result = await client.gql(CREATE_TRANSACTION, { input: { date: '2025-03-01', amount, description: `lane ${lane} #${i}` } });
            if (result.data?.createTransaction) acknowledged.set(result.data.createTransaction.id, amount);
          } catch {
            await delay(20); // the connection was on the worker that died
          }
        }
      };
      const writers = Array.from({ length: 6 }, (_, lane) => writer(lane + 1));
      let atKill: number | undefined;
      let replacement: number | undefined;
      try {
        while (acknowledged.size < 40) await delay(10);
        process.kill(victim, 'SIGKILL');
        atKill = acknowledged.size;
        while (!(replacement = workerPids(server).find((pid) => pid !== victim && pid !== survivor))) await delay(100);
        const afterRestart = acknowledged.size;
        while (acknowledged.size < afterRestart + 40) await delay(10);
      } finally {
        running = false;
        await Promise.all(writers);
      }
      expect(acknowledged.size).toBeGreaterThan(atKill);
      expect(logLines(server).some((line) => line.msg === 'a worker died; forking another' && line.pid === server.child.pid)).toBe(true);

      const stored = await allTransactions(client);
      expect([...acknowledged.keys()].filter((id) => !stored.has(id))).toEqual([]);
      const { accounts } = await client.ok('{ accounts { balance openingBalance } }');
      const storedSum = [...stored.values()].reduce((sum, amount) => sum + centsOf(amount), 0);
      expect(centsOf(accounts[0].balance) - centsOf(accounts[0].openingBalance)).toBe(storedSum);

      const answers = await Promise.all(Array.from({ length: 30 }, () => tagged(client, '{ me { id } }')));
      expect(servedBy(server, answers.map((answer) => answer.requestId))).toEqual(new Set([survivor, replacement]));
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    });
  }, 120_000);
});

test.each([
  ['0', /WEB_CONCURRENCY: must be at least 1/],
  ['two', /WEB_CONCURRENCY: must be a whole number of worker processes/],
])('WEB_CONCURRENCY=%s is a start-up error', async (value, message) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-workers-'));
  try {
    await expect(startServerProcess({ DATA_DIR: dataDir, WEB_CONCURRENCY: value })).rejects.toThrow(message);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

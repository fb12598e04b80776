import { Client } from 'pg';
import { freshBackendEnvironment } from '../support/backends';
import { ApiClient, signUp } from '../support/client';
import { receiptFiles } from '../support/fixtures';
import { codeOf, CREATE_TRANSACTION, DELETE_CATEGORY, LIST_ACCOUNTS, UPLOAD_RECEIPT } from '../support/operations';
import { freePort } from '../../../test-kit/ports.cjs';
import { PrivatePostgres, PrivateRedis, PrivateS3rver } from '../../../test-kit/services.cjs';
import { startServerProcess } from '../support/server-process';
import { startTestApp } from '../support/test-app';

async function readiness(client: ApiClient): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await client.fetch('/readyz');
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, string> }).checks };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

test('Redis stops: sessions answer SERVICE_UNAVAILABLE, nobody gets in, and it recovers when Redis returns', async () => {
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const running = await startTestApp({ ...(await freshBackendEnvironment()), REDIS_URL: redis.url });
  try {
    const { client, user, password } = await signUp(running.baseUrl);
    const probe = new ApiClient(running.baseUrl);
    expect((await readiness(probe)).checks.redis).toBe('ok');

    await redis.stop();
    const started = Date.now();
    const me = await client.gql('{ me { id } }');
    expect(me.status).toBe(503);
    expect(me.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5000);
    const login = await new ApiClient(running.baseUrl).gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }', { e: user.email, p: password });
    expect(login.data?.login ?? null).toBeNull();
    expect(login.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await readiness(probe)).toMatchObject({ status: 503, checks: { redis: 'unavailable', database: 'ok' } });
    expect((await probe.fetch('/healthz')).status).toBe(200);

    await redis.start();
    expect((await eventually(() => readiness(probe), (r) => r.status === 200)).status).toBe(200);
    // Redis kept nothing on disk, so the old session is gone; signing in works again.
    const again = new ApiClient(running.baseUrl);
    await again.ok('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }', { e: user.email, p: password });
    expect((await again.ok('{ me { id } }')).me.id).toBe(user.id);
  } finally {
    await running.destroy();
    await redis.stop();
  }
});

test('Redis down: every request answers SERVICE_UNAVAILABLE at once, without waiting for a reconnect', async () => {
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const running = await startTestApp({ ...(await freshBackendEnvironment()), REDIS_URL: redis.url });
  try {
    const { client } = await signUp(running.baseUrl);
    await redis.stop();
    // Spread over a few seconds, so that requests also land while the client backs off between reconnects.
    const durations: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const started = Date.now();
      const me = await client.gql('{ me { id } }');
      durations.push(Date.now() - started);
      expect(me.status).toBe(503);
      expect(me.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    // A generous bound for a loaded machine: before, a request waited for the next reconnect attempt (0.2-3.3 s).
    console.log(`requests while Redis is down answered in ${durations.join(', ')} ms`);
    expect(Math.max(...durations)).toBeLessThan(1000);
  } finally {
    await running.destroy();
    await redis.stop();
  }
});

test('Postgres stops: requests fail fast with SERVICE_UNAVAILABLE, /readyz goes red, then all recovers without a restart', async () => {
  const postgres = new PrivatePostgres(await freePort());
  await postgres.init();
  const running = await startTestApp({ ...(await freshBackendEnvironment()), DATABASE_URL: postgres.url });
  try {
    const { client } = await signUp(running.baseUrl);
    const probe = new ApiClient(running.baseUrl);
    await client.ok(LIST_ACCOUNTS);

    await postgres.stop();
    const started = Date.now();
    const failed = await client.gql(LIST_ACCOUNTS);
    expect(failed.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(6000);
    expect(await readiness(probe)).toMatchObject({ status: 503, checks: { database: 'unavailable' } });

    await postgres.start();
    expect((await eventually(() => readiness(probe), (r) => r.status === 200)).status).toBe(200);
    const recovered = await eventually(() => client.gql(LIST_ACCOUNTS), (r) => !r.errors);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data.accounts[0].name).toBe('Cash');
  } finally {
    await running.destroy();
    await postgres.destroy();
  }
});

test('a Postgres connection dropped between two statements of a transaction answers SERVICE_UNAVAILABLE with Retry-After', async () => {
  const environment = await freshBackendEnvironment();
  const server = await startServerProcess(environment);
  const admin = new Client({ connectionString: environment.DATABASE_URL });
  await admin.connect();
  const locker = new Client({ connectionString: environment.DATABASE_URL });
  await locker.connect();
  try {
    const { client } = await signUp(server.baseUrl);
    const categoryId = (await client.ok('{ categories { id } }')).categories[0].id;
    const transactionId = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '-1.00', categoryId } })).createTransaction.id;

    // deleteCategory runs SELECT, UPDATE transactions, DELETE in one transaction: hold its UPDATE on a row lock.
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM transactions WHERE id = $1 FOR UPDATE', [transactionId]);
    const answer = client.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DELETE_CATEGORY, variables: { id: categoryId } }),
    });
    let backendPid: number | undefined;
    for (let waited = 0; backendPid === undefined && waited < 10_000; waited += 50) {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "transactions"%'`,
      );
      backendPid = rows[0]?.pid;
      if (backendPid === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(backendPid).toBeDefined();
    // Freeze the app, let its UPDATE finish (now idle in transaction) and drop that connection: when the
    // app wakes it reads the UPDATE's result and the connection's end together, as under load.
    server.child.kill('SIGSTOP');
    try {
      await locker.query('COMMIT');
      await admin.query('SELECT pg_terminate_backend($1)', [backendPid]);
    } finally {
      server.child.kill('SIGCONT');
    }
    const response = await answer;
    const body = (await response.json()) as { errors?: { extensions?: { code?: string; retryAfter?: number } }[] };
    expect(body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0].extensions?.retryAfter).toBe(5);
    expect(response.headers.get('retry-after')).toBe('5');
    // Nothing was changed, and the next request works on a fresh connection.
    expect((await client.ok('{ categories { id } }')).categories.map((c: { id: string }) => c.id)).toContain(categoryId);
  } finally {
    await locker.end().catch(() => undefined);
    await admin.end();
    await server.stop();
  }
});

test('a frozen object store: uploads answer SERVICE_UNAVAILABLE within S3_TIMEOUT_MS, the replica stays ready, /healthz?details names the store', async () => {
  const s3 = new PrivateS3rver(await freePort());
  await s3.start();
  const running = await startTestApp({ ...(await freshBackendEnvironment()), S3_PORT: String(s3.port), S3_TIMEOUT_MS: '500' });
  try {
    const { client } = await signUp(running.baseUrl);
    const transactionId = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '-1.00' } })).createTransaction.id;
    const stored = (await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.pdf)).data.uploadReceipt;

    s3.freeze();
    const started = Date.now();
    const upload = await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.png);
    const elapsed = Date.now() - started;
    console.log(`upload to a frozen store answered in ${elapsed} ms`);
    expect(codeOf(upload)).toBe('SERVICE_UNAVAILABLE');
    // The timeout is 500 ms; before, the upload waited for as long as the store was frozen.
    expect(elapsed).toBeLessThan(5000);
    const download = await client.fetch(stored.url);
    expect(download.status).toBe(503);
    expect(download.headers.get('retry-after')).toBe('5');
    await download.text();

    // Everything but receipts still works, so the load balancer keeps this replica.
    const ready = await client.fetch('/readyz');
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks).toEqual({ database: 'ok', redis: 'ok' });
    expect((await client.ok(LIST_ACCOUNTS)).accounts).toHaveLength(1);
    const details = (await (await client.fetch('/healthz?details')).json()) as { status: string; checks: Record<string, string> };
    expect(details).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', storage: 'unavailable' } });
    expect(await (await client.fetch('/metrics')).text()).toContain('dependency_up{dependency="storage"} 0');

    s3.thaw();
    const again = await eventually(() => client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.png), (result) => !result.errors);
    expect(again.errors).toBeUndefined();
    expect(((await (await client.fetch('/healthz?details')).json()) as { checks: Record<string, string> }).checks.storage).toBe('ok');
  } finally {
    s3.thaw();
    await running.destroy();
    await s3.destroy();
  }
});

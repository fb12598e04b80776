import { Redis } from 'ioredis';
import { ApiClient, signUp } from '../support/client';
import { freshBackendEnvironment } from '../support/backends';
import { receiptFiles } from '../support/fixtures';
import { CREATE_TRANSACTION, LIST_TRANSACTIONS, UPLOAD_RECEIPT } from '../support/operations';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/** The same cookie presented to another replica, as a load balancer would. */
function sameBrowserOn(replica: ServerProcess, client: ApiClient): ApiClient {
  const other = new ApiClient(replica.baseUrl);
  other.cookie = client.cookie;
  return other;
}

describe('stateless replicas on one Postgres, Redis and S3', () => {
  let environment: Record<string, string>;
  const replicas: ServerProcess[] = [];

  beforeAll(async () => {
    environment = await freshBackendEnvironment();
    // Each replica gets its own empty DATA_DIR: nothing may depend on local disk.
    for (const name of ['a', 'b']) replicas.push(await startServerProcess({ ...environment, DATA_DIR: `/tmp/finance-replica-${process.pid}-${name}` }));
  });
  afterAll(async () => {
    for (const replica of replicas) expect(await replica.stop()).toBe(0);
  });

  test('a session, a receipt and a logout are seen by every replica', async () => {
    const [a, b] = replicas;
    const { client: onA } = await signUp(a.baseUrl);
    const onB = sameBrowserOn(b, onA);
    expect((await onB.ok('{ me { id } }')).me).not.toBeNull();

    const transaction = (await onB.ok(CREATE_TRANSACTION, { input: { date: '2025-08-01', amount: '-8.00', description: 'Made on B' } })).createTransaction;
    const uploaded = await onA.upload(UPLOAD_RECEIPT, { transactionId: transaction.id }, receiptFiles.jpeg);
    expect(uploaded.errors).toBeUndefined();
    const download = await onB.fetch(uploaded.data.uploadReceipt.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(receiptFiles.jpeg.body)).toBe(true);

    // A third replica started later serves the same user.
    const c = await startServerProcess({ ...environment, DATA_DIR: `/tmp/finance-replica-${process.pid}-c` });
    replicas.push(c);
    const onC = sameBrowserOn(c, onA);
    const { transactions } = await onC.ok(LIST_TRANSACTIONS);
    expect(transactions.edges.map((edge: { node: { description: string } }) => edge.node.description)).toEqual(['Made on B']);

    await onB.ok('mutation { logout }');
    expect((await onA.ok('{ me { id } }')).me).toBeNull();
    expect((await onC.ok('{ me { id } }')).me).toBeNull();
  });
});

test('sessions live in Redis under the configured prefix, with the cookie’s max age as TTL', async () => {
  const environment = await freshBackendEnvironment();
  const replica = await startServerProcess({ ...environment, DATA_DIR: `/tmp/finance-replica-${process.pid}-ttl`, SESSION_MAX_AGE_DAYS: '2' });
  const redis = new Redis(environment.REDIS_URL);
  try {
    const { client } = await signUp(replica.baseUrl);
    const sid = decodeURIComponent(client.cookie!.split('=')[1]).slice(2).split('.')[0];
    const key = `${environment.REDIS_PREFIX}sess:${sid}`;
    expect(await redis.exists(key)).toBe(1);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(2 * 86400 - 60);
    expect(ttl).toBeLessThanOrEqual(2 * 86400);
    await client.ok('mutation { logout }');
    expect(await redis.exists(key)).toBe(0);
  } finally {
    redis.disconnect();
    expect(await replica.stop()).toBe(0);
  }
});

test('failed sign-ins are counted across replicas through Redis', async () => {
  const environment = await freshBackendEnvironment();
  const a = await startServerProcess({ ...environment, DATA_DIR: `/tmp/finance-replica-${process.pid}-la`, RATE_LIMIT_LOGIN_PER_ACCOUNT: '4' });
  const b = await startServerProcess({ ...environment, DATA_DIR: `/tmp/finance-replica-${process.pid}-lb`, RATE_LIMIT_LOGIN_PER_ACCOUNT: '4' });
  try {
    const { user, password } = await signUp(a.baseUrl);
    const login = (replica: ServerProcess, secret: string) =>
      new ApiClient(replica.baseUrl).gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }', { e: user.email, p: secret });
    for (const replica of [a, b, a, b]) expect((await login(replica, 'wrong password')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login(a, password)).errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect((await login(b, password)).errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
  } finally {
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  }
});

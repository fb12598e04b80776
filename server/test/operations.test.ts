import { loadConfig } from '../src/config';
import { backend } from './support/backends';
import { ApiClient } from './support/client';
import { startTestApp, type RunningApp } from './support/test-app';

describe('configuration', () => {
  test('defaults: port 4000, data in ./data, SQLite, 10 MB receipts', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.dataDir).toBe(`${process.cwd()}/data`);
    expect(config.database).toEqual({ kind: 'sqlite', file: `${process.cwd()}/data/finance.sqlite` });
    expect(config.receiptMaxBytes).toBe(10 * 1024 * 1024);
    expect(Object.isFrozen(config)).toBe(true);
  });

  test.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['RECEIPT_MAX_MB', { RECEIPT_MAX_MB: '-1' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
    ['COOKIE_SECURE', { COOKIE_SECURE: 'maybe' }],
  ])('a bad %s is refused with a message naming it', (name, environment) => {
    expect(() => loadConfig(environment)).toThrow(new RegExp(`${name}:`));
  });

  test('DATABASE_URL chooses Postgres', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
  });
});

describe('health', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(() => running.destroy());

  test('/healthz and /readyz answer while everything is up; /healthz?details and the metrics name each dependency', async () => {
    const client = new ApiClient(running.baseUrl);
    const health = await client.fetch('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // Readiness is what every request needs; the object store (receipts only) is not part of it.
    const ready = await client.fetch('/readyz');
    expect(ready.status).toBe(200);
    const required = backend === 'services' ? { database: 'ok', redis: 'ok' } : { database: 'ok' };
    expect(await ready.json()).toEqual({ status: 'ok', checks: required });
    const details = await client.fetch('/healthz?details');
    expect(await details.json()).toEqual({ status: 'ok', checks: { ...required, storage: 'ok' } });
    const metrics = await (await client.fetch('/metrics')).text();
    expect(metrics).toContain('dependency_up{dependency="storage"} 1');
    expect(metrics).toContain('dependency_up{dependency="database"} 1');
  });

  test('/readyz fails when the database stops answering, /healthz stays up', async () => {
    const other = await startTestApp();
    try {
      await other.app.dataSource.destroy();
      const client = new ApiClient(other.baseUrl);
      const ready = await client.fetch('/readyz');
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: Record<string, string> }).checks.database).toBe('unavailable');
      expect((await client.fetch('/healthz')).status).toBe(200);
      await other.app.dataSource.initialize();
      expect((await client.fetch('/readyz')).status).toBe(200);
    } finally {
      await other.destroy();
    }
  });

  test('unexpected errors reach the client without driver text or stack traces', async () => {
    const other = await startTestApp();
    try {
      const client = new ApiClient(other.baseUrl);
      await client.ok(`mutation { register(input: { email: "x@y.io", password: "long enough pw", name: "X" }) { id } }`);
      await client.ok(`mutation { createTransaction(input: { date: "2025-01-01", amount: "1.00" }) { id } }`);
      await other.app.dataSource.query('DROP TABLE receipts');
      const broken = await client.gql(`{ transactions { edges { node { receipts { id } } } } }`);
      expect(broken.errors?.[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(broken.errors?.[0].message).toBe('Something went wrong on our side; nothing was changed. Please try again.');
      expect(JSON.stringify(broken)).not.toMatch(/SQLITE|stack|no such table/i);
    } finally {
      await other.destroy();
    }
  });
});

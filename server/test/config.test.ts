import os from 'node:os';
import { ConfigError, loadConfig } from '../src/config';

const S3 = { S3_BUCKET: 'receipts', S3_ACCESS_KEY: 'key', S3_SECRET_KEY: 'secret' };

function configError(environment: Record<string, string>): string {
  try {
    loadConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('S3_ENDPOINT', () => {
  test('takes a URL as MinIO and AWS write it: the scheme sets TLS, the port comes from the URL', () => {
    const local = loadConfig({ ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000' }).s3!;
    expect({ endPoint: local.endPoint, port: local.port, useSSL: local.useSSL }).toEqual({ endPoint: '127.0.0.1', port: 9000, useSSL: false });
    const aws = loadConfig({ ...S3, S3_ENDPOINT: 'https://s3.example.com' }).s3!;
    expect({ endPoint: aws.endPoint, port: aws.port, useSSL: aws.useSSL }).toEqual({ endPoint: 's3.example.com', port: undefined, useSSL: true });
    expect(loadConfig({ ...S3, S3_ENDPOINT: 'https://s3.example.com/' }).s3!.endPoint).toBe('s3.example.com');
  });

  test('still takes a bare host with S3_PORT and S3_USE_SSL, or host:port', () => {
    const bare = loadConfig({ ...S3, S3_ENDPOINT: 'minio.internal', S3_PORT: '9000', S3_USE_SSL: 'false' }).s3!;
    expect({ endPoint: bare.endPoint, port: bare.port, useSSL: bare.useSSL }).toEqual({ endPoint: 'minio.internal', port: 9000, useSSL: false });
    expect(loadConfig({ ...S3, S3_ENDPOINT: 's3.example.com' }).s3!.useSSL).toBe(true);
    const withPort = loadConfig({ ...S3, S3_ENDPOINT: '127.0.0.1:9000', S3_USE_SSL: 'false' }).s3!;
    expect({ endPoint: withPort.endPoint, port: withPort.port }).toEqual({ endPoint: '127.0.0.1', port: 9000 });
  });

  test.each([
    ['not a host!'],
    ['ftp://files.example.com'],
    ['http://'],
    ['https://s3.example.com/my-bucket'],
    ['http://key:secret@127.0.0.1:9000'],
    ['127.0.0.1:99999'],
  ])('refuses %p with a message naming S3_ENDPOINT', (value) => {
    expect(configError({ ...S3, S3_ENDPOINT: value })).toMatch(/S3_ENDPOINT: /);
  });

  test('refuses S3_PORT or S3_USE_SSL that contradict the URL', () => {
    expect(configError({ ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_PORT: '9001' })).toMatch(/S3_PORT: .*S3_ENDPOINT/);
    expect(configError({ ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_USE_SSL: 'true' })).toMatch(/S3_USE_SSL: .*S3_ENDPOINT/);
  });
});

describe('TRUST_PROXY, HSTS and METRICS_PORT', () => {
  test('trusts no proxy unless told, even with COOKIE_SECURE', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,fd00::/8,192.168.1.7' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8', '192.168.1.7']);
  });

  test.each([['yes please'], ['10.0.0.0/33'], ['10.0.0.0/8,example.com'], ['-1']])('refuses TRUST_PROXY=%p with a message naming it', (value) => {
    expect(configError({ TRUST_PROXY: value })).toMatch(/TRUST_PROXY: /);
  });

  test('HSTS goes with COOKIE_SECURE: 180 days by default, 0 turns it off', () => {
    expect(loadConfig({}).hstsMaxAgeSeconds).toBe(0);
    expect(loadConfig({ HSTS_MAX_AGE_SECONDS: '600' }).hstsMaxAgeSeconds).toBe(0);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).hstsMaxAgeSeconds).toBe(180 * 86400);
    expect(loadConfig({ COOKIE_SECURE: 'true', HSTS_MAX_AGE_SECONDS: '0' }).hstsMaxAgeSeconds).toBe(0);
    expect(configError({ HSTS_MAX_AGE_SECONDS: 'forever' })).toMatch(/HSTS_MAX_AGE_SECONDS: /);
  });

  test('METRICS_PORT is unset by default and may not be the main port', () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(configError({ PORT: '9464', METRICS_PORT: '9464' })).toMatch(/METRICS_PORT: /);
  });
});

describe('WEB_CONCURRENCY', () => {
  test('defaults to the cores, at most 4, on SQLite; to 1 on Postgres, where replicas scale', () => {
    expect(loadConfig({}).webConcurrency).toBe(Math.min(os.availableParallelism(), 4));
    expect(loadConfig({ DATABASE_URL: 'postgres://db/finance' }).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/finance', WEB_CONCURRENCY: '2' }).webConcurrency).toBe(2);
  });

  test.each([
    ['0', 'WEB_CONCURRENCY: must be at least 1'],
    ['-2', 'WEB_CONCURRENCY: must be a whole number of worker processes, 1 to 16'],
    ['1.5', 'WEB_CONCURRENCY: must be a whole number of worker processes, 1 to 16'],
    ['all', 'WEB_CONCURRENCY: must be a whole number of worker processes, 1 to 16'],
    ['17', 'WEB_CONCURRENCY: must be at most 16'],
  ])('refuses WEB_CONCURRENCY=%p with a message naming it', (value, message) => {
    expect(() => loadConfig({ WEB_CONCURRENCY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WEB_CONCURRENCY: value })).toThrow(message);
  });
});

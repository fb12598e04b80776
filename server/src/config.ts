import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** More workers than this only queue behind SQLite's one writer and each other. */
const MAX_WEB_CONCURRENCY = 16;
/** The default stops here: past four, the SQLite writer and the primary's accept loop are the limit, not the cores. */
const DEFAULT_WEB_CONCURRENCY_CAP = 4;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?|sqlite):\/\//, 'must start with postgres://, postgresql:// or sqlite://')
    .optional(),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SESSION_MAX_AGE_DAYS: z.coerce.number().positive().max(365).default(30),
  COOKIE_SECURE: booleanFlag.default(false),
  RECEIPT_MAX_MB: z.coerce.number().positive().max(1024).default(10),
  IMPORT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().max(10_000_000).default(200_000),
  RULES_PER_USER: z.coerce.number().int().positive().max(10_000).default(500),
  PASSWORD_HASH_COST: z.enum(['default', 'minimum']).default('default'),
  WEB_DIST_DIR: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  REDIS_PREFIX: z.string().min(1).max(50).default('ft:'),
  S3_ENDPOINT: z.string().min(1).transform(parseS3Endpoint).optional(),
  S3_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name').optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_USE_SSL: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().max(3650).default(90),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  CORS_ORIGINS: z
    .string()
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be a comma-separated list of origins such as https://app.example.com')))
    .optional(),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_REGISTER_PER_IP: z.coerce.number().int().positive().default(10),
  // Faults: how long an object-store call may take, and how long a stopping replica stays not-ready first.
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(2),
  // Proxies, HSTS and the metrics listener (issue 14, points 5 and 17).
  TRUST_PROXY: z.string().transform(parseTrustProxy).optional(),
  HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(2 * 365 * 24 * 60 * 60).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // Daily snapshots of the embedded default (SQLite + receipts on disk) into DATA_DIR/backups (issue 20).
  SNAPSHOTS: z.enum(['on', 'off']).default('on'),
  SNAPSHOT_KEEP_DAILY: z.coerce.number().int().min(1).max(366).default(7),
  SNAPSHOT_KEEP_WEEKLY: z.coerce.number().int().min(0).max(520).default(4),
  SNAPSHOT_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(3),
  // Worker processes sharing the port (node:cluster); default in webConcurrency() below.
  WEB_CONCURRENCY: z
    .string()
    .regex(/^\s*\d+\s*$/, `must be a whole number of worker processes, 1 to ${MAX_WEB_CONCURRENCY}`)
    .transform(Number)
    .pipe(z.number().int().min(1, `must be at least 1 (1 runs one process, no workers)`).max(MAX_WEB_CONCURRENCY, `must be at most ${MAX_WEB_CONCURRENCY}`))
    .optional(),
});

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export interface S3Config {
  endPoint: string;
  port?: number;
  useSSL: boolean;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
  /** Every object-store call fails after this long without an answer. */
  timeoutMs: number;
}

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Undefined means: generate one and keep it in DATA_DIR, so sessions survive restarts. */
  readonly sessionSecret?: string;
  /** Idle timeout: the cookie's max age, renewed on every request. */
  readonly sessionMaxAgeMs: number;
  /** Absolute timeout: a session older than this ends however active it is. */
  readonly sessionAbsoluteMs: number;
  /** Introspection and the playground; off by default in production. */
  readonly graphqlIntrospection: boolean;
  /** Origins allowed to call the API from another site; none by default. */
  readonly corsOrigins: readonly string[];
  /** Failed sign-ins allowed per account and per IP, and sign-ups per IP, each per window. */
  readonly rateLimits: { loginPerAccount: number; loginPerIp: number; registerPerIp: number };
  readonly cookieSecure: boolean;
  readonly receiptMaxBytes: number;
  /** The largest statement file an import previews. */
  readonly importMaxBytes: number;
  /** The most rows one statement of an import may hold (IMPORT_MAX_ROWS). */
  readonly importMaxRows: number;
  /** The most rules one user may keep (RULES_PER_USER): every import and new transaction runs them all. */
  readonly rulesPerUser: number;
  /** argon2id parameters for new password hashes (PASSWORD_HASH_COST; modules/users/password.ts). */
  readonly passwordHashCost: 'default' | 'minimum';
  /** Receipts on local disk here, unless `s3` is set. */
  readonly receiptsDir: string;
  readonly s3?: S3Config;
  /** Sessions (and other state shared by replicas) in Redis when set; in DATA_DIR otherwise. */
  readonly redis?: { url: string; prefix: string };
  readonly webDistDir: string;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** On SIGTERM, /readyz answers 503 this long while requests are still served, so the load balancer notices. */
  readonly shutdownDrainMs: number;
  /** Express's `trust proxy`: a hop count, or the proxies' addresses and subnets; false trusts none. */
  readonly trustProxy: number | readonly string[] | false;
  /** Strict-Transport-Security max-age; 0 sends no header (always 0 without COOKIE_SECURE). */
  readonly hstsMaxAgeSeconds: number;
  /** /metrics on its own port when set (kept off the Ingress); on the main port otherwise. */
  readonly metricsPort?: number;
  /**
   * Daily snapshots into DATA_DIR/backups: only on the embedded default (SQLite and receipts on
   * disk). With Postgres or S3 the app takes none; the backup CronJob (pg_dump) does that job.
   */
  readonly snapshots?: SnapshotConfig;
  /**
   * Worker processes sharing the port (WEB_CONCURRENCY; see cluster/primary.ts). 1 runs the server
   * as one process, as before. Default: the cores, up to 4, on SQLite; 1 on Postgres, where replicas scale.
   */
  readonly webConcurrency: number;
}

export interface SnapshotConfig {
  readonly dir: string;
  /** Keep the newest snapshot of each of this many last days… */
  readonly keepDaily: number;
  /** …and the newest of each of this many last ISO weeks. */
  readonly keepWeekly: number;
  /** The day's snapshot is taken at the first hourly check at or after this hour (UTC). */
  readonly hourUtc: number;
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment once. Nothing else in the server reads process.env:
 * tests build their own config by passing a plain object.
 */
export function loadConfig(environment: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const s3Keys = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const;
  const s3Given = s3Keys.filter((key) => env[key] !== undefined);
  if (s3Given.length > 0 && s3Given.length < s3Keys.length) {
    const missing = s3Keys.filter((key) => env[key] === undefined);
    throw new ConfigError(`Invalid configuration:\n  ${missing.join(', ')}: required when ${s3Given.join(', ')} is set`);
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const s3Endpoint = env.S3_ENDPOINT ? s3EndpointWithOverrides(env.S3_ENDPOINT, env.S3_PORT, env.S3_USE_SSL) : undefined;
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    throw new ConfigError('Invalid configuration:\n  METRICS_PORT: must differ from PORT (leave it unset to serve /metrics on PORT)');
  }
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    database: databaseConfig(env.DATABASE_URL, dataDir),
    sessionSecret: env.SESSION_SECRET,
    sessionMaxAgeMs: Math.round(env.SESSION_MAX_AGE_DAYS * 24 * 60 * 60 * 1000),
    sessionAbsoluteMs: Math.round(env.SESSION_ABSOLUTE_DAYS * 24 * 60 * 60 * 1000),
    graphqlIntrospection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
    corsOrigins: Object.freeze(env.CORS_ORIGINS ?? []),
    rateLimits: Object.freeze({
      loginPerAccount: env.RATE_LIMIT_LOGIN_PER_ACCOUNT,
      loginPerIp: env.RATE_LIMIT_LOGIN_PER_IP,
      registerPerIp: env.RATE_LIMIT_REGISTER_PER_IP,
    }),
    cookieSecure: env.COOKIE_SECURE,
    receiptMaxBytes: Math.round(env.RECEIPT_MAX_MB * 1024 * 1024),
    importMaxBytes: Math.round(env.IMPORT_MAX_MB * 1024 * 1024),
    importMaxRows: env.IMPORT_MAX_ROWS,
    rulesPerUser: env.RULES_PER_USER,
    passwordHashCost: env.PASSWORD_HASH_COST,
    receiptsDir: path.join(dataDir, 'receipts'),
    s3:
      s3Given.length > 0
        ? {
            endPoint: s3Endpoint!.host,
            port: s3Endpoint!.port,
            useSSL: s3Endpoint!.useSSL,
            bucket: env.S3_BUCKET!,
            accessKey: env.S3_ACCESS_KEY!,
            secretKey: env.S3_SECRET_KEY!,
            region: env.S3_REGION,
            timeoutMs: env.S3_TIMEOUT_MS,
          }
        : undefined,
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : undefined,
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(__dirname, '..', '..', 'web', 'dist')),
    logLevel: env.LOG_LEVEL,
    shutdownDrainMs: Math.round(env.SHUTDOWN_DRAIN_SECONDS * 1000),
    trustProxy: env.TRUST_PROXY ?? false,
    hstsMaxAgeSeconds: env.COOKIE_SECURE ? (env.HSTS_MAX_AGE_SECONDS ?? DEFAULT_HSTS_MAX_AGE_SECONDS) : 0,
    metricsPort: env.METRICS_PORT,
    snapshots: snapshotConfig(env, dataDir),
    webConcurrency: webConcurrency(env.WEB_CONCURRENCY, databaseConfig(env.DATABASE_URL, dataDir)),
  });
}

/** 180 days: long enough to matter, short enough to undo a mistaken HTTPS set-up. */
const DEFAULT_HSTS_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const S3_ENDPOINT_HELP = 'must be a host (s3.example.com, 127.0.0.1:9000) or a URL (http://127.0.0.1:9000, https://s3.example.com)';

interface S3Endpoint {
  host: string;
  port?: number;
  /** Set only by a URL's scheme; a bare host leaves it to S3_USE_SSL. */
  useSSL?: boolean;
}

/**
 * S3_ENDPOINT as MinIO's and AWS's docs write it (a URL: the scheme says TLS, the URL may carry
 * the port) or as the minio client takes it (a bare host, S3_PORT and S3_USE_SSL beside it).
 */
function parseS3Endpoint(value: string, context: z.RefinementCtx): S3Endpoint {
  const fail = (message = S3_ENDPOINT_HELP) => {
    context.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail();
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('must be an http:// or https:// URL, or a bare host');
    if (url.username || url.password) return fail('must not carry credentials: use S3_ACCESS_KEY and S3_SECRET_KEY');
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      return fail('must have no path: give the bucket in S3_BUCKET');
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!HOST_NAME.test(host) && net.isIP(host) === 0) return fail();
    return { host, port: url.port ? Number(url.port) : undefined, useSSL: url.protocol === 'https:' };
  }
  const match = /^([^:/\s]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match || (!HOST_NAME.test(match[1]) && net.isIP(match[1]) === 0)) return fail();
  const port = match[2] ? Number(match[2]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return fail('has a port outside 1-65535');
  return { host: match[1], port };
}

/** S3_PORT and S3_USE_SSL may repeat what the endpoint says, but not contradict it. */
function s3EndpointWithOverrides(endpoint: S3Endpoint, port: number | undefined, useSSL: boolean | undefined): S3Endpoint & { useSSL: boolean } {
  if (port !== undefined && endpoint.port !== undefined && port !== endpoint.port) {
    throw new ConfigError(`Invalid configuration:\n  S3_PORT: ${port} contradicts the port ${endpoint.port} in S3_ENDPOINT`);
  }
  if (useSSL !== undefined && endpoint.useSSL !== undefined && useSSL !== endpoint.useSSL) {
    throw new ConfigError(`Invalid configuration:\n  S3_USE_SSL: ${useSSL} contradicts the scheme of S3_ENDPOINT`);
  }
  return { host: endpoint.host, port: port ?? endpoint.port, useSSL: endpoint.useSSL ?? useSSL ?? true };
}

/** Names Express (proxy-addr) knows for common private ranges. */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Express takes it: a hop count (1 = the ingress controller in front), or a
 * comma-separated list of addresses, CIDR subnets and named ranges. Anything else is refused here,
 * not when the first request comes.
 */
function parseTrustProxy(value: string, context: z.RefinementCtx): number | string[] | false {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? false : hops;
  }
  if (value === 'false') return false;
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const invalid = entries.filter((entry) => !isTrustedProxyEntry(entry));
  if (entries.length === 0 || invalid.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `must be a hop count (1) or a comma-separated list of addresses and subnets (10.0.0.0/8, loopback, uniquelocal)${invalid.length ? `; not understood: ${invalid.join(', ')}` : ''}`,
    });
    return z.NEVER;
  }
  return entries;
}

function isTrustedProxyEntry(entry: string): boolean {
  if (NAMED_SUBNETS.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function snapshotConfig(
  env: { SNAPSHOTS: 'on' | 'off'; SNAPSHOT_KEEP_DAILY: number; SNAPSHOT_KEEP_WEEKLY: number; SNAPSHOT_HOUR_UTC: number; DATABASE_URL?: string; S3_ENDPOINT?: unknown },
  dataDir: string,
): SnapshotConfig | undefined {
  const embedded = (!env.DATABASE_URL || env.DATABASE_URL.startsWith('sqlite://')) && env.S3_ENDPOINT === undefined;
  if (env.SNAPSHOTS === 'off' || !embedded) return undefined;
  return Object.freeze({
    dir: path.join(dataDir, 'backups'),
    keepDaily: env.SNAPSHOT_KEEP_DAILY,
    keepWeekly: env.SNAPSHOT_KEEP_WEEKLY,
    hourUtc: env.SNAPSHOT_HOUR_UTC,
  });
}

/**
 * On SQLite the workers are how one machine's cores serve one data folder, so the default is the
 * cores (capped). On Postgres the default is 1: replicas scale there (Kubernetes), and inside a
 * container os.availableParallelism() counts the node's cores, not the pod's CPU limit.
 */
function webConcurrency(given: number | undefined, database: DatabaseConfig): number {
  if (given !== undefined) return given;
  return database.kind === 'sqlite' ? Math.min(os.availableParallelism(), DEFAULT_WEB_CONCURRENCY_CAP) : 1;
}

function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'finance.sqlite') };
  if (url.startsWith('sqlite://')) return { kind: 'sqlite', file: path.resolve(url.slice('sqlite://'.length)) };
  return { kind: 'postgres', url };
}

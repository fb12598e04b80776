import path from 'node:path';
import { z } from 'zod';

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
  WEB_DIST_DIR: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  REDIS_PREFIX: z.string().min(1).max(50).default('ft:'),
  S3_ENDPOINT: z.string().min(1).optional(),
  S3_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name').optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_USE_SSL: booleanFlag.default(true),
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
  /** Receipts on local disk here, unless `s3` is set. */
  readonly receiptsDir: string;
  readonly s3?: S3Config;
  /** Sessions (and other state shared by replicas) in Redis when set; in DATA_DIR otherwise. */
  readonly redis?: { url: string; prefix: string };
  readonly webDistDir: string;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** On SIGTERM, /readyz answers 503 this long while requests are still served, so the load balancer notices. */
  readonly shutdownDrainMs: number;
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
    receiptsDir: path.join(dataDir, 'receipts'),
    s3:
      s3Given.length > 0
        ? {
            endPoint: env.S3_ENDPOINT!,
            port: env.S3_PORT,
            useSSL: env.S3_USE_SSL,
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
  });
}

function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'finance.sqlite') };
  if (url.startsWith('sqlite://')) return { kind: 'sqlite', file: path.resolve(url.slice('sqlite://'.length)) };
  return { kind: 'postgres', url };
}

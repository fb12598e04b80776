// Postgres, Redis and S3 for tests and the benchmark: databases and key prefixes on the shared
// services, an in-process s3rver, and private instances a fault test may stop, freeze and restart.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { waitForPort } = require('./ports.cjs');

async function adminQuery(adminUrl, sql) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates database `name` on the server of adminUrl, empty or as a copy of `template`; returns its URL. */
async function createDatabase(adminUrl, name, template) {
  await adminQuery(adminUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name`, closing whatever connections are left. */
async function dropDatabase(adminUrl, name) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Deletes every Redis key under prefix (sessions, rate-limit counters). */
async function deleteRedisKeys(redisUrl, prefix) {
  const { Redis } = require('ioredis');
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** An S3-protocol server (s3rver) in this process on a port of its own, storing in a temporary folder. */
async function startS3rver() {
  // s3rver has no types; it is a dev-only S3-protocol server.
  const S3rver = require('s3rver');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  return {
    port,
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A private redis-server on its own port, stopped and started by the test without touching the shared one. */
class PrivateRedis {
  constructor(port) {
    this.port = port;
    this.child = null;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(this.port, true);
  }

  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await waitForPort(this.port, false);
  }
}

const PG_BIN = (() => {
  const root = '/usr/lib/postgresql';
  const version = fs.existsSync(root) ? fs.readdirSync(root).sort().pop() : undefined;
  return version ? path.join(root, version, 'bin') : '';
})();

/** A throw-away Postgres cluster owned by the `postgres` system user (initdb refuses root). */
class PrivatePostgres {
  constructor(port) {
    this.port = port;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-pg-'));
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init() {
    fs.chmodSync(this.dir, 0o777);
    this.asPostgres('initdb', ['-D', path.join(this.dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    await this.start();
  }

  async start() {
    this.asPostgres('pg_ctl', ['-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'log'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
    await waitForPort(this.port, true);
  }

  async stop() {
    this.asPostgres('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    await waitForPort(this.port, false);
  }

  async destroy() {
    try {
      await this.stop();
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  asPostgres(tool, args) {
    const command = path.join(PG_BIN, tool);
    const asRoot = process.getuid?.() === 0;
    execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, { stdio: 'pipe', cwd: this.dir });
  }
}

/**
 * An S3-protocol server (s3rver) in its own process, so a test can freeze it with SIGSTOP: it
 * keeps accepting connections (the kernel does) and never answers, like a hung object store.
 */
class PrivateS3rver {
  constructor(port) {
    this.port = port;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-s3-'));
    this.child = null;
  }

  async start() {
    const script = `new (require(${JSON.stringify(require.resolve('s3rver'))}))({ address: '127.0.0.1', port: ${this.port}, silent: true, directory: ${JSON.stringify(this.dir)} }).run()`;
    this.child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    await waitForPort(this.port, true);
  }

  freeze() {
    this.child?.kill('SIGSTOP');
  }

  thaw() {
    this.child?.kill('SIGCONT');
  }

  async destroy() {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

module.exports = { createDatabase, dropDatabase, deleteRedisKeys, startS3rver, PrivateRedis, PrivatePostgres, PrivateS3rver };

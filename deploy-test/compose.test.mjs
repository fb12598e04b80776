// Validates docker-compose.yml offline with `docker-compose config` (Debian's 1.29 here), with a
// copy of .env.example as the env file, then checks the parsed result.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import YAML from 'yaml';
import { appEnvironmentNames, hasTool, isPinnedImage, looksSecret, repoRoot, requireTool, run } from './support.mjs';

const composeFile = path.join(repoRoot, 'docker-compose.yml');
const envExample = path.join(repoRoot, '.env.example');

/** `docker-compose config` with only the given env file: nothing from the caller's shell or a local .env. */
function composeConfig(envFileText) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-compose-'));
  try {
    const envFile = path.join(dir, 'env');
    fs.writeFileSync(envFile, envFileText);
    return run('docker-compose', ['-f', composeFile, '--env-file', envFile, 'config'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: dir },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** compose 1.29 prints short syntax (`source:target:rw`), newer versions the long one. */
function volumeMount(volume) {
  if (typeof volume !== 'string') return volume;
  const [source, target] = volume.split(':');
  return { source, target };
}

describe('docker-compose.yml', () => {
  let config;

  before(() => {
    if (!hasTool('docker-compose')) return;
    const result = composeConfig(fs.readFileSync(envExample, 'utf8'));
    if (result.status === 0) config = YAML.parse(result.stdout);
    else config = { error: result.stderr };
  });

  const check = (title, body) =>
    test(title, (t) => {
      if (!requireTool(t, 'docker-compose', 'apt-get install -y docker-compose')) return;
      assert.ok(!config.error, `docker-compose config failed:\n${config.error}`);
      body(config);
    });

  check('is valid with a copy of .env.example', (parsed) => {
    for (const name of ['app', 'postgres', 'redis', 'minio', 'minio-init']) {
      assert.ok(parsed.services[name], `service ${name}`);
    }
  });

  test('refuses to start without the secrets: no password has a default', (t) => {
    if (!requireTool(t, 'docker-compose', 'apt-get install -y docker-compose')) return;
    const result = composeConfig('');
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /set in \.env/);
  });

  check('Postgres, Redis, MinIO and the app have healthchecks', (parsed) => {
    for (const name of ['app', 'app2', 'postgres', 'redis', 'minio']) {
      const test = parsed.services[name].healthcheck?.test;
      assert.ok(Array.isArray(test) && test.length > 1, `${name} healthcheck`);
      assert.ok(!test.join(' ').includes('curl'), `${name}: the images have no curl`);
    }
  });

  check('the app waits for healthy dependencies and the finished bucket set-up', (parsed) => {
    assert.deepEqual(parsed.services.app.depends_on, {
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      minio: { condition: 'service_healthy' },
      'minio-init': { condition: 'service_completed_successfully' },
    });
    for (const [name, service] of Object.entries(parsed.services)) {
      for (const [dependency, condition] of Object.entries(service.depends_on ?? {})) {
        assert.ok(condition.condition, `${name} -> ${dependency} waits for a condition, not just the start`);
      }
    }
  });

  check('data lives in named volumes, so `down` then `up` keeps it', (parsed) => {
    const expected = { postgres: '/var/lib/postgresql/data', redis: '/data', minio: '/data' };
    for (const [name, target] of Object.entries(expected)) {
      const mount = parsed.services[name].volumes?.map(volumeMount).find((volume) => volume.target === target);
      assert.ok(mount, `${name} mounts ${target}`);
      assert.ok(mount.source in (parsed.volumes ?? {}), `${name}: ${mount.source} is a declared named volume, not a bind mount`);
    }
  });

  check('the app is stateless: read-only, no volumes, same settings on both replicas', (parsed) => {
    const { app, app2, proxy } = parsed.services;
    assert.equal(app.read_only, true);
    assert.ok(!app.volumes, 'no volume on the app');
    assert.deepEqual(app2.environment, app.environment);
    assert.deepEqual(app2.profiles, ['replicas']);
    assert.deepEqual(proxy.profiles, ['replicas']);
    assert.ok(proxy.command.join(' ').includes('app:4000') && proxy.command.join(' ').includes('app2:4000'));
  });

  check('the app gets Postgres, Redis and S3, under names the server reads', (parsed) => {
    const environment = parsed.services.app.environment;
    const known = appEnvironmentNames();
    for (const key of Object.keys(environment)) assert.ok(known.has(key), `${key} is not read by server/src/config.ts`);
    assert.match(environment.DATABASE_URL, /^postgres:\/\/[^:]+:[^@]+@postgres:5432\//);
    assert.match(environment.REDIS_URL, /^redis:\/\/:[^@]+@redis:6379$/);
    assert.equal(environment.S3_ENDPOINT, 'minio');
    assert.equal(environment.S3_USE_SSL, 'false');
    assert.ok(environment.SESSION_SECRET.length >= 16);
  });

  check('metrics stay off every published port, and no proxy is trusted by default', (parsed) => {
    const environment = parsed.services.app.environment;
    const metricsPort = Number(environment.METRICS_PORT);
    assert.ok(metricsPort > 0 && metricsPort !== Number(environment.PORT), 'METRICS_PORT is its own port');
    for (const [name, service] of Object.entries(parsed.services)) {
      for (const port of service.ports ?? []) {
        const target = typeof port === 'object' ? Number(port.target) : Number(String(port).split(':').pop());
        assert.notEqual(target, metricsPort, `${name} publishes the metrics port`);
      }
    }
    assert.equal(environment.TRUST_PROXY, '0');
  });

  check('the bucket is created private by a one-shot service', (parsed) => {
    const init = parsed.services['minio-init'];
    const script = [].concat(init.entrypoint ?? [], init.command ?? []).join('\n');
    assert.match(script, /mc mb --ignore-existing/);
    assert.match(script, /mc anonymous set none/);
    assert.equal(init.restart, 'no');
  });

  check('a backup service (profile backup, never on `up`) dumps the app database into a named volume', (parsed) => {
    const { backup, postgres } = parsed.services;
    assert.ok(backup, 'service backup');
    assert.deepEqual(backup.profiles, ['backup']);
    assert.equal(backup.restart, 'no');
    assert.equal(backup.image, postgres.image, 'pg_dump of the same version as the server');
    assert.equal(backup.environment.PGHOST, 'postgres');
    for (const [key, from] of [['PGUSER', 'POSTGRES_USER'], ['PGPASSWORD', 'POSTGRES_PASSWORD'], ['PGDATABASE', 'POSTGRES_DB']]) {
      assert.equal(backup.environment[key], postgres.environment[from], `${key} is the database's ${from}`);
    }
    const script = [].concat(backup.entrypoint ?? [], backup.command ?? []).join('\n');
    assert.match(script, /pg_dump --format=custom [^\n]*--file="\/backups\/\.partial-/);
    assert.match(script, /mv "\/backups\/\.partial-/, 'renamed when complete');
    const mount = backup.volumes?.map(volumeMount).find((volume) => volume.target === '/backups');
    assert.ok(mount && mount.source in (parsed.volumes ?? {}), '/backups is a declared named volume');
  });

  check('every image is pinned by a tag', (parsed) => {
    for (const [name, service] of Object.entries(parsed.services)) {
      assert.ok(service.image && isPinnedImage(service.image), `${name}: ${service.image}`);
    }
  });

  check('only the app and the proxy publish ports', (parsed) => {
    for (const [name, service] of Object.entries(parsed.services)) {
      if (['app', 'proxy'].includes(name)) continue;
      assert.ok(!service.ports, `${name} publishes ${JSON.stringify(service.ports)}`);
    }
  });

  test('the file itself holds no secret: each one comes from .env', () => {
    const parsed = YAML.parse(fs.readFileSync(composeFile, 'utf8'));
    const services = { ...parsed.services, 'x-app': parsed['x-app'] };
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (looksSecret(key, String(value))) {
          assert.match(String(value), /\$\{[A-Z0-9_]+:\?/, `${name} ${key} must come from .env, required`);
        }
      }
    }
  });

  test('.env.example lists every variable the compose file uses, and .env stays out of git', () => {
    const text = fs.readFileSync(composeFile, 'utf8');
    const used = new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((match) => match[1]));
    const listed = new Set([...fs.readFileSync(envExample, 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    for (const name of used) assert.ok(listed.has(name), `${name} is missing from .env.example`);
    assert.equal(run('git', ['check-ignore', '-q', path.join(repoRoot, '.env')], { cwd: repoRoot }).status, 0);
  });
});

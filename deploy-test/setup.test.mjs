// The set-up behind `npm start` and `npm test` (scripts/setup.mjs): when it installs, in which mode,
// when it rebuilds, and what it says when the machine lacks something the suites need.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, describe, test } from 'node:test';
import {
  build,
  buildInputsHash,
  buildNeeded,
  buildsNeeded,
  inspectInstalled,
  installDecision,
  missingMessage,
  prerequisites,
  providePrerequisites,
  stampPath,
} from '../scripts/setup.mjs';
import { repoRoot } from './support.mjs';

const temporary = [];
after(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

function write(root, file, text) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** A fresh clone of this repository, with the set-up scripts as they are in the working tree. */
function cloneRepo() {
  const dir = path.join(tempDir('finance-setup-'), 'clone');
  const clone = spawnSync('git', ['clone', '--quiet', repoRoot, dir], { encoding: 'utf8' });
  assert.equal(clone.status, 0, clone.stderr);
  for (const script of ['setup.mjs', 'start.mjs']) fs.copyFileSync(path.join(repoRoot, 'scripts', script), path.join(dir, 'scripts', script));
  return dir;
}

describe('install decision', () => {
  const lockHash = 'lock-1';
  const nothingInstalled = () => null;
  const runtimeInstalled = () => ({ runtime: true, full: false, hasDev: false });
  const fullInstalled = () => ({ runtime: true, full: true, hasDev: true });
  const stale = (hasDev) => () => ({ runtime: false, full: false, hasDev });

  test('a fresh clone: npm start installs only what running needs, npm test everything', () => {
    const start = installDecision('runtime', { lockHash, marker: null, inspect: nothingInstalled });
    assert.deepEqual(start.args, ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error']);
    assert.equal(start.mode, 'runtime');
    const full = installDecision('full', { lockHash, marker: null, inspect: nothingInstalled });
    assert.deepEqual(full.args, ['ci', '--include=dev', '--no-audit', '--no-fund', '--loglevel=error']);
    assert.equal(full.mode, 'full');
  });

  test('a marker for the same lockfile: nothing to do, without looking into node_modules', () => {
    const inspect = () => assert.fail('node_modules inspected although the marker matched');
    assert.equal(installDecision('runtime', { lockHash, marker: { mode: 'runtime', lockHash }, inspect }), null);
    assert.equal(installDecision('runtime', { lockHash, marker: { mode: 'full', lockHash }, inspect }), null);
    assert.equal(installDecision('full', { lockHash, marker: { mode: 'full', lockHash }, inspect }), null);
  });

  test('npm test after npm start adds the dev tools to the runtime install', () => {
    const decision = installDecision('full', { lockHash, marker: { mode: 'runtime', lockHash }, inspect: runtimeInstalled });
    assert.equal(decision.action, 'install');
    assert.equal(decision.mode, 'full');
    assert.deepEqual(decision.args, ['install', '--include=dev', '--no-save', '--no-audit', '--no-fund', '--loglevel=error']);
  });

  test('a changed lockfile reinstalls, keeping a full install full', () => {
    const runtime = installDecision('runtime', { lockHash, marker: { mode: 'runtime', lockHash: 'lock-0' }, inspect: stale(false) });
    assert.deepEqual(runtime.args, ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error']);
    const full = installDecision('runtime', { lockHash, marker: { mode: 'full', lockHash: 'lock-0' }, inspect: stale(true) });
    assert.deepEqual(full.args, ['ci', '--include=dev', '--no-audit', '--no-fund', '--loglevel=error']);
    const byHand = installDecision('runtime', { lockHash, marker: null, inspect: stale(true) });
    assert.equal(byHand.mode, 'full');
  });

  test('an install made by hand that matches the lockfile is recorded, not redone', () => {
    assert.deepEqual(installDecision('full', { lockHash, marker: null, inspect: fullInstalled }), { action: 'record', mode: 'full' });
    assert.deepEqual(installDecision('runtime', { lockHash, marker: { mode: 'full', lockHash: 'lock-0' }, inspect: runtimeInstalled }), {
      action: 'record',
      mode: 'runtime',
    });
  });
});

describe('what is installed', () => {
  function fakeInstall(installedNames) {
    const root = tempDir('finance-installed-');
    const packages = {
      '': { name: 'x' },
      'node_modules/run-me': { version: '1.0.0' },
      'node_modules/test-me': { version: '2.0.0', dev: true },
      'node_modules/other-platform': { version: '3.0.0', optional: true },
    };
    write(root, 'package-lock.json', JSON.stringify({ packages }));
    const hidden = {};
    for (const name of installedNames) {
      hidden[`node_modules/${name}`] = packages[`node_modules/${name}`];
      write(root, `node_modules/${name}/package.json`, '{}');
    }
    write(root, 'node_modules/.package-lock.json', JSON.stringify({ packages: hidden }));
    return root;
  }

  test('reads npm record of node_modules against the lockfile', () => {
    assert.equal(inspectInstalled(tempDir('finance-empty-')), null);
    assert.deepEqual(inspectInstalled(fakeInstall([])), { runtime: false, full: false, hasDev: false });
    assert.deepEqual(inspectInstalled(fakeInstall(['run-me'])), { runtime: true, full: false, hasDev: false });
    assert.deepEqual(inspectInstalled(fakeInstall(['run-me', 'test-me'])), { runtime: true, full: true, hasDev: true });
  });

  test('a package removed from node_modules or at another version counts as missing', () => {
    const removed = fakeInstall(['run-me', 'test-me']);
    fs.rmSync(path.join(removed, 'node_modules/run-me'), { recursive: true });
    assert.equal(inspectInstalled(removed).runtime, false);
    const otherVersion = fakeInstall(['run-me']);
    const hiddenFile = path.join(otherVersion, 'node_modules/.package-lock.json');
    fs.writeFileSync(hiddenFile, JSON.stringify({ packages: { 'node_modules/run-me': { version: '0.9.0' } } }));
    assert.equal(inspectInstalled(otherVersion).runtime, false);
  });
});

describe('build decision', () => {
  function fakeRepo() {
    const root = tempDir('finance-build-');
    write(root, 'package.json', JSON.stringify({ workspaces: ['server', 'web', 'shared'] }));
    write(root, 'package-lock.json', '{"lockfileVersion":3}');
    write(root, 'server/src/main.ts', 'export const a = 1;\n');
    write(root, 'server/tsconfig.json', '{}');
    write(root, 'server/test/main.test.ts', 'test("a", () => {});\n');
    write(root, 'web/src/App.svelte', '<p>hi</p>\n');
    write(root, 'web/vite.config.ts', 'export default {};\n');
    write(root, 'shared/src/money.ts', 'export const cents = 100;\n');
    return root;
  }
  function stampAll(root) {
    for (const target of ['server', 'web']) write(root, path.relative(root, stampPath(root, target)), `${buildInputsHash(root, target)}\n`);
  }
  const needed = (root) => buildsNeeded(root).map(({ target }) => target);

  test('no stamp, or a stamp from other sources, needs a build; a matching stamp does not', () => {
    const hash = buildInputsHash(fakeRepo(), 'server');
    assert.equal(buildNeeded(null, hash), true);
    assert.equal(buildNeeded('0'.repeat(64), hash), true);
    assert.equal(buildNeeded(hash, hash), false);
  });

  test('only the workspace whose sources or config changed is rebuilt', () => {
    const root = fakeRepo();
    assert.deepEqual(needed(root), ['server', 'web']);
    stampAll(root);
    assert.deepEqual(needed(root), []);

    write(root, 'server/test/main.test.ts', 'test("b", () => {});\n');
    assert.deepEqual(needed(root), [], 'a test file is no build input');

    write(root, 'server/src/main.ts', 'export const a = 2;\n');
    assert.deepEqual(needed(root), ['server']);
    stampAll(root);
    write(root, 'web/vite.config.ts', 'export default { base: "/" };\n');
    assert.deepEqual(needed(root), ['web']);
    stampAll(root);
    write(root, 'shared/src/money.ts', 'export const cents = 1000;\n');
    assert.deepEqual(needed(root), ['server', 'web'], 'a shared workspace feeds both');
    stampAll(root);
    write(root, 'package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    assert.deepEqual(needed(root), ['server', 'web'], 'new dependencies');
  });

  test('a failed build leaves no stamp, so its partial output is rebuilt even after the sources go back', async () => {
    const root = fakeRepo();
    write(root, 'server/package.json', JSON.stringify({ name: 'server', scripts: { build: 'node build.mjs' } }));
    // Writes dist/ as tsc does, then fails when the source says so (tsc emits despite type errors).
    write(
      root,
      'server/build.mjs',
      [
        "import fs from 'node:fs';",
        "fs.mkdirSync('dist', { recursive: true });",
        "const source = fs.readFileSync('src/main.ts', 'utf8');",
        "fs.writeFileSync('dist/main.js', source);",
        "process.exit(source.includes('error') ? 1 : 0);",
      ].join('\n'),
    );
    assert.equal(await build({ root, targets: ['server'], stdio: 'ignore' }), 0);
    assert.deepEqual(needed(root).filter((t) => t === 'server'), []);
    const good = fs.readFileSync(path.join(root, 'server/src/main.ts'), 'utf8');

    write(root, 'server/src/main.ts', 'export const a: number = "error";\n');
    assert.notEqual(await build({ root, targets: ['server'], stdio: 'ignore' }), 0);
    assert.equal(fs.existsSync(stampPath(root, 'server')), false);

    write(root, 'server/src/main.ts', good);
    assert.deepEqual(needed(root).filter((t) => t === 'server'), ['server']);
    assert.equal(await build({ root, targets: ['server'], stdio: 'ignore' }), 0);
    assert.equal(fs.readFileSync(path.join(root, 'server/dist/main.js'), 'utf8'), good);
  });

  test('emptying dist (as a plain `vite build` does) removes the stamp, so the next start builds', () => {
    const root = fakeRepo();
    stampAll(root);
    fs.rmSync(path.join(root, 'web/dist'), { recursive: true });
    assert.deepEqual(needed(root), ['web']);
  });
});

describe('test prerequisites', () => {
  test('what is missing is said in one line, with the command that provides each', () => {
    const byName = Object.fromEntries(prerequisites().map((item) => [item.name.split(' ')[0], item]));
    const message = missingMessage([byName.Redis, byName.Chromium, byName.kubectl]);
    assert.doesNotMatch(message, /\n/);
    assert.match(message, /^npm test cannot run: missing Redis at 127\.0\.0\.1:6379/);
    if (byName.Redis.start) assert.match(message, /redis-server --daemonize yes --bind 127\.0\.0\.1 --port 6379 --save "" --appendonly no/);
    else assert.match(message, /apt-get install -y redis-server/);
    assert.match(message, /Chromium at \/usr\/bin\/chromium \(apt-get update && apt-get install -y chromium, as root\)/);
    assert.match(message, /kubectl \(apt-get update && apt-get install -y kubectl, as root\)/);
  });

  test('a service that is down is started; one that cannot be provided is reported', async () => {
    const dir = tempDir('finance-prereq-');
    const flag = path.join(dir, 'started');
    const lines = [];
    const startable = {
      name: 'Startable service',
      present: async () => fs.existsSync(flag),
      start: [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(flag)}, '')`],
    };
    const unavailable = { name: 'Absent service', present: async () => false, start: null, manual: 'apt-get install -y absent' };

    const dry = await providePrerequisites({ dryRun: true, log: (line) => lines.push(line), items: [startable, unavailable] });
    assert.deepEqual(dry, [unavailable]);
    assert.equal(fs.existsSync(flag), false, 'a dry run starts nothing');
    assert.match(lines.join('\n'), /would start Startable service/);

    const missing = await providePrerequisites({ items: [startable, unavailable] });
    assert.equal(fs.existsSync(flag), true);
    assert.deepEqual(missing, [unavailable]);
    assert.equal(missingMessage(missing), 'npm test cannot run: missing Absent service (apt-get install -y absent)');
  });
});

describe('a fresh clone', () => {
  test('npm start and npm test on a fresh clone say they will install, and in which mode', () => {
    const clone = cloneRepo();
    assert.equal(fs.existsSync(path.join(clone, 'node_modules')), false);
    const start = spawnSync(process.execPath, ['scripts/setup.mjs', 'start', '--dry-run'], { cwd: clone, encoding: 'utf8' });
    assert.equal(start.status, 0, start.stderr);
    assert.match(start.stdout, /would install what running needs .*nothing is installed yet \(npm ci --omit=dev/);
    assert.match(start.stdout, /would build server, web/);

    const testRun = spawnSync(process.execPath, ['scripts/setup.mjs', 'test', '--dry-run'], { cwd: clone, encoding: 'utf8' });
    assert.match(testRun.stdout, /would install all dependencies, test and benchmark tools included.*\(npm ci --include=dev/);
    assert.equal(fs.existsSync(path.join(clone, 'node_modules')), false, 'a dry run installs nothing');

    const packageJson = JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8'));
    assert.match(packageJson.scripts.test, /^node scripts\/setup\.mjs test && /, 'npm test sets up before anything needs node_modules');
  });

  test('a changed source file rebuilds its workspace; an unchanged tree is not rebuilt', { timeout: 120_000 }, async () => {
    const clone = cloneRepo();
    // The repository's own install, borrowed: this checks the build decision, not an install.
    for (const dir of ['node_modules', 'server/node_modules', 'web/node_modules']) {
      if (fs.existsSync(path.join(repoRoot, dir))) fs.symlinkSync(path.join(repoRoot, dir), path.join(clone, dir), 'dir');
    }
    // The web client: its real build (Vite) is the quicker of the two.
    const indexHtml = path.join(clone, 'web/dist/index.html');
    const assets = path.join(clone, 'web/dist/assets');
    const builtJs = () =>
      fs
        .readdirSync(assets)
        .filter((file) => file.endsWith('.js'))
        .map((file) => fs.readFileSync(path.join(assets, file), 'utf8'))
        .join('\n');

    assert.equal(await build({ root: clone, targets: ['web'], stdio: 'ignore' }), 0);
    assert.ok(fs.existsSync(indexHtml), 'the build ran');
    // Beside each page, script and style sheet, its brotli and gzip copies, which the server sends
    // by Accept-Encoding (server/src/app.ts); only a file too small to shrink may lack one.
    const texts = [indexHtml, ...fs.readdirSync(assets).filter((file) => /\.(js|mjs|css)$/.test(file)).map((file) => path.join(assets, file))];
    assert.ok(texts.length > 5, `scripts and styles built: ${texts.length}`);
    for (const file of texts) {
      const original = fs.readFileSync(file);
      if (original.length < 256) continue;
      assert.ok(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).equals(original), `${file}.br`);
      assert.ok(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).equals(original), `${file}.gz`);
      assert.ok(fs.statSync(`${file}.br`).size < original.length, `${file}.br is smaller`);
    }
    const builtAt = fs.statSync(indexHtml).mtimeMs;
    assert.deepEqual(buildsNeeded(clone, ['web']), []);

    assert.equal(await build({ root: clone, targets: ['web'], stdio: 'ignore' }), 0);
    assert.equal(fs.statSync(indexHtml).mtimeMs, builtAt, 'an unchanged tree is not rebuilt');

    fs.appendFileSync(path.join(clone, 'web/src/main.ts'), "\nconsole.info('source changed after the first build');\n");
    assert.deepEqual(buildsNeeded(clone, ['web']).map(({ target }) => target), ['web']);
    assert.equal(await build({ root: clone, targets: ['web'], stdio: 'ignore' }), 0);
    assert.ok(fs.statSync(indexHtml).mtimeMs > builtAt, 'a changed source is rebuilt');
    assert.match(builtJs(), /source changed after the first build/);
    assert.deepEqual(buildsNeeded(clone, ['web']), []);
  });
});

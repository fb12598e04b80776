#!/usr/bin/env node
// The set-up shared by the README's two commands, on a fresh clone or an old one:
//   node scripts/setup.mjs start   install what running needs, build what changed (npm start)
//   node scripts/setup.mjs test    install everything, start or install what the suites need (npm test)
// Add --dry-run to print the plan and change nothing. Only Node built-ins here: nothing is installed yet.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// ---------------------------------------------------------------------------------------------
// Dependencies. Two install modes: 'runtime' (npm ci --omit=dev: what `npm start` needs, build tools
// included) and 'full' (everything, test and benchmark tools too). A marker in node_modules records
// which mode was installed from which lockfile, so a second start decides in a few milliseconds.

const MARKER = path.join('node_modules', '.finance-tracker-install.json');

export function sha256(...parts) {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

export function lockfileHash(root = repoRoot) {
  return sha256(fs.readFileSync(path.join(root, 'package-lock.json')));
}

export function readInstallMarker(root = repoRoot) {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(root, MARKER), 'utf8'));
    return marker.mode === 'runtime' || marker.mode === 'full' ? marker : null;
  } catch {
    return null;
  }
}

export function writeInstallMarker(root, mode, lockHash) {
  fs.writeFileSync(path.join(root, MARKER), `${JSON.stringify({ mode, lockHash }, null, 2)}\n`);
}

/**
 * What is really in node_modules, from npm's own record of it (node_modules/.package-lock.json)
 * checked against the lockfile: `runtime` when every package running needs is there at the locked
 * version, `full` when the dev packages are too. Lets an install made by hand (`npm ci`,
 * `npm install X`) count without a second install. Null when nothing is installed.
 */
export function inspectInstalled(root = repoRoot) {
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '.package-lock.json'), 'utf8')).packages ?? {};
  } catch {
    return null;
  }
  const locked = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  let runtime = true;
  let full = true;
  let hasDev = false;
  for (const [key, entry] of Object.entries(locked)) {
    if (!key.includes('node_modules/')) continue; // the root and the workspace folders themselves
    const have = installed[key];
    const present = have !== undefined && have.version === entry.version && fs.existsSync(path.join(root, key));
    if (entry.dev && present) hasDev = true;
    // Optional packages (platform binaries of other systems) may rightly be absent.
    if (present || entry.optional || entry.devOptional) continue;
    full = false;
    if (!entry.dev) runtime = false;
  }
  return { runtime, full: runtime && full, hasDev };
}

// Errors only: the known "wants Node >= 22" warnings of some dev packages (see STACK.md) would bury
// the progress lines in 80 lines of EBADENGINE.
const QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

const covers = (installedMode, wanted) => installedMode === 'full' || installedMode === wanted;

/**
 * Decides whether `npm start` (wanted 'runtime') or `npm test` (wanted 'full') must install first.
 * `state`: { lockHash, marker: readInstallMarker(), inspect: () => inspectInstalled() }.
 * Returns null (nothing to do), { action: 'record', mode } (node_modules already fits: only write
 * the marker) or { action: 'install', mode, args, reason }.
 */
export function installDecision(wanted, { lockHash, marker, inspect }) {
  if (marker && marker.lockHash === lockHash && covers(marker.mode, wanted)) return null;
  const found = inspect();
  if (found?.full) return { action: 'record', mode: 'full' };
  if (found?.runtime && wanted === 'runtime') return { action: 'record', mode: 'runtime' };
  if (found?.runtime) {
    // Running deps match the lockfile; only the dev tools are missing: add them, keep the rest.
    return {
      action: 'install',
      mode: 'full',
      args: ['install', '--include=dev', '--no-save', ...QUIET],
      reason: 'the test and benchmark tools are not installed yet',
    };
  }
  // Nothing installed, or it no longer matches the lockfile: a clean install. Keep the dev tools
  // of a developer's full install even when `npm start` is what notices the new lockfile.
  const mode = wanted === 'full' || marker?.mode === 'full' || found?.hasDev ? 'full' : 'runtime';
  return {
    action: 'install',
    mode,
    args: ['ci', mode === 'full' ? '--include=dev' : '--omit=dev', ...QUIET],
    reason: found ? 'node_modules does not match package-lock.json' : 'nothing is installed yet',
  };
}

/** How many packages an install of `mode` brings, for the progress line. */
export function packageCount(root, mode) {
  const locked = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const counted = ([key, entry]) => key.includes('node_modules/') && !entry.link && !entry.optional && !entry.devOptional && (mode === 'full' || !entry.dev);
  return Object.entries(locked).filter(counted).length;
}

// ---------------------------------------------------------------------------------------------
// Builds. Each workspace's dist/ holds a stamp: the hash of everything its build reads. A start
// rebuilds a workspace only when that hash changed (or dist/ was emptied, which removes the stamp).

const STAMP = '.build-stamp';
// Folders a build never reads: outputs, tests, local state.
const NOT_BUILD_INPUT = new Set(['node_modules', 'dist', 'test', 'e2e', 'test-artifacts', 'coverage', 'data', 'bench-results']);

export const BUILD_TARGETS = ['server', 'web'];

function listFiles(dir, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (NOT_BUILD_INPUT.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Other workspaces (shared libraries a build may import), besides the two apps. */
function libraryWorkspaces(root) {
  const workspaces = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces ?? [];
  return workspaces.filter((w) => !BUILD_TARGETS.includes(w));
}

/**
 * Hash of what `npm run build -w <target>` reads: the workspace's own files (sources, configs,
 * manifest), any library workspace, the root manifest and lockfile, and NODE_ENV (Vite builds
 * differently under it).
 */
export function buildInputsHash(root, target) {
  const dirs = [target, ...libraryWorkspaces(root)];
  const files = dirs.flatMap((dir) => listFiles(path.join(root, dir)));
  files.push(path.join(root, 'package.json'), path.join(root, 'package-lock.json'));
  const hash = crypto.createHash('sha256');
  hash.update(`NODE_ENV=${process.env.NODE_ENV ?? ''}\0`);
  for (const file of files.sort()) {
    hash.update(path.relative(root, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function stampPath(root, target) {
  return path.join(root, target, 'dist', STAMP);
}

export function readStamp(root, target) {
  try {
    return fs.readFileSync(stampPath(root, target), 'utf8').trim();
  } catch {
    return null;
  }
}

export function buildNeeded(stamp, inputsHash) {
  return stamp !== inputsHash;
}

/** The workspaces whose sources changed since their last build, with each one's new hash. */
export function buildsNeeded(root = repoRoot, targets = BUILD_TARGETS) {
  return targets.map((target) => ({ target, hash: buildInputsHash(root, target) })).filter(({ target, hash }) =>
    buildNeeded(readStamp(root, target), hash),
  );
}

// ---------------------------------------------------------------------------------------------
// What the test suites need on the machine.

const PG = { host: '127.0.0.1', port: 5432 };
const REDIS = { host: '127.0.0.1', port: 6379 };
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function onPath(command) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function postgresVersion() {
  try {
    return fs.readdirSync('/etc/postgresql').sort().at(-1) ?? null;
  } catch {
    return null;
  }
}

/** Opens a TCP connection, optionally sends `send` and checks the first bytes of the answer. */
function probe({ host, port }, send, expect, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => (send ? socket.write(send) : done(true)));
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      if (answer.length >= expect.length) done(answer.startsWith(expect));
    });
  });
}

async function postgresAnswers() {
  if (onPath('pg_isready')) {
    return spawnSync('pg_isready', ['-h', PG.host, '-p', String(PG.port), '-q']).status === 0;
  }
  return probe(PG);
}

const redisAnswers = () => probe(REDIS, 'PING\r\n', '+PONG');

/**
 * Each thing the suites need: how to tell it is there, and the command that provides it.
 * `start` is run by the set-up itself when possible; `install` names a Debian package.
 */
export function prerequisites() {
  const pgVersion = postgresVersion();
  return [
    {
      name: `Postgres at ${PG.host}:${PG.port}`,
      present: postgresAnswers,
      start: pgVersion && onPath('pg_ctlcluster') ? ['pg_ctlcluster', '--skip-systemctl-redirect', pgVersion, 'main', 'start'] : null,
      // Trust auth for user postgres on loopback is what the suites expect (see README).
      manual: 'apt-get install -y postgresql, with trust auth for user postgres on 127.0.0.1',
    },
    {
      name: `Redis at ${REDIS.host}:${REDIS.port}`,
      present: redisAnswers,
      start: onPath('redis-server')
        ? ['redis-server', '--daemonize', 'yes', '--bind', REDIS.host, '--port', String(REDIS.port), '--save', '', '--appendonly', 'no']
        : null,
      manual: 'apt-get install -y redis-server',
    },
    { name: `Chromium at ${CHROMIUM_PATH}`, present: async () => fs.existsSync(CHROMIUM_PATH), install: 'chromium' },
    { name: 'kubectl', present: async () => onPath('kubectl'), install: 'kubectl' },
    { name: 'docker-compose', present: async () => onPath('docker-compose'), install: 'docker-compose' },
  ];
}

/** Shell form of a command, for messages. */
export function shellCommand(args) {
  return args.map((arg) => (arg === '' ? '""' : /[^\w@%+=:,./-]/.test(arg) ? `'${arg}'` : arg)).join(' ');
}

/**
 * The one line printed when something the suites need is missing and could not be provided:
 * what is missing, and the command that provides each.
 */
export function missingMessage(missing) {
  const parts = missing.map((item) => {
    if (item.install) return `${item.name} (apt-get update && apt-get install -y ${item.install}, as root)`;
    if (item.start) return `${item.name} (start it: ${shellCommand(item.start)})`;
    return `${item.name} (${item.manual})`;
  });
  return `npm test cannot run: missing ${parts.join('; ')}`;
}

async function waitFor(check, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Starts the services that are down and installs the missing packages it can; returns what is still missing. */
export async function providePrerequisites({ dryRun = false, log = console.log, items = prerequisites() } = {}) {
  const missing = [];
  for (const item of items) if (!(await item.present())) missing.push(item);
  if (missing.length === 0) {
    log('> test prerequisites: all present (Postgres, Redis, Chromium, kubectl, docker-compose)');
    return [];
  }
  const stillMissing = [];
  const packages = missing.filter((item) => item.install);
  const canApt = process.getuid?.() === 0 && onPath('apt-get');
  if (packages.length > 0) {
    const names = packages.map((item) => item.install);
    if (!canApt) stillMissing.push(...packages);
    else if (dryRun) log(`> would install ${names.join(', ')} (apt-get install -y)`);
    else {
      step(`installing ${names.join(', ')} (apt-get update, then apt-get install -y)`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const ok =
        spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
        spawnSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: 'inherit', env }).status === 0;
      for (const item of packages) if (!ok || !(await item.present())) stillMissing.push(item);
    }
  }
  for (const item of missing.filter((each) => !each.install)) {
    if (!item.start) {
      stillMissing.push(item);
    } else if (dryRun) {
      log(`> would start ${item.name}: ${shellCommand(item.start)}`);
    } else {
      step(`starting ${item.name}: ${shellCommand(item.start)}`);
      const started = spawnSync(item.start[0], item.start.slice(1), { stdio: 'inherit' }).status === 0;
      if (!started || !(await waitFor(item.present, 30))) stillMissing.push(item);
    }
  }
  return stillMissing;
}

// ---------------------------------------------------------------------------------------------
// Running it.

const startedAt = Date.now();
const elapsed = (since = startedAt) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function step(text) {
  console.log(`> ${text}`);
}

/** Packages unpacked so far into node_modules (top level and scoped), for the progress line. */
function unpackedCount(root) {
  try {
    return fs
      .readdirSync(path.join(root, 'node_modules'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .reduce((count, entry) => count + (entry.name.startsWith('@') ? fs.readdirSync(path.join(root, 'node_modules', entry.name)).length : 1), 0);
  } catch {
    return 0;
  }
}

/**
 * Runs npm with its own output (and progress spinner on a terminal) showing. Without a terminal
 * npm shows no progress, so a line every 20 s says the step is still going (and, for an install,
 * how many packages are in node_modules so far).
 */
function runNpm(args, root, label, stdio = 'inherit') {
  return new Promise((resolve) => {
    const since = Date.now();
    const child = spawn(npm, args, { cwd: root, stdio });
    const counting = args[0] === 'ci' || args[0] === 'install';
    let lastCount = -1;
    const tick = () => {
      let detail = '';
      if (counting) {
        const count = unpackedCount(root);
        // Unpacking is quick; what follows is the install scripts, mostly compiling native modules.
        detail = `, ${count} packages unpacked${count === lastCount ? ', running install scripts (native modules compile)' : ''}`;
        lastCount = count;
      }
      console.log(`  ... still ${label} (${elapsed(since)}${detail})`);
    };
    const ticker = process.stdout.isTTY ? null : setInterval(tick, 20_000);
    child.on('exit', (code, signal) => {
      if (ticker) clearInterval(ticker);
      const status = code ?? (signal ? 1 : 0);
      console.log(status === 0 ? `  done ${label} in ${elapsed(since)}` : `  ${label} failed (exit ${status}) after ${elapsed(since)}`);
      resolve(status);
    });
  });
}

export async function install(wanted, { root = repoRoot, dryRun = false } = {}) {
  const lockHash = lockfileHash(root);
  const decision = installDecision(wanted, { lockHash, marker: readInstallMarker(root), inspect: () => inspectInstalled(root) });
  if (!decision) {
    step(`dependencies: up to date (${readInstallMarker(root).mode} install)`);
    return 0;
  }
  if (decision.action === 'record') {
    if (!dryRun) writeInstallMarker(root, decision.mode, lockHash);
    step(`dependencies: up to date (${decision.mode} install)`);
    return 0;
  }
  const what = decision.mode === 'full' ? 'all dependencies, test and benchmark tools included' : 'what running needs (test tools come with npm test)';
  const count = packageCount(root, decision.mode);
  step(`${dryRun ? 'would install' : 'installing'} ${what}: about ${count} packages, as ${decision.reason} (npm ${decision.args.join(' ')})`);
  if (dryRun) return 0;
  if (decision.args[0] === 'ci') console.log('  a first install takes a few minutes: better-sqlite3 and argon2 compile from source');
  const status = await runNpm(decision.args, root, 'installing');
  if (status === 0) writeInstallMarker(root, decision.mode, lockHash);
  return status;
}

/** Builds the targets whose sources changed; `stdio: 'ignore'` keeps npm's output out (tests). */
export async function build({ root = repoRoot, dryRun = false, targets = BUILD_TARGETS, stdio = 'inherit' } = {}) {
  const needed = buildsNeeded(root, targets);
  if (needed.length === 0) {
    step(`build: ${targets.join(', ')} unchanged since the last build, skipped`);
    return 0;
  }
  step(`${dryRun ? 'would build' : 'building'} ${needed.map(({ target }) => target).join(', ')} (sources changed since the last build)`);
  if (dryRun) return 0;
  for (const { target, hash } of needed) {
    // tsc writes its output even when it fails: a stamp left from before would then vouch for it.
    fs.rmSync(stampPath(root, target), { force: true });
    const status = await runNpm(['run', 'build', '-w', target], root, `building ${target}`, stdio);
    if (status !== 0) return status;
    fs.writeFileSync(stampPath(root, target), `${hash}\n`);
  }
  return 0;
}

/** `start`: install for running, build what changed. `test`: install everything, provide the prerequisites. */
export async function setup(mode, { root = repoRoot, dryRun = false } = {}) {
  if (mode !== 'start' && mode !== 'test') throw new Error(`unknown set-up mode "${mode}": use start or test`);
  if (mode === 'start') {
    const installed = await install('runtime', { root, dryRun });
    return installed !== 0 ? installed : build({ root, dryRun });
  }
  // Side by side: a first npm ci spends minutes compiling native modules on one core, while
  // apt-get mostly downloads and unpacks (Chromium, kubectl, docker-compose on a fresh machine).
  const [installed, missing] = await Promise.all([install('full', { root, dryRun }), providePrerequisites({ dryRun })]);
  if (installed !== 0) return installed;
  if (missing.length > 0) {
    console.error(missingMessage(missing));
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  const dryRun = process.argv.includes('--dry-run');
  if (mode !== 'start' && mode !== 'test') {
    console.error('usage: node scripts/setup.mjs start|test [--dry-run]');
    process.exit(2);
  }
  const status = await setup(mode, { dryRun });
  if (status === 0) step(`set-up done in ${elapsed()}`);
  process.exit(status);
}

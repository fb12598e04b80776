#!/usr/bin/env node
// `npm start` on a fresh clone: install what is missing, build, then serve on the embedded default
// (migrations run as the server starts). Only Node built-ins here: nothing is installed yet.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args) {
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function isNewer(file, than) {
  return fs.existsSync(file) && (!fs.existsSync(than) || fs.statSync(file).mtimeMs > fs.statSync(than).mtimeMs);
}

const installedMarker = path.join(root, 'node_modules', '.package-lock.json');
if (!fs.existsSync(installedMarker) || isNewer(path.join(root, 'package-lock.json'), installedMarker)) {
  console.log('> installing dependencies (first run)');
  run(['ci', '--no-audit', '--no-fund']);
}

console.log('> building server and web client');
run(['run', 'build']);

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, 'server', 'dist', 'main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

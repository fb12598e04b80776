#!/usr/bin/env node
// `npm start` on a fresh clone or an old one: install what running needs, build what changed (both
// in setup.mjs), then serve on the embedded default (migrations run as the server starts).
// Only Node built-ins here: nothing is installed yet.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';
import { repoRoot, setup } from './setup.mjs';

const status = await setup('start');
if (status !== 0) process.exit(status);

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(repoRoot, 'server', 'dist', 'main.js')], { cwd: repoRoot, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

#!/usr/bin/env node
// The server suite on both backends at once: each jest run keeps one worker (jest's default on two
// cores), so side by side they use both cores and `npm test` takes the longer of the two, not the
// sum. Every app of a test has its own database, Redis key prefix, bucket and port, so the runs
// share nothing. Lines are prefixed with the backend; the exit code is the first failure's.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const jest = process.platform === 'win32' ? 'jest.cmd' : 'jest';
const args = process.argv.slice(2);
const runs = [
  { name: 'sqlite  ', env: {} },
  { name: 'services', env: { TEST_BACKEND: 'services' } },
].map(({ name, env }) => {
  const child = spawn(jest, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stdout.write(`[${name}] ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
});
const codes = await Promise.all(runs);
process.exit(codes.find((code) => code !== 0) ?? 0);

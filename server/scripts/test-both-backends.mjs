#!/usr/bin/env node
// The server suite on both backends in one jest run: the two backends are projects (jest.config.js),
// so jest's two workers (one per core; jest alone would keep one) take the files of either as they come free and both backends
// finish together, rather than one run idling a core while the other ends alone. Every app of a
// test has its own database, Redis key prefix, bucket and port, so files share nothing.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const child = spawn(process.execPath, [jest, ...process.argv.slice(2)], { env: { ...process.env, TEST_BACKEND: 'both' }, stdio: 'inherit' });
child.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

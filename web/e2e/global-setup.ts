import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    chromium: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /healthz within 60 s:\n${log()}`);
}

function build(workspace: string) {
  // Vitest sets NODE_ENV=test; a build must not inherit it (Vite would ship development React).
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: root, encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`npm run build -w ${workspace} failed:\n${result.stdout}\n${result.stderr}`);
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: install it (apt-get install -y chromium).`);
    console.warn(`\n${'!'.repeat(78)}\n!!! END-TO-END TESTS SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium)\n${'!'.repeat(78)}\n`);
    project.provide('chromium', '');
    project.provide('baseURL', '');
    return;
  }
  // As `npm start` does: build the server and the web client, then run the server on its own data.
  build('server');
  build('web');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-e2e-'));
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
    cwd: root,
    // Production serves the playground only with introspection on; the story opens it.
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForHealth(baseURL, child, () => output);
  project.provide('chromium', CHROMIUM);
  project.provide('baseURL', baseURL);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

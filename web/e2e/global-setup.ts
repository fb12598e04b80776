import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startBuiltServer } from '../../test-kit/server.cjs';

const root = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    chromium: string;
  }
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
  const server = await startBuiltServer({
    cwd: root,
    // Production serves the playground only with introspection on; the story opens it.
    // Every e2e test signs up on this one server from one address: the default sign-up limit (10 an
    // hour per address, tested by the server's throttling tests) would refuse the later files' users.
    env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', RATE_LIMIT_REGISTER_PER_IP: '10000', PASSWORD_HASH_COST: 'minimum' },
    timeoutMs: 60_000,
  });
  project.provide('chromium', CHROMIUM);
  project.provide('baseURL', server.baseUrl);

  return async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

// Static checks of the Dockerfile (no Docker engine here to build it): stages, user, health check,
// what the runtime image contains, and a build context that keeps secrets out.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { SERVER_NODE_FLAGS } from '../scripts/server-flags.mjs';
import { isPinnedImage, repoRoot } from './support.mjs';

const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
// Joins continued lines and drops comments, so each instruction is one line.
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const args = Object.fromEntries(
  instructions
    .filter((line) => /^ARG \w+=/.test(line))
    .map((line) => line.slice(4).split('=')),
);
const stages = [];
for (const line of instructions) {
  if (/^FROM /i.test(line)) stages.push({ from: line, lines: [] });
  else stages.at(-1)?.lines.push(line);
}
const runtime = stages.at(-1);

describe('Dockerfile', () => {
  test('is multi-stage, each base image pinned by a tag', () => {
    assert.ok(stages.length >= 2, 'a build stage and a runtime stage');
    for (const stage of stages) {
      const image = stage.from.split(/\s+/)[1].replace(/\$\{(\w+)\}/g, (_, name) => args[name] ?? '');
      assert.ok(isPinnedImage(image), `${stage.from} resolves to ${image}`);
    }
  });

  test('the build stage installs every workspace before copying the source', () => {
    const { workspaces } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const build = stages[0].lines;
    const install = build.findIndex((line) => /npm ci/.test(line));
    for (const workspace of workspaces) {
      const copy = build.findIndex((line) => line.startsWith(`COPY ${workspace}/package.json`));
      assert.ok(copy >= 0 && copy < install, `${workspace}/package.json is copied before npm ci`);
    }
    assert.ok(build.some((line) => /npm run build/.test(line)));
    assert.ok(build.some((line) => /npm prune --omit=dev/.test(line)), 'dev dependencies stay out of the image');
  });

  test('the runtime stage has no build toolchain and carries the server and the web client', () => {
    assert.ok(!runtime.lines.some((line) => /apt-get|g\+\+|python3/.test(line)));
    const copies = runtime.lines.filter((line) => line.startsWith('COPY --from='));
    for (const built of ['packages/common/dist', 'server/dist', 'web/dist', 'node_modules']) {
      assert.ok(copies.some((line) => line.includes(`/app/${built} `)), `copies ${built}`);
    }
    // The server runs with the same flags as under npm start (scripts/server-flags.mjs).
    assert.ok(runtime.lines.some((line) => line === `CMD [${['node', ...SERVER_NODE_FLAGS, 'server/dist/main.js'].map((part) => JSON.stringify(part)).join(', ')}]`));
  });

  test('runs as a numeric non-root user', () => {
    const user = runtime.lines.filter((line) => line.startsWith('USER ')).at(-1);
    assert.ok(user, 'USER in the runtime stage');
    const uid = user.slice(5).split(':')[0];
    assert.match(uid, /^\d+$/, 'numeric, so Kubernetes runAsNonRoot can verify it');
    assert.notEqual(Number(uid), 0);
  });

  test('has a HEALTHCHECK on /healthz that needs only node', () => {
    const healthcheck = runtime.lines.find((line) => line.startsWith('HEALTHCHECK '));
    assert.ok(healthcheck);
    assert.match(healthcheck, /CMD \["node", "-e", .*\/healthz/);
    assert.doesNotMatch(healthcheck, /curl|wget/);
  });

  test('.dockerignore keeps secrets, local state and host builds out of the context', () => {
    const ignored = fs.readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    for (const entry of ['.env', '**/node_modules', '**/dist', 'data', '.git']) {
      assert.ok(ignored.includes(entry), `.dockerignore lists ${entry}`);
    }
  });
});

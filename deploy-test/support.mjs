// Shared helpers for the deployment tests: find the tools, render the overlays, read the app's config.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

// `kubectl version` alone would try to reach a cluster.
const versionArguments = { kubectl: ['version', '--client'] };

export function hasTool(command) {
  const result = run(command, versionArguments[command] ?? ['version'], { env: { PATH: process.env.PATH } });
  return !result.error && result.status === 0;
}

const warned = new Set();

/**
 * True when `command` can run. Without it: in CI the test fails (a missing tool must not turn
 * into a green run); elsewhere the test is skipped with a line nobody can miss.
 */
export function requireTool(t, command, installHint) {
  if (hasTool(command)) return true;
  const message = `${command} is not installed (${installHint})`;
  if (process.env.CI === 'true') throw new Error(`${message}: required when CI=true`);
  if (!warned.has(command)) console.error(`\n!!! SKIPPING: ${message}. These checks did not run. !!!\n`);
  warned.add(command);
  t.skip(message);
  return false;
}

/** Parses every document of a multi-document YAML string, dropping empty ones. */
function parseAll(text) {
  return YAML.parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJSON();
    })
    .filter((object) => object != null);
}

/**
 * Renders an overlay from a temporary copy of kustomize/, so prod's secret files can be made
 * from their committed examples (as an operator would) without touching the work tree.
 * `components` are added to the overlay, e.g. ['../../components/managed-backends'].
 */
export function renderOverlay(overlay, { components = [] } = {}) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-kustomize-'));
  try {
    fs.cpSync(path.join(repoRoot, 'kustomize'), path.join(workDir, 'kustomize'), { recursive: true });
    const overlayDir = path.join(workDir, 'kustomize', 'overlays', overlay);
    for (const example of fs.readdirSync(overlayDir).filter((name) => name.endsWith('.env.example'))) {
      const target = path.join(overlayDir, example.replace(/\.example$/, ''));
      if (!fs.existsSync(target)) fs.copyFileSync(path.join(overlayDir, example), target);
    }
    if (components.length > 0) {
      const file = path.join(overlayDir, 'kustomization.yaml');
      const kustomization = YAML.parse(fs.readFileSync(file, 'utf8'));
      kustomization.components = [...(kustomization.components ?? []), ...components];
      fs.writeFileSync(file, YAML.stringify(kustomization));
    }
    const result = run('kubectl', ['kustomize', overlayDir]);
    if (result.status !== 0) {
      throw new Error(`kubectl kustomize ${overlay} failed:\n${result.stderr || result.error}`);
    }
    return parseAll(result.stdout);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The environment variable names the server reads: the keys of the zod schema in config.ts. */
export function appEnvironmentNames() {
  const source = fs.readFileSync(path.join(repoRoot, 'server', 'src', 'config.ts'), 'utf8');
  const schema = source.slice(source.indexOf('z.object({'), source.indexOf('});', source.indexOf('z.object({')));
  const names = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]);
  if (names.length < 5) throw new Error('could not read the variable names from server/src/config.ts');
  return new Set(names);
}

/** A key or value that should only ever live in a Secret. */
export function looksSecret(key, value) {
  if (/PASSWORD|SECRET|TOKEN|ACCESS_KEY|PRIVATE|CREDENTIAL/i.test(key)) return true;
  if (/^(DATABASE|REDIS)_URL$/.test(key)) return true;
  // user:password@ inside any URL
  return typeof value === 'string' && /:\/\/[^/\s:@]+:[^/\s@]+@/.test(value);
}

/** name:tag or name@sha256:..., never :latest. */
export function isPinnedImage(image) {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSegment = image.split('/').pop();
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return tag !== '' && tag !== 'latest';
}

import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The generated operation types are committed; they must be exactly what codegen makes from the
// committed schema.graphql and web/src/graphql/*.graphql today. If this fails: `npm run codegen`.
const root = path.resolve(import.meta.dirname, '../../..');

describe('generated GraphQL types', () => {
  it('match what graphql-codegen produces now', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.yml') });
    const outputs = await generate({ ...config, cwd: root, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const file = path.resolve(root, output.filename);
      const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)';
      expect(committed, `${output.filename} is stale: run npm run codegen`).toBe(output.content);
    }
  }, 60_000);
});

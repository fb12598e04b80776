// The layer rules of eslint.config.mjs (docs/architecture.md) refuse what they should and allow
// what the architecture needs: each probe is a file the tree does not have, linted in place.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '..');
// The probes are not in any tsconfig: lint them without type information (the layer rules need none).
const eslint = new ESLint({
  cwd: root,
  cache: false,
  overrideConfig: [tseslint.configs.disableTypeChecked, { languageOptions: { parserOptions: { projectService: false, project: null } } }],
});

/** The import-rule messages for `source` as the file `file` (a path under server/src). */
async function importRulesFor(file, source) {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, 'server/src', file) });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const refused = [
  ['a service importing the GraphQL layer', 'modules/transactions/probe.service.ts', "import { decodeId } from '../../api/graphql/ids';"],
  ['a service importing type-graphql', 'modules/transactions/probe.service.ts', "import { Field } from 'type-graphql';"],
  ['a service importing a resolver', 'modules/transactions/probe.service.ts', "import { TransactionResolver } from './transaction.resolver';"],
  ['a repository importing a GraphQL type', 'modules/transactions/probe.repository.ts', "import { Transaction } from './transaction.type';"],
  ['a repository calling a service', 'modules/accounts/probe.repository.ts', "import type { AccountService } from './account.service';"],
  ['a module importing the composition root', 'modules/accounts/probe.service.ts', "import { createCore } from '../../core';"],
  ['a module importing services.ts', 'modules/accounts/probe.resolver.ts', "import type { Services } from '../../services';"],
  ['a service reaching the row reader', 'modules/accounts/probe.service.ts', "import { RowReader } from '../../db/row-reader';"],
  ['a resolver reaching TypeORM', 'modules/accounts/probe.resolver.ts', "import { In } from 'typeorm';"],
  ['an adapter importing a module', 'storage/probe.ts', "import { Receipt } from '../modules/receipts/receipt.entity';"],
  ['a session adapter importing a module', 'sessions/probe.ts', "import type { UserService } from '../modules/users/user.service';"],
];

const allowed = [
  ['a service using the owner scope and a repository', 'modules/accounts/probe.service.ts', "import type { OwnerScope } from '../../db/owner-scope';\nimport type { AccountRepository } from './account.repository';"],
  ['a repository part using the row reader', 'modules/accounts/account.repository.reader.ts', "import { RowReader } from '../../db/row-reader';"],
  ['a resolver using the ID codec and a service', 'modules/accounts/probe.resolver.ts', "import { decodeId } from '../../api/graphql/ids';\nimport type { AccountService } from './account.service';"],
  ['the composition root importing everything', 'core.ts', "import { createServices } from './services';\nimport { openDatabase } from './db/data-source';"],
];

describe('the layer rules', () => {
  for (const [what, file, source] of refused) {
    test(`refuse ${what}`, async () => {
      assert.equal((await importRulesFor(file, source)).length, 1, `${file}: ${source}`);
    });
  }
  for (const [what, file, source] of allowed) {
    test(`allow ${what}`, async () => {
      assert.deepEqual(await importRulesFor(file, source), []);
    });
  }
});

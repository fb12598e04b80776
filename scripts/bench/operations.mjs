// The GraphQL documents the web client really sends (web/src/graphql), each with the fragments it
// uses, so the benchmark asks for exactly what a user's browser asks for.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Kind, parse, print, visit } = require('graphql');

export function loadOperations(root) {
  const folder = path.join(root, 'web/src/graphql');
  const definitions = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(fs.readFileSync(path.join(folder, file), 'utf8')).definitions);
  const fragments = new Map(definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));

  const documentFor = (operationName) => {
    const operation = definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operationName);
    if (!operation) throw new Error(`web/src/graphql has no operation ${operationName}`);
    const needed = new Map();
    const collect = (node) =>
      visit(node, {
        FragmentSpread(spread) {
          const name = spread.name.value;
          if (needed.has(name)) return;
          needed.set(name, fragments.get(name));
          collect(fragments.get(name));
        },
      });
    collect(operation);
    return [operation, ...needed.values()].map((definition) => print(definition)).join('\n\n');
  };

  return {
    transactions: documentFor('Transactions'),
    dashboard: documentFor('Dashboard'),
    createTransaction: documentFor('CreateTransaction'),
    categories: documentFor('Categories'),
    register: documentFor('Register'),
    login: documentFor('Login'),
  };
}

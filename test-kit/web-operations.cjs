// The GraphQL documents the web client really sends (web/src/graphql), each with the fragments it
// uses, so the benchmark and the server's tests ask for exactly what a user's browser asks for.
const fs = require('node:fs');
const path = require('node:path');
const { Kind, parse, print, visit } = require('graphql');

const repoRoot = path.resolve(__dirname, '..');

/** Every operation of web/src/graphql by name: its kind and a function giving its whole document. */
function loadWebOperations(root = repoRoot) {
  const folder = path.join(root, 'web/src/graphql');
  const definitions = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(fs.readFileSync(path.join(folder, file), 'utf8')).definitions);
  const fragments = new Map(definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION && d.name);

  const documentFor = (operationName) => {
    const operation = operations.find((d) => d.name.value === operationName);
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

  return new Map(operations.map((d) => [d.name.value, { kind: d.operation, document: () => documentFor(d.name.value) }]));
}

module.exports = { loadWebOperations };

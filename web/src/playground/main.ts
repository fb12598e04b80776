// GraphiQL, bundled with its React into this page only (the app's bundle has no React), so the
// playground works with no internet access. Requests carry the app's session cookie.
import { GraphiQL } from 'graphiql';
import { buildSchema, type ExecutionResult } from 'graphql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
// The committed schema is bundled, so docs and completion work even where introspection is off.
import schemaSource from '../../../schema.graphql?raw';

const DEFAULT_QUERY = `# Signed in to the app in this browser? This playground uses that session.
query Overview {
  me { name email currency }
  accounts { name balance currency }
  dashboard { from to income expenses net }
}
`;

async function fetcher(params: unknown) {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(params),
  });
  return (await response.json()) as ExecutionResult;
}

createRoot(document.getElementById('playground')!).render(
  createElement(GraphiQL, { fetcher, schema: buildSchema(schemaSource), defaultQuery: DEFAULT_QUERY }),
);

// Lint for the whole repository, run by `npm run lint` (and so by `npm test`).
// TypeScript is linted with type information (typescript-eslint's recommendedTypeChecked): the rules
// that catch real bugs (floating and misused promises, unsafe `any`, awaiting non-promises) need it.
// Style is left to the code review; unused names are TypeScript's job (noUnusedLocals/Parameters).
// The architecture (docs/architecture.md: imports point one way) is checked here too, at the end.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteParser from 'svelte-eslint-parser';
import tseslint from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

const TS_TYPED = ['server/**/*.ts', 'packages/common/**/*.ts', 'web/**/*.ts', 'web/**/*.svelte'];

/**
 * Changes to recommendedTypeChecked for every TypeScript file (type-aware). Everything else in it
 * stays on: floating promises (`void promise` marks a deliberate fire-and-forget), promises in
 * conditions and spreads, unsafe `any`, awaiting non-promises, '[object Object]' in strings.
 */
const typedRules = {
  // TypeScript reports these itself (noUnusedLocals, noUnusedParameters; `_`-prefixed allowed there).
  '@typescript-eslint/no-unused-vars': 'off',
  // Async callbacks handed to void-returning APIs (DOM listeners, server.close, the session stores'
  // callbacks) catch their own errors here; a rule for each would mean a wrapper at every call.
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
  // An `async` method without `await` is how an interface that returns a promise is implemented.
  '@typescript-eslint/require-await': 'off',
  // Callback APIs (express-session, the Redis store) hand us their error as `any`: it is passed on as it came.
  '@typescript-eslint/prefer-promise-reject-errors': 'off',
  // Module augmentation (express-session's SessionData) is an empty interface that extends one type.
  '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
  // Text checks and file sniffing match control characters on purpose (lib/text.ts, file-signature.ts).
  'no-control-regex': 'off',
  // graphql-js's enums (OperationTypeNode, Kind) are string enums meant to be compared with their values.
  '@typescript-eslint/no-unsafe-enum-comparison': 'off',
};

/** Tests: fixtures and responses are loosely typed JSON, asserted on by the test itself. */
const testRules = {
  '@typescript-eslint/no-explicit-any': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
  // A test that rewraps an assertion's message for its counterexample needs no `cause` chain.
  'preserve-caught-error': 'off',
};

// ---------------------------------------------------------------------------------------------
// Architecture: imports point one way (issue 15, "Done when"). File globs are relative to server/src.

const S = 'server/src';
// Each pattern is a regular expression on the import specifier: relative paths into server/src,
// or package names (exact, or a subpath of them).
const TOP = String.raw`^(\./|(\.\./)+)`; // a relative path up to server/src's top level
/** The GraphQL and HTTP layer: only api/ and the composition root may import it. */
const API_LAYER = [
  { regex: String.raw`^\.\.?/(.*/)?api(/|$)`, message: 'The GraphQL/HTTP layer (api/) is imported only by the composition root.' },
  { regex: String.raw`\.(resolver|inputs|type|types)(\.js)?$`,
    message: 'Resolvers, GraphQL inputs and object types belong to the GraphQL layer: services, repositories and adapters do not import them.' },
  { regex: String.raw`^((type-)?graphql|graphql-[a-z-]+|@apollo/[^/]+|@as-integrations/[^/]+|@escape\.tech/graphql-armor)(/.*)?$`,
    message: 'GraphQL stays in the GraphQL layer (api/, *.resolver.ts, *.type.ts, *.inputs.ts).' },
];
const EXPRESS = [{ regex: String.raw`^express(/.*)?$`, message: 'HTTP (Express) stays in api/http and the session adapter.' }];
/** The composition root: built once by main.ts, app.ts, the seed and emit-schema. */
const COMPOSITION_ROOT = [
  { regex: String.raw`${TOP}(core|app|main)(\.js)?$`,
    message: 'Nothing imports the composition root (core.ts, app.ts, main.ts); it imports everything else.' },
];
/** services.ts wires the services: only the composition root and the GraphQL layer (for its type) know it. */
const SERVICES_WIRING = [
  { regex: String.raw`${TOP}services(\.js)?$`, message: 'services.ts is part of the composition root: receive the services you use instead.' },
];
const MODULES = [
  { regex: String.raw`^\.\.?/(.*/)?modules/`, message: 'Adapters (storage, sessions) know no module: the module depends on the adapter, not back.' },
];
const SERVICES = [{ regex: String.raw`\.service(\.js)?$`, message: 'Repositories and db/ sit below the services: a service calls them, not back.' }];
const TYPEORM = [{ regex: String.raw`^typeorm(/.*)?$`, message: 'The GraphQL layer reaches the database through a service, never TypeORM.' }];
const SQL_INTERNALS = [
  { regex: String.raw`(^|/)db/(row-reader|sql-parameters)(\.js)?$`, message: 'RowReader and SqlParameters are repository internals: use the repository.' },
];

/** One no-restricted-imports block for `files`, less `ignores` (ESLint replaces, not merges, a rule per file). */
const restrict = (files, patterns, ignores = []) => ({
  files: files.map((f) => `${S}/${f}`),
  ignores: ignores.map((f) => `${S}/${f}`),
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const CORE_FILES = ['**/*.service.ts', '**/*.repository.ts', '**/*.repository.*.ts', '**/*.entity.ts', '**/*.model.ts', 'db/**', 'lib/**', 'limits/**'];
/** The entry points that build the composition root. */
const ROOT_USERS = ['main.ts', 'app.ts', 'seed/seed.ts', 'api/graphql/emit-schema.ts'];
// A repository split in parts names them `<m>.repository.<part>.ts` (e.g. transaction.repository.reader.ts).
const REPOSITORY_SIDE = ['**/*.repository.ts', '**/*.repository.*.ts', 'db/**'];
const GRAPHQL_LAYER = ['api/graphql/**', '**/*.resolver.ts', '**/*.type.ts', '**/*.types.ts', '**/*.inputs.ts'];

// A file gets the LAST matching block's rule, so each block lists every pattern that applies to its
// files; the blocks go from the widest (all of server/src) to the narrowest.
const architecture = [
  restrict(['**/*.ts'], [...COMPOSITION_ROOT, ...SQL_INTERNALS], [...ROOT_USERS, ...REPOSITORY_SIDE]),
  restrict(ROOT_USERS, SQL_INTERNALS),
  restrict(REPOSITORY_SIDE, COMPOSITION_ROOT),
  restrict(['modules/**'], [...COMPOSITION_ROOT, ...SERVICES_WIRING, ...SQL_INTERNALS], REPOSITORY_SIDE),
  // Resolvers and the GraphQL plumbing: no SQL, no TypeORM (api/http's health and metrics read the
  // data source's state, which is theirs to know).
  // Each resolver receives the services it uses, not services.ts's whole bag; only the schema and
  // the request context, which hand them out, know that.
  restrict(GRAPHQL_LAYER, [...COMPOSITION_ROOT, ...SQL_INTERNALS, ...TYPEORM, ...SERVICES_WIRING], ROOT_USERS),
  restrict(['api/graphql/schema.ts', 'api/graphql/context.ts'], [...COMPOSITION_ROOT, ...SQL_INTERNALS, ...TYPEORM]),
  // Services, entities, models, lib, limits and db: no GraphQL, no HTTP, no composition root.
  restrict(CORE_FILES, [...API_LAYER, ...EXPRESS, ...COMPOSITION_ROOT, ...SERVICES_WIRING, ...SQL_INTERNALS], REPOSITORY_SIDE),
  restrict(REPOSITORY_SIDE, [...API_LAYER, ...EXPRESS, ...COMPOSITION_ROOT, ...SERVICES_WIRING, ...SERVICES]),
  // Adapters: no module, no GraphQL. Storage knows no HTTP framework; sessions are Express middleware
  // by nature (express-session, the request's current user), so express stays allowed there.
  restrict(['storage/**'], [...MODULES, ...API_LAYER, ...EXPRESS, ...COMPOSITION_ROOT, ...SERVICES_WIRING, ...SQL_INTERNALS]),
  restrict(['sessions/**'], [...MODULES, ...API_LAYER, ...COMPOSITION_ROOT, ...SERVICES_WIRING, ...SQL_INTERNALS]),
];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', 'coverage/**', 'test-artifacts/**', 'bench-results/**', 'data/**',
      // Generated by graphql-codegen from schema.graphql and the operations.
      'web/src/graphql/generated/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // Plain JavaScript: the scripts, the test kit, the deploy tests, tool configs.
  { files: ['**/*.{js,mjs,cjs}'], extends: [js.configs.recommended], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs', 'server/jest.config.js'], languageOptions: { sourceType: 'commonjs' } },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // TypeScript with type information: each file is checked against its own workspace's tsconfig.
  {
    files: TS_TYPED,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.svelte'] },
    },
    rules: typedRules,
  },
  // The test kit's hand-written declarations have no tsconfig: syntax-level TypeScript rules only.
  {
    files: ['**/*.d.cts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': 'off',
      // The test kit's GraphQL results are loose JSON on purpose: each test asserts the shape it expects.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // Svelte components (and .svelte.ts rune modules): the Svelte plugin, with TypeScript inside <script>.
  { files: ['web/**/*.svelte', 'web/**/*.svelte.ts'], extends: [svelte.configs.recommended] },
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: {
      globals: globals.browser,
      parser: svelteParser,
      parserOptions: { parser: tseslint.parser, projectService: true, extraFileExtensions: ['.svelte'], svelteConfig },
    },
    rules: {
      // A component that receives a shared record (an upload, a transaction) reads only the fields it shows.
      'svelte/no-unused-props': 'off',
    },
  },
  {
    files: ['web/**/*.svelte'],
    rules: {
      // Types exported from another component's <script module> reach the type checker as unresolved
      // (the project service sees `*.svelte` as an ambient module), so these would flag every use of
      // them. svelte-check (strict TypeScript) checks components in their place, in web's `npm test`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  { files: ['web/src/**/*.ts'], languageOptions: { globals: globals.browser } },

  // Tests.
  { files: ['server/test/**/*.ts', 'web/**/*.test.ts', 'web/e2e/**/*.ts'], rules: testRules },

  ...architecture,
);

/**
 * Integration tests through HTTP against the real app; one file per feature. TEST_BACKEND picks the
 * backend: "embedded" (default) or "services"; "both" runs the two as projects of one jest run, so
 * its two workers take files of either backend and finish together (npm test, scripts/test-both-backends.mjs).
 */
const project = (backend) => ({
  displayName: backend === 'services' ? 'postgres+redis+s3' : 'sqlite+disk',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/services/ needs Postgres, Redis and S3 (several replicas, Postgres migrations): it runs with them only.
  // workers.test.ts is the embedded default's own (workers sharing one SQLite file): it runs on SQLite only.
  testPathIgnorePatterns: backend === 'services' ? ['/node_modules/', '<rootDir>/test/workers.test.ts'] : ['/node_modules/', '<rootDir>/test/services/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // The project's backend reaches test/support/backends.ts through process.env, set per test file.
  globals: { TEST_BACKEND: backend },
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/backend-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/backend-lifecycle.ts'],
  testTimeout: 30000,
});

const chosen = process.env.TEST_BACKEND;
module.exports =
  chosen === 'both'
    ? { projects: [project('embedded'), project('services')], testTimeout: 30000, maxWorkers: 2 }
    : project(chosen === 'services' ? 'services' : 'embedded');

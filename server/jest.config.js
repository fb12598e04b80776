/** Integration tests through HTTP against the real app; one file per feature. */
const backend = process.env.TEST_BACKEND === 'services' ? 'services' : 'embedded';

module.exports = {
  displayName: backend === 'services' ? 'postgres+redis+s3' : 'sqlite+disk',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/services/ needs Postgres, Redis and S3 (several replicas, Postgres migrations): it runs with them only.
  testPathIgnorePatterns: backend === 'services' ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/services/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['reflect-metadata'],
  setupFilesAfterEnv: ['<rootDir>/test/support/backend-lifecycle.ts'],
  testTimeout: 30000,
};

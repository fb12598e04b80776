import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium against the app built and started as `npm start` would.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // expect.poll gives up after 1 s by default; a page under load may need longer.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});

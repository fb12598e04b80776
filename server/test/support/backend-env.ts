// Each jest project names its backend in `globals` (jest.config.js); code under test and the
// servers a test starts read it from the environment, so it is set before any test module loads.
process.env.TEST_BACKEND = (globalThis as { TEST_BACKEND?: string }).TEST_BACKEND;

import { shared } from './jest.shared.js';

/** End-to-end specs against real PostgreSQL, Redis and SMTP; the worker runs as its own process where it matters. */
export default {
  ...shared,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/libs/**/*.db-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 1,
};

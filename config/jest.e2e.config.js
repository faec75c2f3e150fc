import { shared } from './jest.shared.js';

/** End-to-end specs against real PostgreSQL, Redis and SMTP; the worker runs as its own process where it matters. */
export default {
  ...shared,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/libs/**/*.db-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60_000,
  // Two spec files at a time (each with its own database, queue prefix and ports): a file waits on PostgreSQL,
  // Redis and its child processes for much of its time, so two share the machine's cores (e2e 306-394 s → 261-284 s).
  maxWorkers: 2,
  // Each in a child process that is replaced once its heap passes this after a file: each file loads the whole
  // application again, and in one long-lived process the collector's work grew with every file (the last dozen
  // files took two to five times as long as alone).
  workerIdleMemoryLimit: '1GB',
};

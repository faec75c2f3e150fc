import { shared } from './jest.shared.js';

/** Browser specs: the built web app (dist/web) served by the real API, driven in headless Chromium. */
export default {
  ...shared,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 120_000,
  // Two files at a time, each with its own API, database and Chromium: a file spends most of its time waiting for
  // the browser and the API, not computing (browser phase 365 s → 249 s).
  maxWorkers: 2,
};

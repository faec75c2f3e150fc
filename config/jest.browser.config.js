import { shared } from './jest.shared.js';

/** Browser specs: the built web app (dist/web) served by the real API, driven in headless Chromium. */
export default {
  ...shared,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 120_000,
  // One file at a time: two at once took 249 s instead of 365 s here, but with the browser starved of CPU, clicks in
  // dialogs still opening went astray in two specs of one run out of three.
  maxWorkers: 1,
};

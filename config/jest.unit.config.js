import { shared } from './jest.shared.js';

/** Fast specs of pure rules: no database, no network. */
export default {
  ...shared,
  displayName: 'unit',
  // Jest's 5 s default fails a sound spec on a busy 2-core runner (a workbook parse took 7 s under load);
  // speed is measured in bench/, not by timeouts.
  testTimeout: 30_000,
  // Pure computation: one file per core (Jest's default leaves one core idle; 77 s → 42-51 s on two cores).
  maxWorkers: '100%',
  testMatch: [
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/apps/api/src/**/*.spec.ts',
    // The web app's pure rules (no DOM).
    '<rootDir>/apps/web/src/**/*.spec.ts',
    '<rootDir>/test/architecture/*.spec.ts',
  ],
};

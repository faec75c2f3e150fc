import { shared } from './jest.shared.js';

/** Fast specs of pure rules: no database, no network. */
export default {
  ...shared,
  displayName: 'unit',
  testMatch: [
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/apps/api/src/**/*.spec.ts',
    '<rootDir>/test/architecture/*.spec.ts',
  ],
};

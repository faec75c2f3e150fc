import { strykerOptions } from './stryker.shared.mjs';

/**
 * Mutation testing of the one global guard (apps/api/src/auth/access.guard.ts). Only the e2e specs
 * exercise it, through the real API on PostgreSQL and Redis: the guard's own spec (the header, failing
 * closed, the actor and session it hands on), the access matrix (every route family for every role,
 * anonymous and the platform account) and the API surface spec (every non-public route refused without
 * a token). Every request passes the guard, so a mutant runs the whole of these files; the other e2e
 * specs would add minutes per mutant and no case these lack.
 */
export default {
  ...strykerOptions('access-guard'),
  mutate: ['apps/api/src/auth/access.guard.ts'],
  jest: {
    projectType: 'custom',
    configFile: 'config/jest.mutation-e2e.config.js',
    config: {
      testMatch: [
        '<rootDir>/test/e2e/access-guard.e2e-spec.ts',
        '<rootDir>/test/e2e/access-matrix.e2e-spec.ts',
        '<rootDir>/test/e2e/api-surface.e2e-spec.ts',
      ],
    },
    enableFindRelatedTests: false,
  },
  tsconfigFile: 'config/tsconfig.mutation-e2e.json',
  // An e2e run's time varies with the shared machine's load: a slow run is not a hanging mutant. The
  // first run builds the template databases (migrations and the demo) before the specs.
  timeoutFactor: 2,
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 20,
};

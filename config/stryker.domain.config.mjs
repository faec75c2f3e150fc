import { strykerOptions } from './stryker.shared.mjs';

/** Mutation testing of the pure rules in libs/domain against their own unit specs (a few seconds per hundred mutants). */
export default {
  ...strykerOptions('domain'),
  // The rules named in the README: scores (the scheme's evaluation, its tree and grades), rankings, reporting
  // periods, deadlines, timeliness and reminder times. The scoring rules' own parameter checks (rules/,
  // scheme-validator.ts), the calendar and the fund rules are pure too; each adds many minutes to a run,
  // and `-- domain --mutate <glob>` takes them in when they change.
  mutate: [
    'libs/domain/src/reporting/*.ts',
    'libs/domain/src/scoring/{evaluate,ranking,tree,grade}.ts',
    'libs/domain/src/decimal.ts',
    '!libs/domain/src/**/*.spec.ts',
    '!libs/domain/src/**/index.ts',
  ],
  jest: {
    projectType: 'custom',
    configFile: 'config/jest.unit.config.js',
    // Only the domain's own specs: the other libraries' unit specs do not exercise these rules in isolation.
    config: { testMatch: ['<rootDir>/libs/domain/**/*.spec.ts'] },
    enableFindRelatedTests: true,
  },
  // The domain imports nothing outside itself, so its own files are the whole program to type-check.
  tsconfigFile: 'config/tsconfig.mutation-domain.json',
};

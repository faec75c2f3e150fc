import { strykerOptions } from './stryker.shared.mjs';

/**
 * Mutation testing of the import commit path: what happens once validation found no problem, in one
 * transaction: the plan imports' commit (refused with every problem, or written with its audit entry)
 * and the fund target import's commit and writes. An e2e run per mutant costs about a minute on a
 * busy machine, so the line ranges leave out reading and validating the sheets (unit specs of their
 * own) and the per-kind upserts of the plan imports (task-import.ts, project-import.ts,
 * target-import.ts: `-- imports --mutate <file>:<lines>` takes one in).
 *
 * Only the e2e specs exercise these writes (real PostgreSQL): the atomicity spec (a commit that fails
 * part-way writes nothing), the plans spec (re-imports, exports that import back) and the fund
 * target tables spec. The demo loader's lock-timeout tests in the atomicity spec are left out by
 * name: loading the demo runs every import and takes half a minute, which every mutant would pay.
 */
export default {
  ...strykerOptions('imports'),
  mutate: ['libs/plans/src/import/import.service.ts:75-101', 'libs/funds/src/target-import.service.ts:168-213'],
  jest: {
    projectType: 'custom',
    configFile: 'config/jest.mutation-e2e.config.js',
    config: {
      testMatch: [
        '<rootDir>/test/e2e/import-atomicity.e2e-spec.ts',
        '<rootDir>/test/e2e/plans.e2e-spec.ts',
        '<rootDir>/test/e2e/fund-target-tables.e2e-spec.ts',
      ],
      testNamePattern: '^(?!the demo loader when another connection holds a lock)',
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

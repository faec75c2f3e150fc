// What the three mutation-testing configurations (`npm run test:mutation`) have in common.
// Not part of `npm test` or CI: a run takes minutes to an hour and its report is read by people, not gated on.

/** @param {string} area the report's name under reports/mutation/ */
export function strykerOptions(area) {
  /** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
  const options = {
    testRunner: 'jest',
    // The specs run as native ES modules (see config/jest.shared.js): the runner's node needs the flag too.
    testRunnerNodeArgs: ['--experimental-vm-modules'],
    // Each mutant runs only the tests that reached it in the first, unmutated run.
    coverageAnalysis: 'perTest',
    // Mutants that do not compile are dropped before a test runs.
    checkers: ['typescript'],
    // The machine is shared: one type-checker process and one test runner.
    concurrency: 2,
    // A later run re-tests only the mutants whose code or covering tests changed.
    incremental: true,
    incrementalFile: `reports/mutation/${area}-incremental.json`,
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    ignorePatterns: ['dist', 'var', 'reports', 'coverage', 'test-artifacts', 'apps/web', 'bench', '.stryker-tmp'],
    reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${area}.html` },
    jsonReporter: { fileName: `reports/mutation/${area}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  };
  return options;
}

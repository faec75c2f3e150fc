import e2e from './jest.e2e.config.js';

/**
 * The e2e specs as mutation testing runs them (config/stryker.*.config.mjs name the spec files): Jest is
 * called once per mutant in the same process, so the template databases are built once per process.
 */
export default {
  ...e2e,
  globalSetup: '<rootDir>/test/setup/mutation-global-setup.mjs',
  globalTeardown: undefined,
  // In the runner's own process, where the mutant is switched on.
  workerIdleMemoryLimit: undefined,
};

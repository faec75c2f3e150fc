// Global setup of the e2e specs as mutation testing runs them (config/jest.mutation-e2e.config.js).
// Stryker calls Jest again for every mutant in one long-lived process: the template
// databases are built by the first call and kept for the process's later ones (the next global setup
// of any run drops them once the process is gone, as does `npm run test:mutation` at its end).
import globalSetup from './global-setup.mjs';

// Stryker names the active mutant in this variable; the demo loader that fills the template runs
// the import code being mutated, so it must build the template from the unmutated code.
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

export default async function mutationGlobalSetup() {
  if (process.env.KC_TEST_RUN === String(process.pid)) return;
  const active = process.env[ACTIVE_MUTANT];
  delete process.env[ACTIVE_MUTANT];
  try {
    await globalSetup();
  } finally {
    if (active !== undefined) process.env[ACTIVE_MUTANT] = active;
  }
}

// The spreadsheet library's spec helpers (where the fixtures are, how to load them), for this folder's specs.
export {
  csvGrid,
  firstGrid,
  FIXTURES_DIR,
  fixtureBuffer,
  fixtureGrid,
} from '../../../spreadsheets/src/spec-helpers.js';

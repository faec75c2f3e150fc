export * from './entities/index.js';
export * from './plan-access.js';
export * from './plans.queries.js';
export * from './plan-rules.js';
export * from './indicator-values.repository.js';
export * from './plans.service.js';
export * from './targets.service.js';
export * from './projects.service.js';
export * from './export.service.js';
export * from './import/import.service.js';
// The special-fund target import matches 主管部门 the same way.
export { type MatchResult, type MatchableUnit, UnitMatcher } from './import/unit-matcher.js';
export * from './plans.module.js';
export {
  readBreakdownSheet,
  readGoalSheet,
  readProjectSheet,
  readTaskSheet,
  writeBreakdownSheet,
  writeGoalSheet,
  writeProjectSheet,
  writeTaskSheet,
} from './spreadsheets/index.js';

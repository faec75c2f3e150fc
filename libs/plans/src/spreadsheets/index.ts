export type {
  BreakdownSheetRow,
  GoalSheetRow,
  LiaisonEntry,
  ProjectSheetRow,
  ProjectStage,
  TaskSheetRow,
} from './types.js';
export { readTaskSheet, writeTaskSheet } from './task-sheet.js';
export { formatStageHeading, readProjectSheet, stageHeading, wanToYi, writeProjectSheet } from './project-sheet.js';
export { readGoalSheet, writeGoalSheet } from './goal-sheet.js';
export { breakdownColumn, readBreakdownSheet, writeBreakdownSheet } from './breakdown-sheet.js';
export { formatLiaison, parseLiaison, parseLiaisons, splitUnits } from './text.js';

export type {
  BreakdownSheetRow,
  CellProblem,
  GoalSheetRow,
  LiaisonEntry,
  ParsedRow,
  ParsedSheet,
  ProjectSheetRow,
  ProjectStage,
  TaskSheetRow,
} from './types.js';
export { SpreadsheetError, type SpreadsheetErrorCode } from './errors.js';
export { type Grid, type MergeRange, cellAt, gridFromRows, loadGrid, mergeAt, valueAt } from './grid.js';
export { formatCsv, parseCsv } from './csv.js';
export type { SheetWriteOptions } from './workbook.js';
export { readTaskSheet, writeTaskSheet } from './task-sheet.js';
export { formatStageHeading, readProjectSheet, stageHeading, wanToYi, writeProjectSheet } from './project-sheet.js';
export { readGoalSheet, writeGoalSheet } from './goal-sheet.js';
export { breakdownColumn, readBreakdownSheet, writeBreakdownSheet } from './breakdown-sheet.js';
export { formatLiaison, parseLiaison, parseLiaisons, splitUnits } from './text.js';

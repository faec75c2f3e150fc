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
export { DEFAULT_SPREADSHEET_LIMITS, type SpreadsheetLimits, spreadsheetLimits } from './limits.js';
export { type Grid, type MergeRange, cellAt, gridFromRows, loadGrid, mergeAt, valueAt, widthOf } from './grid.js';
export { formatCsv, parseCsv } from './csv.js';
export type { SheetWriteOptions } from './workbook.js';
// Building blocks for other spreadsheet layers (the special-fund target tables).
export { type ColumnSpec, type HeaderMatch, HEADER_SEARCH_ROWS, findHeader, headerMatches, headerProblems, isEmptyRow, preambleMeta, soleCell } from './headers.js';
export { normaliseHeader, parseDecimalText, parseInteger, toHalfWidth } from './text.js';
export {
  BORDER,
  CENTRE,
  type ColumnLayout,
  createWorkbook,
  estimateLines,
  FONT,
  LEFT,
  linesHeight,
  setDecimal,
  startSheet,
  styleBody,
  styleHeaderRow,
  workbookBuffer,
} from './workbook.js';
export { setZipTimestamps } from './zip-timestamps.js';
export { readTaskSheet, writeTaskSheet } from './task-sheet.js';
export { formatStageHeading, readProjectSheet, stageHeading, wanToYi, writeProjectSheet } from './project-sheet.js';
export { readGoalSheet, writeGoalSheet } from './goal-sheet.js';
export { breakdownColumn, readBreakdownSheet, writeBreakdownSheet } from './breakdown-sheet.js';
export { formatLiaison, parseLiaison, parseLiaisons, splitUnits } from './text.js';

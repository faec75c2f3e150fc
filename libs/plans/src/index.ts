export * from './entities/index.js';
export * from './plan-access.js';
export * from './plans.service.js';
export * from './targets.service.js';
export * from './projects.service.js';
export * from './export.service.js';
export * from './import/import.service.js';
export * from './import/import-report.js';
export * from './plans.module.js';
// The spreadsheet layer is shared with the special-fund target tables.
export {
  type CellProblem,
  type Grid,
  type ParsedRow,
  type ParsedSheet,
  SpreadsheetError,
  cellAt,
  loadGrid,
  mergeAt,
  valueAt,
} from './spreadsheets/index.js';
// Building blocks of that layer: grids, header matching, cell text and the workbook styling.
export {
  type ColumnLayout,
  type ColumnSpec,
  type MergeRange,
  type SheetWriteOptions,
  BORDER,
  CENTRE,
  FONT,
  LEFT,
  createWorkbook,
  estimateLines,
  findHeader,
  formatCsv,
  gridFromRows,
  headerMatches,
  headerProblems,
  isEmptyRow,
  linesHeight,
  normaliseHeader,
  parseCsv,
  parseDecimalText,
  parseInteger,
  preambleMeta,
  setDecimal,
  setZipTimestamps,
  soleCell,
  startSheet,
  styleBody,
  styleHeaderRow,
  toHalfWidth,
  widthOf,
  workbookBuffer,
} from './spreadsheets/index.js';

// Every byte of workbook reading and writing: the bounded .xlsx/.csv reader (off the event loop),
// its limits, cell text, header matching, the import report and the styled writer. The plan and
// fund libraries describe their layouts on top of it.
export type { CellProblem, ParsedRow, ParsedSheet } from './types.js';
export { SpreadsheetError, type SpreadsheetErrorCode } from './errors.js';
export { DEFAULT_SPREADSHEET_LIMITS, type SpreadsheetLimits, spreadsheetLimits } from './limits.js';
export {
  type Grid,
  type MergeRange,
  cellAt,
  formatNumber,
  gridFromRows,
  loadGrid,
  mergeAt,
  valueAt,
  widthOf,
} from './grid.js';
export { formatCsv, parseCsv } from './csv.js';
export {
  type ColumnSpec,
  type HeaderMatch,
  HEADER_SEARCH_ROWS,
  findHeader,
  headerMatches,
  headerProblems,
  isEmptyRow,
  preambleMeta,
  soleCell,
} from './headers.js';
export {
  type DecimalCheck,
  isPlainNumber,
  normaliseHeader,
  parseDecimalText,
  parseInteger,
  toHalfWidth,
} from './text.js';
export {
  BORDER,
  CENTRE,
  type ColumnLayout,
  createWorkbook,
  estimateLines,
  FONT,
  headingRow,
  LEFT,
  linesHeight,
  setDecimal,
  type SheetWriteOptions,
  startSheet,
  styleBody,
  styleHeaderRow,
  withEntryDates,
  workbookBuffer,
} from './workbook.js';
export { Pacer } from './pacer.js';
export { type ReaderRef, readInWorker } from './worker/read-in-worker.js';
export { MAX_IMPORT_BYTES, readUpload, type UploadedSheet, uploadLimits } from './upload.js';
export {
  type FieldChange,
  type ImportChange,
  type ImportProblem,
  type ImportReport,
  fieldChanges,
  summarise,
} from './import-report.js';

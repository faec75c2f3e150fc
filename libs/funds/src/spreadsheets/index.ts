// The spreadsheet layer of special-fund performance (pure: grids in, rows and problems out; exceljs writers).
export type {
  ActualsSheetRow,
  ActualsTemplateOptions,
  EvaluationReportTable,
  HeaderCell,
  HeaderDate,
  HeaderField,
  HeaderSource,
  ParsedTargetTable,
  ParsedTargetWorkbook,
  TargetTableForWrite,
  TargetTableHeader,
  TargetTableIndicator,
  TargetTableLayout,
  TargetTableWriteOptions,
} from './types.js';
export { TARGET_COLUMNS, isRateName, readTargetTables } from './target-tables.js';
export { uniqueSheetName, writeTargetTables } from './target-writer.js';
export { ACTUALS_COLUMNS, readActualsSheet, writeActualsTemplate } from './actuals-sheet.js';
export { writeEvaluationReportXlsx } from './evaluation-report.js';

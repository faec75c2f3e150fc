import { SpreadsheetError } from './errors.js';

/**
 * How much one upload may make the reader do. An .xlsx is a ZIP of XML, so a small file can
 * describe a huge grid (one cell in column XFD, row 40,000) or inflate to gigabytes; every bound
 * here is checked while reading, and passing one stops the read at once with TOO_LARGE.
 */
export interface SpreadsheetLimits {
  /** Worksheets in one workbook. */
  maxSheets: number;
  /** Highest row holding text, per sheet (1-based, like the row number Excel shows). */
  maxRows: number;
  /** Highest column holding text (256 is column IV). */
  maxColumns: number;
  /**
   * Cells of all sheets together. A grid is dense, so a sheet costs rows × columns of the area
   * its text spans (empty cells inside it included), plus one per merged range.
   */
  maxCells: number;
  /** Entries of the shared-string table. */
  maxSharedStrings: number;
  /** Characters of one text: a shared string, an inline string or a cell (Excel's own bound is 32,767). */
  maxTextLength: number;
  /** Bytes inflated from the whole archive (counted while inflating; the sizes the ZIP declares are never used). */
  maxInflatedBytes: number;
  /** Bytes inflated from one entry of the archive. */
  maxEntryInflatedBytes: number;
  /** Inflated ÷ compressed bytes of one entry, checked once the entry has inflated past 1 MiB (zip bombs run at ~1000). */
  maxCompressionRatio: number;
}

const MiB = 1024 * 1024;

/**
 * Defaults: a 50,000-row sheet of four columns (the import benchmark) uses a fifth of the cells and
 * a tenth of the inflated bytes; the widest office table (the county breakdown) has ~60 columns.
 */
export const DEFAULT_SPREADSHEET_LIMITS: Readonly<SpreadsheetLimits> = Object.freeze({
  maxSheets: 64,
  maxRows: 100_000,
  maxColumns: 256,
  maxCells: 1_000_000,
  maxSharedStrings: 500_000,
  maxTextLength: 32_767,
  maxInflatedBytes: 200 * MiB,
  maxEntryInflatedBytes: 100 * MiB,
  maxCompressionRatio: 200,
});

/** The limits with `overrides` applied (unset or non-positive values keep the default). */
export function spreadsheetLimits(overrides: Partial<SpreadsheetLimits> = {}): SpreadsheetLimits {
  const limits = { ...DEFAULT_SPREADSHEET_LIMITS };
  for (const key of Object.keys(limits) as (keyof SpreadsheetLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && value > 0) limits[key] = value;
  }
  return limits;
}

export function tooLarge(
  limit: keyof SpreadsheetLimits | 'maxEntries' | 'maxCellFormats',
  message: string,
): SpreadsheetError {
  return new SpreadsheetError('TOO_LARGE', message, { limit });
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / MiB) * 10) / 10} MB`;
}

/**
 * What one read has used so far, shared by every part of the workbook. The grid area of a sheet
 * grows while its cells stream in; `commitSheet` adds it to the workbook's total.
 */
export class ReadBudget {
  inflatedBytes = 0;
  private cellsBefore = 0;

  constructor(readonly limits: SpreadsheetLimits) {}

  /** Called for every cell holding text: 0-based row and column, its A1 reference (made only for a message). */
  checkCell(
    sheet: string,
    row: number,
    column: number,
    extent: { rows: number; columns: number },
    ref: () => string,
  ): void {
    const { maxRows, maxColumns } = this.limits;
    if (column >= maxColumns)
      throw tooLarge('maxColumns', `工作表“${sheet}”超过 ${maxColumns} 列上限（${ref()} 有内容）`);
    if (row >= maxRows) throw tooLarge('maxRows', `工作表“${sheet}”超过 ${maxRows} 行上限（${ref()} 有内容）`);
    this.checkSheet(Math.max(extent.rows, row + 1) * Math.max(extent.columns, column + 1));
  }

  /** The cells a sheet has claimed so far (its area, plus its merged ranges) still fit beside the sheets before it. */
  checkSheet(cells: number): void {
    if (this.cellsBefore + cells > this.limits.maxCells) throw this.cellsExceeded();
  }

  /** A finished sheet's cells count against every sheet after it. */
  commitSheet(cells: number): void {
    this.checkSheet(cells);
    this.cellsBefore += cells;
  }

  private cellsExceeded(): SpreadsheetError {
    return tooLarge(
      'maxCells',
      `工作簿的表格区域超过 ${this.limits.maxCells} 个单元格上限` +
        '（按各表有内容的行数 × 列数计，含其中的空白单元格与合并区域）',
    );
  }
}

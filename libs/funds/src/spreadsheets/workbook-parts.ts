import type ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { BORDER, CENTRE, FONT, LEFT, estimateLines, linesHeight } from '@app/spreadsheets';

// Styling shared by the fund writers, on top of the plans layer's workbook helpers.
export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 16, bold: true };
export const LABEL_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true };
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
};

/** Merges columns `from`..`to` of a row (when more than one) and writes the text in the first. */
export function mergedCell(
  sheet: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  value: ExcelJS.CellValue,
): ExcelJS.Cell {
  if (to > from) sheet.mergeCells(row, from, row, to);
  const cell = sheet.getCell(row, from);
  cell.value = value;
  return cell;
}

/** A title line merged across the table. */
export function titleRow(
  sheet: ExcelJS.Worksheet,
  row: number,
  width: number,
  text: string,
  font: Partial<ExcelJS.Font> = TITLE_FONT,
  height = 30,
): void {
  const cell = mergedCell(sheet, row, 1, width, text);
  cell.font = font;
  cell.alignment = CENTRE;
  sheet.getRow(row).height = height;
}

/** Borders, font and alignment over columns `from`..`to` of a row. */
export function box(
  sheet: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  alignment: Partial<ExcelJS.Alignment> = LEFT,
  font: Partial<ExcelJS.Font> = FONT,
): void {
  for (let c = from; c <= to; c++) {
    const cell = sheet.getCell(row, c);
    cell.border = BORDER;
    cell.font = font;
    cell.alignment = alignment;
  }
}

/** A paragraph merged across the table, wrapped, tall enough for its text. */
export function paragraphRow(
  sheet: ExcelJS.Worksheet,
  row: number,
  width: number,
  totalWidth: number,
  text: string,
): void {
  const cell = mergedCell(sheet, row, 1, width, text);
  cell.font = FONT;
  cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  sheet.getRow(row).height = linesHeight(estimateLines(text, totalWidth));
}

/** Sum of the Excel widths of columns `from`..`to` (1-based). */
export function spanWidth(widths: readonly number[], from: number, to: number): number {
  return widths.slice(from - 1, to).reduce((sum, w) => sum + w, 0);
}

/**
 * An exact decimal string as a number cell printed with a fixed number of decimals ('0.00'), or
 * with `percent` a per-cent string ('92.5', '92.5%') as a percentage cell (0.925 shown 92.50%).
 * '' leaves the cell blank; any other text is written as text.
 */
export function setFixed(cell: ExcelJS.Cell, text: string, options: { places: number; percent?: boolean }): void {
  let compact = text.replace(/\s+/g, '');
  if (options.percent) compact = compact.replace(/[%％]$/, '');
  if (compact === '') {
    cell.value = text.trim() === '' ? null : text;
    return;
  }
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(compact)) {
    cell.value = text;
    return;
  }
  const value = options.percent ? new Decimal(compact).div(100) : new Decimal(compact);
  cell.value = value.toNumber();
  cell.numFmt = `0${options.places > 0 ? `.${'0'.repeat(options.places)}` : ''}${options.percent ? '%' : ''}`;
}

import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** Options every writer takes. */
export interface SheetWriteOptions {
  /** The table's title, printed in a merged row above the header. */
  title: string;
  /** An attachment label printed above the title, e.g. '附件1' (omitted when not given). */
  attachment?: string;
  /**
   * Workbook created/modified time and the time of every entry in the .xlsx archive. When given,
   * the same rows and options always give the same bytes (checked-in fixtures); by default it is now.
   */
  timestamp?: Date;
}

export interface ColumnLayout {
  header: string;
  /** Excel column width (about one Latin character; a Chinese character takes two). */
  width: number;
}

export const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
const HEADER_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true };
const TITLE_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 18, bold: true };
const HEADING_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const CENTRE: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
export const LEFT: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };
const LINE_HEIGHT = 15;

export function createWorkbook(options: SheetWriteOptions): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const when = options.timestamp ?? new Date();
  workbook.creator = 'kechuang-tracker';
  workbook.lastModifiedBy = 'kechuang-tracker';
  workbook.created = when;
  workbook.modified = when;
  return workbook;
}

/**
 * A landscape A4 sheet with the attachment label, the merged title and the first header row at
 * `headerRow` (returned); the header row is frozen and repeated on every printed page.
 */
export function startSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: ColumnLayout[],
  options: SheetWriteOptions,
  extraLines: string[] = [],
  headerRows = 1,
): { sheet: ExcelJS.Worksheet; headerRow: number } {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  let row = 1;
  if (options.attachment) {
    const cell = sheet.getCell(row, 1);
    cell.value = options.attachment;
    cell.font = { name: '黑体', size: 14 };
    row++;
  }
  sheet.mergeCells(row, 1, row, columns.length);
  const title = sheet.getCell(row, 1);
  title.value = options.title;
  title.font = TITLE_FONT;
  title.alignment = CENTRE;
  sheet.getRow(row).height = 36;
  row++;
  for (const line of extraLines) {
    sheet.mergeCells(row, 1, row, columns.length);
    const cell = sheet.getCell(row, 1);
    cell.value = line;
    cell.font = FONT;
    cell.alignment = { horizontal: 'left', vertical: 'middle' };
    row++;
  }
  const headerRow = row;
  columns.forEach((column, i) => {
    if (column.header) sheet.getCell(headerRow, i + 1).value = column.header;
  });
  for (let r = headerRow; r < headerRow + headerRows; r++) styleHeaderRow(sheet, r, columns.length);
  sheet.views = [{ state: 'frozen', ySplit: headerRow + headerRows - 1 }];
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow + headerRows - 1}`;
  return { sheet, headerRow };
}

export function styleHeaderRow(sheet: ExcelJS.Worksheet, row: number, width: number): void {
  for (let c = 1; c <= width; c++) {
    const cell = sheet.getCell(row, c);
    cell.font = HEADER_FONT;
    cell.alignment = CENTRE;
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  }
  sheet.getRow(row).height = 32;
}

/** A heading row merged across the table: （一）… or 一、新开工（…）. */
export function headingRow(sheet: ExcelJS.Worksheet, row: number, width: number, text: string): void {
  sheet.mergeCells(row, 1, row, width);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = HEADING_FONT;
  cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  for (let c = 1; c <= width; c++) sheet.getCell(row, c).border = BORDER;
  sheet.getRow(row).height = 22;
}

/** Body cell styling and borders for a block of rows. */
export function styleBody(
  sheet: ExcelJS.Worksheet,
  top: number,
  bottom: number,
  alignments: Partial<ExcelJS.Alignment>[],
): void {
  for (let r = top; r <= bottom; r++) {
    alignments.forEach((alignment, i) => {
      const cell = sheet.getCell(r, i + 1);
      cell.font = FONT;
      cell.alignment = alignment;
      cell.border = BORDER;
    });
  }
}

/**
 * A decimal string as a number cell whose format prints the same digits back ("1.80" → 1.8 shown
 * as 1.80); text that is not a plain decimal, or that a double cannot hold exactly, stays text.
 */
export function setDecimal(cell: ExcelJS.Cell, value: string): void {
  const match = /^-?(?:0|[1-9]\d*)(?:\.(\d+))?$/.exec(value);
  const number = Number(value);
  const places = match?.[1]?.length ?? 0;
  if (!match || !Number.isFinite(number) || number.toFixed(places) !== value) {
    cell.value = value;
    return;
  }
  cell.value = number;
  if (places > 0) cell.numFmt = `0.${'0'.repeat(places)}`;
}

/** Rough number of printed lines of a text in a column of the given width. */
export function estimateLines(text: string, width: number): number {
  const usable = Math.max(4, width - 1.5);
  return text.split('\n').reduce((sum, line) => {
    let w = 0;
    for (const ch of line) w += ch.charCodeAt(0) <= 0xff ? 1.1 : 2.05;
    return sum + Math.max(1, Math.ceil(w / usable));
  }, 0);
}

/** Row height (points) that shows the given number of lines. */
export function linesHeight(lines: number): number {
  return Math.max(20, Math.ceil(lines * LINE_HEIGHT + 6));
}

export async function workbookBuffer(workbook: ExcelJS.Workbook, options: SheetWriteOptions): Promise<Buffer> {
  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  return options.timestamp ? withEntryDates(written, options.timestamp) : written;
}

/**
 * The archive with every entry dated `when`, so that an .xlsx written twice is byte-for-byte the
 * same: exceljs zips with JSZip, which dates entries with the time of writing, and takes no date.
 * The entries keep their compressed bytes (same DEFLATE method), only their dates change.
 */
export async function withEntryDates(zip: Buffer, when: Date): Promise<Buffer> {
  const archive = await JSZip.loadAsync(zip);
  archive.forEach((_, entry) => {
    entry.date = when;
  });
  return archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

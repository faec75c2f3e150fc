import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Decimal } from 'decimal.js';
import { parseCsv } from './csv.js';
import { SpreadsheetError } from './errors.js';

/** A merged range, 0-based and inclusive on all four sides. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One worksheet as text. `cells[r][c]` is spreadsheet row r + 1, column c + 1; every row has the
 * same length. Merged ranges are NOT filled in: only a range's top-left cell holds the value and the
 * other cells of the range are ''. `valueAt` resolves merges; readers use the raw cells where a
 * merge carries meaning (a task spanning several rows) and `valueAt` where it only saves typing.
 * Grids are treated as immutable once made.
 */
export interface Grid {
  sheet: string;
  cells: string[][];
  merges: MergeRange[];
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

/**
 * Reads an upload into one Grid per worksheet (a CSV gives one, named after the file). The type is
 * decided by content: a ZIP archive is read as .xlsx, valid UTF-8 text as CSV, anything else
 * (.xls, PDF, images …) is refused with WRONG_TYPE; a ZIP that is not a readable workbook gives
 * CORRUPT and an empty file EMPTY.
 */
export async function loadGrid(buffer: Buffer, filename: string): Promise<Grid[]> {
  if (buffer.length === 0) throw new SpreadsheetError('EMPTY');
  if (startsWith(buffer, ZIP_LOCAL_HEADER) || startsWith(buffer, ZIP_EMPTY_ARCHIVE)) return readWorkbook(buffer);
  // Text is only a CSV under a spreadsheet-like name (or none): a PDF or a Word file can be ASCII too.
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (extension !== undefined && !['csv', 'txt', 'xlsx', 'xlsm', 'xls'].includes(extension)) throw new SpreadsheetError('WRONG_TYPE');
  const text = decodeText(buffer);
  if (text === null) throw new SpreadsheetError('WRONG_TYPE');
  return [gridFromRows(sheetNameOf(filename), parseCsv(text))];
}

/** A Grid from rows of text (CSV records, test tables): trims cells and pads rows to one width. */
export function gridFromRows(sheet: string, rows: string[][], merges: MergeRange[] = []): Grid {
  const cleaned = rows.map((row) => row.map((cell) => normaliseText(cell)));
  while (cleaned.length > 0 && cleaned[cleaned.length - 1]!.every((cell) => cell === '')) cleaned.pop();
  const width = Math.max(0, ...cleaned.map((row) => lastFilled(row) + 1));
  const cells = cleaned.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  return { sheet, cells, merges };
}

/** The raw text of one cell ('' outside the grid and inside a merged range but its top-left). */
export function cellAt(grid: Grid, row: number, column: number): string {
  return grid.cells[row]?.[column] ?? '';
}

/** The merged range covering a cell, if any. */
export function mergeAt(grid: Grid, row: number, column: number): MergeRange | undefined {
  return mergeIndex(grid).get(row)?.find((m) => m.left <= column && column <= m.right);
}

/** The text a reader sees in a cell: the top-left value of its merged range, or its own text. */
export function valueAt(grid: Grid, row: number, column: number): string {
  const merge = mergeAt(grid, row, column);
  return merge ? cellAt(grid, merge.top, merge.left) : cellAt(grid, row, column);
}

/** Number of columns of the grid. */
export function widthOf(grid: Grid): number {
  return grid.cells[0]?.length ?? 0;
}

// ---------------------------------------------------------------------------------------------

const indexes = new WeakMap<Grid, Map<number, MergeRange[]>>();

/** Merges by row, clipped to the grid (a merge of a whole column must not cost a million rows). */
function mergeIndex(grid: Grid): Map<number, MergeRange[]> {
  let index = indexes.get(grid);
  if (!index) {
    index = new Map();
    const last = grid.cells.length - 1;
    for (const merge of grid.merges) {
      for (let r = Math.max(0, merge.top); r <= Math.min(last, merge.bottom); r++) {
        const list = index.get(r) ?? [];
        list.push(merge);
        index.set(r, list);
      }
    }
    indexes.set(grid, index);
  }
  return index;
}

/**
 * Streams the worksheets row by row (exceljs' streaming reader holds a 50,000-row sheet in a
 * fraction of the memory its whole-workbook model needs). The streaming reader skips merged
 * ranges, so they are read from each sheet's XML, which JSZip inflates one sheet at a time.
 */
async function readWorkbook(buffer: Buffer): Promise<Grid[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new SpreadsheetError('CORRUPT');
  }
  let grids: Grid[];
  try {
    grids = await streamGrids(buffer, zip);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    // exceljs' streaming reader now and then ends before it has parsed xl/workbook.xml (the last
    // entry of the files it writes itself) and fails on a sound file; a second pass reads it.
    try {
      grids = await streamGrids(buffer, zip);
    } catch (again) {
      if (again instanceof SpreadsheetError) throw again;
      throw new SpreadsheetError('CORRUPT');
    }
  }
  if (grids.length === 0) throw new SpreadsheetError('CORRUPT');
  return grids;
}

async function streamGrids(buffer: Buffer, zip: JSZip): Promise<Grid[]> {
  const grids: Grid[] = [];
  const reader = new Utf8WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    const sheet = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { id: number; name: string };
    const rows: string[][] = [];
    for await (const row of sheet) {
      const target: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const text = cellText(cell.value, cell.numFmt);
        if (text !== '') target[columnNumber - 1] = text;
      });
      if (target.length > 0) rows[row.number - 1] = target;
    }
    const dense = Array.from({ length: rows.length }, (_, r) => Array.from({ length: rows[r]?.length ?? 0 }, (_, c) => rows[r]?.[c] ?? ''));
    grids.push(gridFromRows(sheet.name, dense, await sheetMerges(zip, sheet.id)));
  }
  return grids;
}

interface ReaderInternals {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): Generator<unknown>;
}
const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * exceljs' streaming reader decodes every inflated chunk on its own and so splits a Chinese
 * character that straddles two chunks into "��" (exceljs issues #2063, #2084). Decoding the text
 * before it reaches the parser keeps characters whole.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    return baseReader._parseSharedStrings.call(this, entry);
  }
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): Generator<unknown> {
    return baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  }
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

async function sheetMerges(zip: JSZip, sheetId: number): Promise<MergeRange[]> {
  const xml = await zip.file(`xl/worksheets/sheet${sheetId}.xml`)?.async('string');
  if (!xml) return [];
  const merges: MergeRange[] = [];
  for (const match of xml.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)) {
    const range = parseRange(match[1]!);
    if (range) merges.push(range);
  }
  return merges;
}

/** The printed text of a cell value: numbers without float noise, dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'string') return normaliseText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return normaliseText(value.richText.map((run) => run.text).join(''));
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return normaliseText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null, numFmt);
  return '';
}

/**
 * A number as Excel prints it: fixed-decimal formats ("0.00", "#,##0.0", "0.00%") keep their
 * decimals (grouping commas are left out), everything else prints at most 15 significant digits
 * without trailing zeros, so 0.1 + 0.2 reads "0.3".
 */
export function formatNumber(value: number, numFmt?: string): string {
  if (!Number.isFinite(value)) return String(value);
  const format = (numFmt ?? '').split(';')[0]!.replace(/\[[^\]]*\]/g, '').trim();
  const fixed = /^(?:#,##)?0(?:\.(0+))?(%?)$/.exec(format);
  if (fixed) {
    const places = fixed[1]?.length ?? 0;
    const scaled = fixed[2] ? new Decimal(value).times(100) : new Decimal(value);
    return scaled.toFixed(places) + (fixed[2] ?? '');
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return new Decimal(value.toPrecision(15)).toFixed();
}

function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Line breaks as \n, OOXML escapes (_x000D_) decoded, outer whitespace trimmed. */
function normaliseText(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\r\n?/g, '\n')
    .trim();
}

function parseRange(range: string): MergeRange | null {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range.toUpperCase());
  if (!match) return null;
  const left = columnIndex(match[1]!);
  const top = Number(match[2]) - 1;
  const right = match[3] ? columnIndex(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) - 1 : top;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function lastFilled(row: string[]): number {
  for (let c = row.length - 1; c >= 0; c--) if (row[c] !== '') return c;
  return -1;
}

function startsWith(buffer: Buffer, magic: number[]): boolean {
  return buffer.length >= magic.length && magic.every((byte, i) => buffer[i] === byte);
}

/** UTF-8 text without binary control characters, or null. */
function decodeText(buffer: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

function sheetNameOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.[^.]*$/, '').trim();
  return name || 'Sheet1';
}

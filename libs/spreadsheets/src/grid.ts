import { parseCsv } from './csv.js';
import { SpreadsheetError } from './errors.js';
import { ReadBudget, type SpreadsheetLimits, spreadsheetLimits } from './limits.js';
import { columnLetters } from './xlsx/a1.js';
import { normaliseCellText } from './xlsx/cell-text.js';
import { readXlsx } from './xlsx/read-workbook.js';

export { formatNumber } from './xlsx/number-format.js';

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
/** An OLE2 compound file ([MS-CFB]): an Excel 97–2003 .xls, or an .xlsx with a password to open. */
const OLE2_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The stream an encrypted OOXML package keeps its workbook in ([MS-OFFCRYPTO]), as its directory names it. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const LEGACY_XLS_MESSAGE =
  '这是旧版 Excel 97-2003 工作簿（.xls），系统无法读取：' +
  '请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后重新上传';
const ENCRYPTED_MESSAGE = '工作簿设有打开密码，系统无法读取：请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后重新上传';

/**
 * Reads an upload into one Grid per worksheet (a CSV gives one, named after the file). The type is
 * decided by content: a ZIP archive is read as .xlsx, valid UTF-8 text as CSV, anything else
 * (PDF, images …) is refused with WRONG_TYPE, an OLE2 file (.xls, or a password-protected .xlsx)
 * with a message saying to save it as .xlsx; a ZIP that is not a readable workbook gives
 * CORRUPT and an empty file EMPTY. A file beyond one of the `limits` (sheets, rows, columns,
 * cells, strings, inflated bytes …) gives TOO_LARGE as soon as the reader meets it, and a cell
 * holding a control character CONTROL_CHARACTER naming the cell.
 */
export async function loadGrid(
  buffer: Buffer,
  filename: string,
  limits: Partial<SpreadsheetLimits> = {},
): Promise<Grid[]> {
  if (buffer.length === 0) throw new SpreadsheetError('EMPTY');
  const bounds = spreadsheetLimits(limits);
  if (startsWith(buffer, ZIP_LOCAL_HEADER) || startsWith(buffer, ZIP_EMPTY_ARCHIVE)) return readXlsx(buffer, bounds);
  if (startsWith(buffer, OLE2_HEADER))
    throw new SpreadsheetError(
      'WRONG_TYPE',
      buffer.includes(ENCRYPTED_PACKAGE) ? ENCRYPTED_MESSAGE : LEGACY_XLS_MESSAGE,
    );
  // Text is only a CSV under a spreadsheet-like name (or none): a PDF or a Word file can be ASCII too.
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (extension !== undefined && !['csv', 'txt', 'xlsx', 'xlsm', 'xls'].includes(extension))
    throw new SpreadsheetError('WRONG_TYPE');
  const text = decodeText(buffer);
  if (text === null) throw new SpreadsheetError('WRONG_TYPE');
  const sheet = sheetNameOf(filename);
  const records = parseCsv(text);
  checkExtent(sheet, records, new ReadBudget(bounds));
  return [gridFromRows(sheet, records)];
}

/**
 * A Grid from rows of text (CSV records, test tables): trims cells and pads rows to one width.
 * Text is taken as it is: `_xHHHH_` escapes are an .xlsx matter, decoded by its reader.
 */
export function gridFromRows(sheet: string, rows: string[][], merges: MergeRange[] = []): Grid {
  const cleaned = rows.map((row) => row.map((cell) => normaliseCellText(cell)));
  while (cleaned.length > 0 && cleaned[cleaned.length - 1]!.every((cell) => cell === '')) cleaned.pop();
  const width = cleaned.reduce((widest, row) => Math.max(widest, lastFilled(row) + 1), 0);
  const cells = cleaned.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  return { sheet, cells, merges };
}

/** The raw text of one cell ('' outside the grid and inside a merged range but its top-left). */
export function cellAt(grid: Grid, row: number, column: number): string {
  return grid.cells[row]?.[column] ?? '';
}

/** The merged range covering a cell, if any. */
export function mergeAt(grid: Grid, row: number, column: number): MergeRange | undefined {
  if (grid.merges.length === 0) return undefined;
  return mergeIndex(grid)
    .get(row)
    ?.find((m) => m.left <= column && column <= m.right);
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

/** A CSV padded to one width is a dense grid too: its rows, columns and area meet the same limits. */
function checkExtent(sheet: string, records: string[][], budget: ReadBudget): void {
  const extent = { rows: 0, columns: 0 };
  records.forEach((record, r) => {
    let last = record.length - 1;
    while (last >= 0 && record[last]!.trim() === '') last--;
    if (last < 0) return;
    budget.checkCell(sheet, r, last, extent, () => `${columnLetters(last)}${r + 1}`);
    extent.rows = r + 1;
    extent.columns = Math.max(extent.columns, last + 1);
  });
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

import { SpreadsheetError } from '../errors.js';
import type { Grid, MergeRange } from '../grid.js';
import { type ReadBudget, tooLarge } from '../limits.js';
import { columnLetters, parseCellRef, parseRange } from './a1.js';
import { checkedText, normaliseCellText } from './cell-text.js';
import { compileDateFormat, type DateFormat, isoParts, renderDate, serialParts } from './date-format.js';
import { formatNumber, isDateFormat } from './number-format.js';
import type { SheetPart } from './workbook-parts.js';
import type { Pacer } from '../pacer.js';
import { parseXml } from './xml-stream.js';
import type { ZipPackage } from './zip-reader.js';

/** What every sheet of a workbook reads its cells against. */
export interface CellContext {
  strings: readonly string[];
  /** Number format code per cell format index (a cell's `s`). */
  formats: readonly string[];
  date1904: boolean;
}

interface OpenCell {
  row: number;
  column: number;
  type: string;
  style: number;
}

/** `Sheet1`'s B3, for messages. */
function refOf(cell: OpenCell): string {
  return `${columnLetters(cell.column)}${cell.row + 1}`;
}

/**
 * One worksheet as a Grid. Cells are placed by their reference (`r`, or the next column when a
 * producer leaves it out); only cells with text count, and each is checked against the limits the
 * moment it is read, so a lone cell in column XFD stops the read before anything is allocated
 * for it. The grid is made dense only at the end, from an area the limits have already admitted.
 */
export async function readWorksheet(
  zip: ZipPackage,
  part: SheetPart,
  context: CellContext,
  budget: ReadBudget,
  pacer: Pacer,
): Promise<Grid> {
  const sheet = part.name;
  const { maxTextLength } = budget.limits;
  // Per cell format: how a date prints (null tokens: as YYYY-MM-DD), or undefined for no date format.
  const dateStyles: (DateFormat | undefined)[] = context.formats.map((code) =>
    isDateFormat(code) ? compileDateFormat(code) : undefined,
  );
  const rows = new Map<number, string[]>();
  const extent = { rows: 0, columns: 0 };
  const merges: MergeRange[] = [];
  let inSheetData = false;
  let rowIndex = -1;
  let lastColumn = -1;
  let cell: OpenCell | null = null;
  let inInline = false;
  let phonetic = 0;
  let capturing = false;
  let value = '';

  const textOf = (open: OpenCell, raw: string): string => {
    switch (open.type) {
      case 's': {
        const index = Number(raw);
        if (raw.trim() === '' || !Number.isInteger(index) || index < 0 || index >= context.strings.length)
          throw new SpreadsheetError('CORRUPT');
        return checkedText(context.strings[index]!, () => `${sheet}!${refOf(open)}`);
      }
      case 'str':
      case 'inlineStr':
        return checkedText(raw, () => `${sheet}!${refOf(open)}`);
      case 'b': {
        const flag = raw.trim().toLowerCase();
        return flag === '' ? '' : flag === '1' || flag === 'true' ? 'TRUE' : 'FALSE';
      }
      case 'd': {
        const parts = isoParts(raw);
        if (!parts) return checkedText(raw, () => `${sheet}!${refOf(open)}`);
        return renderDate(dateStyles[open.style] ?? null, parts);
      }
      case 'e':
        return normaliseCellText(raw);
      default: {
        const trimmed = raw.trim();
        if (trimmed === '') return '';
        const number = Number(trimmed);
        if (Number.isNaN(number)) return checkedText(raw, () => `${sheet}!${refOf(open)}`);
        const format = context.formats[open.style] ?? 'General';
        const dateFormat = dateStyles[open.style];
        // A date prints as its format shows it (2023年12月31日, 2023/12/31); a serial no date can be
        // (negative, past 9999: Excel's #####) prints as the number it is.
        const parts = dateFormat === undefined ? null : serialParts(number, context.date1904);
        return parts && dateFormat !== undefined ? renderDate(dateFormat, parts) : formatNumber(number, format);
      }
    }
  };

  const finishCell = (open: OpenCell, raw: string) => {
    const text = textOf(open, raw);
    if (text === '') return;
    budget.checkCell(sheet, open.row, open.column, extent, () => refOf(open));
    extent.rows = Math.max(extent.rows, open.row + 1);
    extent.columns = Math.max(extent.columns, open.column + 1);
    let row = rows.get(open.row);
    if (!row) rows.set(open.row, (row = []));
    row[open.column] = text;
  };

  const addMerge = (ref: string | undefined) => {
    const range = ref ? parseRange(ref) : null;
    // A range wholly outside the text changes nothing a reader can see.
    if (!range || range.top >= extent.rows || range.left >= extent.columns) return;
    merges.push(range);
    budget.checkSheet(extent.rows * extent.columns + merges.length);
  };

  await parseXml(
    zip.read(part.path),
    {
      open(name, attributes) {
        switch (name) {
          case 'sheetData':
            inSheetData = true;
            return;
          case 'row': {
            if (!inSheetData) return;
            const r = attributes.r;
            rowIndex = r === undefined ? rowIndex + 1 : Number(r) - 1;
            if (!Number.isInteger(rowIndex) || rowIndex < 0) throw new SpreadsheetError('CORRUPT');
            lastColumn = -1;
            return;
          }
          case 'c': {
            if (!inSheetData) return;
            const r = attributes.r;
            const position = r === undefined ? { row: Math.max(rowIndex, 0), column: lastColumn + 1 } : parseCellRef(r);
            if (!position) throw new SpreadsheetError('CORRUPT');
            lastColumn = position.column;
            const style = Number(attributes.s ?? 0);
            cell = {
              row: position.row,
              column: position.column,
              type: attributes.t ?? 'n',
              style: Number.isInteger(style) ? style : 0,
            };
            value = '';
            inInline = false;
            phonetic = 0;
            return;
          }
          case 'v':
            capturing = cell !== null;
            return;
          case 'is':
            inInline = cell !== null;
            return;
          case 'rPh':
            phonetic++;
            return;
          case 't':
            capturing = inInline && phonetic === 0;
            return;
          case 'mergeCell':
            addMerge(attributes.ref);
            return;
        }
      },
      close(name) {
        switch (name) {
          case 'v':
          case 't':
            capturing = false;
            return;
          case 'is':
            inInline = false;
            return;
          case 'rPh':
            phonetic = Math.max(0, phonetic - 1);
            return;
          case 'c':
            if (cell) finishCell(cell, value);
            cell = null;
            capturing = false;
            return;
          case 'sheetData':
            inSheetData = false;
            return;
        }
      },
      text(text) {
        if (!capturing) return;
        if (value.length + text.length > maxTextLength)
          throw tooLarge(
            'maxTextLength',
            `工作表“${sheet}”的单元格 ${cell ? refOf(cell) : ''} 超过 ${maxTextLength} 个字符上限`,
          );
        value += text;
      },
    },
    pacer,
  );
  budget.commitSheet(extent.rows * extent.columns + merges.length);
  return { sheet, cells: await denseCells(rows, extent, pacer), merges };
}

async function denseCells(
  rows: Map<number, string[]>,
  extent: { rows: number; columns: number },
  pacer: Pacer,
): Promise<string[][]> {
  const cells: string[][] = new Array<string[]>(extent.rows);
  for (let r = 0; r < extent.rows; r++) {
    const dense = new Array<string>(extent.columns).fill('');
    rows.get(r)?.forEach((text, c) => (dense[c] = text));
    cells[r] = dense;
    if (r % 2048 === 2047) await pacer.pause();
  }
  return cells;
}

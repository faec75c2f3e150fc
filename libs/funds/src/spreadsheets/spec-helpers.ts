// Shared by the *.spec.ts files of this folder: fixtures, synthetic grids and written workbooks.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { type Grid, type MergeRange, gridFromRows, loadGrid } from '@app/spreadsheets';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));

/** Every sheet of a checked-in fixture (`name.xlsx`) or reference CSV (`source/name.csv`). */
export async function fixtureGrids(name: string): Promise<Grid[]> {
  return loadGrid(await readFile(`${FIXTURES_DIR}${name}`), name);
}

/** Every sheet of a written workbook, as the import reads it. */
export function writtenGrids(buffer: Buffer): Promise<Grid[]> {
  return loadGrid(buffer, 'written.xlsx');
}

/** The written workbook as exceljs reads it, to look at styles, number formats and merges. */
export async function writtenWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Merged ranges of a worksheet as A1 references ("B9:B12"). */
export function mergesOf(sheet: ExcelJS.Worksheet): string[] {
  return [...sheet.model.merges].sort();
}

/** A Grid from rows of text; `merges` in A1 notation ("B2:B4") for readability. */
export function grid(rows: string[][], merges: string[] = [], sheet = 'Sheet1'): Grid {
  return gridFromRows(sheet, rows, merges.map(range));
}

function range(a1: string): MergeRange {
  const [from, to = from] = a1.split(':') as [string, string?];
  const cell = (ref: string) => {
    const match = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const column = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(match[2]) - 1, column };
  };
  const a = cell(from);
  const b = cell(to!);
  return { top: a.row, left: a.column, bottom: b.row, right: b.column };
}

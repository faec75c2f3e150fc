import type ExcelJS from 'exceljs';
import { type Grid, cellAt } from '@app/spreadsheets';

/** A name as compared and stored: line breaks of a wrapped cell dropped ("经济效益\n指标"). */
export function cleanName(text: string): string {
  return text.replace(/\s*\n\s*/g, '').trim();
}

/**
 * 一级 / 二级 names down a table. A name is either merged over its rows (read through `valueAt`,
 * so every row of the range sees it) or written once and left blank below (carried down). A new
 * 一级 name starts without a 二级 name until its row names one.
 */
export class LevelCarry {
  private level1 = '';
  private level2 = '';

  next(level1Cell: string, level2Cell: string): { level1: string; level2: string } {
    const level1 = cleanName(level1Cell);
    const level2 = cleanName(level2Cell);
    if (level1 && level1 !== this.level1) {
      this.level1 = level1;
      this.level2 = '';
    }
    if (level2) this.level2 = level2;
    return { level1: this.level1, level2: this.level2 };
  }
}

/** Indicators are unique by 三级指标 within their 一级 + 二级 (names compared without line breaks). */
export function indicatorKey(level1: string, level2: string, level3: string): string {
  return `${level1}\u0000${level2}\u0000${level3}`;
}

/** Notes and signatures under a table (注：…, 填报人：…) end it and are not indicators. */
export function isFooterText(text: string): boolean {
  return /^(注|备注|说明|填报人|填表人|审核人|负责人|联系人|联系电话|填报日期|填表日期)\s*\d*\s*[:：]/.test(text);
}

/** The first non-empty raw cell of a row ('' for an empty row). */
export function firstText(grid: Grid, row: number): string {
  return (grid.cells[row] ?? []).find((cell) => cell !== '') ?? '';
}

/** True when no raw cell of the row in the given columns has text (merged continuations are ''). */
export function emptyIn(grid: Grid, row: number, columns: number[]): boolean {
  return columns.every((c) => cellAt(grid, row, c) === '');
}

/**
 * Writes the 一级 / 二级 names of consecutive rows, each merged over its run: a 一级 name over the
 * rows that share it, a 二级 name over the rows that share it within the same 一级.
 */
export function writeLevelRuns(
  sheet: ExcelJS.Worksheet,
  firstRow: number,
  rows: { level1: string; level2: string }[],
  level1Column: number,
  level2Column: number,
): void {
  const runs = (key: (i: number) => string, column: number, text: (i: number) => string) => {
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && key(i) === key(start)) continue;
      sheet.getCell(firstRow + start, column).value = text(start);
      if (i - 1 > start) sheet.mergeCells(firstRow + start, column, firstRow + i - 1, column);
      start = i;
    }
  };
  runs(
    (i) => rows[i]!.level1,
    level1Column,
    (i) => rows[i]!.level1,
  );
  runs(
    (i) => indicatorKey(rows[i]!.level1, rows[i]!.level2, ''),
    level2Column,
    (i) => rows[i]!.level2,
  );
}

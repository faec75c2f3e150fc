import { type Grid, cellAt, valueAt, widthOf } from './grid.js';
import { normaliseHeader } from './text.js';
import type { CellProblem } from './types.js';

/** How far down a sheet the header row is looked for (titles, 附件 labels and notes come first). */
export const HEADER_SEARCH_ROWS = 15;

export interface ColumnSpec<K extends string> {
  key: K;
  /** The canonical header, used in problems. */
  label: string;
  /** Other names offices use for the same column. */
  aliases?: readonly string[];
  /** Matched against the normalised header instead of the names. */
  pattern?: RegExp;
  required: boolean;
}

export interface HeaderMatch<K extends string> {
  /** 0-based row of the header. */
  row: number;
  columns: Partial<Record<K, number>>;
  missing: ColumnSpec<K>[];
}

/** A header cell matches a name exactly or followed by a parenthesis: "总投资（万元）" is 总投资. */
export function headerMatches<K extends string>(spec: ColumnSpec<K>, header: string): boolean {
  const text = normaliseHeader(header);
  if (!text) return false;
  if (spec.pattern) return spec.pattern.test(text);
  return [spec.label, ...(spec.aliases ?? [])].some((name) => {
    const wanted = normaliseHeader(name);
    return text === wanted || text.startsWith(`${wanted}(`);
  });
}

/**
 * The row among the first HEADER_SEARCH_ROWS that names most of the layout's columns (merged header
 * cells count for every column they cover). Null when no row names any of them.
 */
export function findHeader<K extends string>(grid: Grid, specs: readonly ColumnSpec<K>[]): HeaderMatch<K> | null {
  let best: HeaderMatch<K> | null = null;
  let bestCount = 0;
  const width = widthOf(grid);
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.cells.length); r++) {
    const columns: Partial<Record<K, number>> = {};
    let count = 0;
    for (const spec of specs) {
      for (let c = 0; c < width; c++) {
        if (headerMatches(spec, valueAt(grid, r, c))) {
          columns[spec.key] = c;
          count++;
          break;
        }
      }
    }
    if (count > bestCount) {
      bestCount = count;
      best = { row: r, columns, missing: specs.filter((s) => s.required && columns[s.key] === undefined) };
    }
  }
  return best;
}

/** One problem per missing required column, on the header row (row 1 when there is none). */
export function headerProblems<K extends string>(
  grid: Grid,
  match: HeaderMatch<K> | null,
  specs: readonly ColumnSpec<K>[],
): CellProblem[] {
  if (!match) {
    const names = specs.filter((s) => s.required).map((s) => `“${s.label}”`);
    return [
      {
        sheet: grid.sheet,
        row: 1,
        column: specs[0]?.label ?? '',
        message: `未找到表头行，表头应包含${names.join('、')}`,
      },
    ];
  }
  return match.missing.map((spec) => ({
    sheet: grid.sheet,
    row: match.row + 1,
    column: spec.label,
    message: `缺少“${spec.label}”列`,
  }));
}

/**
 * What the rows above the header say: 附件 label (attachment), 单位：万元 (unit) and the title
 * (the first other text).
 */
export function preambleMeta(grid: Grid, headerRow: number): Record<string, string> {
  const meta: Record<string, string> = {};
  for (let r = 0; r < headerRow; r++) {
    for (const cell of grid.cells[r] ?? []) {
      const text = cell.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      const attachment = /^附\s*件\s*([0-9一二三四五六七八九十]+)$/.exec(text);
      const unit = /^(?:金额)?单\s*位\s*[:：]\s*(.+)$/.exec(text);
      if (attachment) meta.attachment ??= `附件${attachment[1]}`;
      else if (unit) meta.unit ??= unit[1]!.trim();
      else meta.title ??= text;
    }
  }
  return meta;
}

/** A row's only non-empty raw cell (a section or stage heading, a lone liaison …), or null. */
export function soleCell(grid: Grid, row: number): { column: number; text: string } | null {
  let found: { column: number; text: string } | null = null;
  const width = widthOf(grid);
  for (let c = 0; c < width; c++) {
    const text = cellAt(grid, row, c);
    if (!text) continue;
    if (found !== null) return null;
    found = { column: c, text };
  }
  return found;
}

/** True when no raw cell of the row has text. */
export function isEmptyRow(grid: Grid, row: number): boolean {
  return (grid.cells[row] ?? []).every((cell) => cell === '');
}

import type { MergeRange } from '../grid.js';

/** `B3` (or `$B$3`) → 0-based row 2, column 1; null when it is no cell reference. */
export function parseCellRef(ref: string): { row: number; column: number } | null {
  // By hand rather than by regular expression: this runs for every cell of a sheet.
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  let column = 0;
  const lettersFrom = i;
  for (; i < ref.length && i - lettersFrom < 7; i++) {
    const code = ref.charCodeAt(i) & ~0x20;
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  if (i === lettersFrom) return null;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digitsFrom = i;
  for (; i < ref.length && i - digitsFrom < 10; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return null;
    row = row * 10 + (code - 48);
  }
  if (i === digitsFrom || i !== ref.length || row < 1) return null;
  return { row: row - 1, column: column - 1 };
}

/** `A1:C2` (or one cell) → 0-based inclusive bounds, whichever corners are given; null if unreadable. */
export function parseRange(range: string): MergeRange | null {
  const [from, to = from, extra] = range.split(':');
  if (extra !== undefined || !from || !to) return null;
  const a = parseCellRef(from);
  const b = parseCellRef(to);
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

import { SpreadsheetError } from '../errors.js';

/**
 * Control characters no cell may hold: PostgreSQL refuses U+0000 in text, and the others are
 * invisible noise. TAB, LF and CR are text (line breaks in a cell are common).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** OOXML writes characters XML cannot carry as `_xHHHH_` (`_x000D_` for CR, `_x005F_` for `_`). */
export function decodeEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** Line breaks as \n, outer whitespace trimmed. */
export function normaliseCellText(text: string): string {
  return (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).trim();
}

/**
 * The cell's text after `_xHHHH_` decoding, refused when it holds a control character; the
 * error names the cell (`where()`, e.g. `Sheet1!B3`) and the character.
 */
export function checkedText(raw: string, where: () => string): string {
  const text = decodeEscapes(raw);
  const found = CONTROL.exec(text);
  if (found) {
    const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const cell = where();
    throw new SpreadsheetError(
      'CONTROL_CHARACTER',
      `单元格 ${cell} 含有不可见的控制字符（${code}），请删除后重新上传`,
      { cell },
    );
  }
  return normaliseCellText(text);
}

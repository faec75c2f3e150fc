import { Decimal } from 'decimal.js';

/**
 * Built-in number formats a workbook refers to by id only (ECMA-376 §18.8.30). Only what the
 * printed text depends on matters here: fixed decimals and percentages, and the date and time
 * formats, which differ by locale: these are the ones a Chinese (zh-CN) Excel or WPS prints, so
 * id 14 is 2023/12/31 there (12/31/2023 in an American Excel) and 31 is 2023年12月31日.
 */
const BUILT_IN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export function builtInFormat(id: number): string {
  return BUILT_IN[id] ?? 'General';
}

/** A format that shows a date or a time: y, m, d, h or s outside quoted text, escapes and [colour] tags. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[ymdhs]/i.test(bare);
}

/**
 * A number as Excel prints it: fixed-decimal formats ("0.00", "#,##0.0", "0.00%") keep their
 * decimals (grouping commas are left out), everything else prints at most 15 significant digits
 * without trailing zeros, so 0.1 + 0.2 reads "0.3".
 */
export function formatNumber(value: number, numFmt?: string): string {
  if (!Number.isFinite(value)) return String(value);
  const format = (numFmt ?? '')
    .split(';')[0]!
    .replace(/\[[^\]]*\]/g, '')
    .trim();
  const fixed = /^(?:#,##)?0(?:\.(0+))?(%?)$/.exec(format);
  if (fixed) {
    const places = fixed[1]?.length ?? 0;
    const scaled = fixed[2] ? new Decimal(value).times(100) : new Decimal(value);
    return scaled.toFixed(places) + (fixed[2] ?? '');
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return new Decimal(value.toPrecision(15)).toFixed();
}

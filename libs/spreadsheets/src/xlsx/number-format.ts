import { Decimal } from 'decimal.js';

/**
 * Built-in number formats a workbook refers to by id only (ECMA-376 §18.8.30). Only what the
 * printed text depends on matters here: fixed decimals and percentages, and which ids are dates
 * (14–22, 45–47, and the East Asian date ids 27–36 and 50–58, which differ by locale).
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
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  48: '##0.0E+0',
  49: '@',
};
const DATE = 'yyyy-mm-dd';

export function builtInFormat(id: number): string {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return DATE;
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

const DAY_MS = 24 * 3600 * 1000;
/** Serial 25569 is 1970-01-01 in the 1900 date system; the 1904 system starts 1462 days later. */
const UNIX_EPOCH_SERIAL = 25569;
const DATE_1904_OFFSET = 1462;

/** A date serial as YYYY-MM-DD (the time of day is dropped), or null when it is no date. */
export function serialToDate(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET : 0)) * DAY_MS);
  const date = new Date(ms);
  if (!Number.isFinite(date.getTime())) return null;
  return formatDate(date);
}

export function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

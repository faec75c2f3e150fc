/** Calendar dates without a time or a zone ('YYYY-MM-DD'), with exact day arithmetic.
 *  No `Date` is involved: days are counted with Howard Hinnant's civil-date algorithms, so
 *  nothing depends on the host's time zone and years 0001–9999 all behave. */

declare const localDateBrand: unique symbol;

/** A valid calendar date written 'YYYY-MM-DD' (years 0001–9999). The brand proves it was checked:
 *  make one with `localDate('2023-03-05')`, `parseLocalDate(raw)` or `localDateFromParts(2023, 3, 5)`. */
export type LocalDate = string & { readonly [localDateBrand]: true };

/** ISO weekday: 1 = Monday … 6 = Saturday, 7 = Sunday (the Chinese week starts on Monday). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalDateParts {
  year: number;
  month: number;
  day: number;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_EPOCH_DAY = daysFromCivil(1, 1, 1);
const MAX_EPOCH_DAY = daysFromCivil(9999, 12, 31);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  checkYear(year);
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  checkYear(year);
  checkMonth(month);
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a string that is a real date in 'YYYY-MM-DD' form ('2023-02-29' is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The date, or null when the value is not a valid 'YYYY-MM-DD' string. */
export function parseLocalDate(value: unknown): LocalDate | null {
  return isLocalDate(value) ? value : null;
}

/** The date; throws RangeError for anything that is not a valid 'YYYY-MM-DD' string. */
export function localDate(text: string): LocalDate {
  if (!isLocalDate(text)) throw new RangeError(`无效日期：${String(text)}（应为 YYYY-MM-DD）`);
  return text;
}

export function localDateFromParts(year: number, month: number, day: number): LocalDate {
  checkYear(year);
  checkMonth(month);
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`无效日期：${year}年${month}月${day}日`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

export function localDateParts(date: LocalDate): LocalDateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (negative before it). */
export function epochDayOf(date: LocalDate): number {
  const { year, month, day } = localDateParts(date);
  return daysFromCivil(year, month, day);
}

export function localDateFromEpochDay(epochDay: number): LocalDate {
  if (!Number.isInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new RangeError(`日期超出范围（0001-01-01 至 9999-12-31）：第 ${epochDay} 天`);
  }
  const { year, month, day } = civilFromDays(epochDay);
  return localDateFromParts(year, month, day);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`天数必须是整数：${days}`);
  return localDateFromEpochDay(epochDayOf(date) + days);
}

/** −1, 0 or 1; 'YYYY-MM-DD' strings also sort correctly as text, this just says so. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to` (negative when `to` is earlier); the same day gives 0. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

export function dayOfWeek(date: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  return (((((epochDayOf(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

/** 1 for 1 January … 365 or 366 for 31 December. */
export function dayOfYear(date: LocalDate): number {
  const { year } = localDateParts(date);
  return epochDayOf(date) - daysFromCivil(year, 1, 1) + 1;
}

export function firstDayOfMonth(year: number, month: number): LocalDate {
  return localDateFromParts(year, month, 1);
}

export function lastDayOfMonth(year: number, month: number): LocalDate {
  return localDateFromParts(year, month, daysInMonth(year, month));
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** Days from 1970-01-01 of a proleptic Gregorian date (Hinnant, "chrono-Compatible Low-Level Date Algorithms"). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(epochDay: number): LocalDateParts {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`年份必须是 1–9999 的整数：${year}`);
}

function checkMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`月份必须是 1–12 的整数：${month}`);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

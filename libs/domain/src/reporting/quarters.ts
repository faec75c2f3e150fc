/** Quarters (季度), for quarterly bulletins and progress scores. */
import { firstDayOfMonth, lastDayOfMonth, type LocalDate } from '../calendar/index.js';

export type Quarter = 1 | 2 | 3 | 4;

export interface YearQuarter {
  year: number;
  quarter: Quarter;
}

/** 1–3 → 1, 4–6 → 2, 7–9 → 3, 10–12 → 4. */
export function quarterOf(month: number): Quarter {
  checkMonth(month);
  return Math.ceil(month / 3) as Quarter;
}

export function quarterMonths(quarter: Quarter): [number, number, number] {
  checkQuarter(quarter);
  const first = (quarter - 1) * 3 + 1;
  return [first, first + 1, first + 2];
}

export function quarterStart(year: number, quarter: Quarter): LocalDate {
  return firstDayOfMonth(year, quarterMonths(quarter)[0]);
}

/** The last day of the quarter: 2023 Q1 → 2023-03-31. */
export function quarterEnd(year: number, quarter: Quarter): LocalDate {
  return lastDayOfMonth(year, quarterMonths(quarter)[2]);
}

export function previousQuarter(year: number, quarter: Quarter): YearQuarter {
  checkQuarter(quarter);
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: (quarter - 1) as Quarter };
}

export function nextQuarter(year: number, quarter: Quarter): YearQuarter {
  checkQuarter(quarter);
  return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: (quarter + 1) as Quarter };
}

/** '2023-Q1', as in job ids (`ranking:2023-Q1:<cityId>`). */
export function quarterKey(year: number, quarter: Quarter): string {
  checkQuarter(quarter);
  return `${quarterStart(year, quarter).slice(0, 4)}-Q${quarter}`;
}

/** { year, quarter } of '2023-Q1', or null. */
export function parseQuarterKey(key: string): YearQuarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!match || match[1] === '0000') return null;
  return { year: Number(match[1]), quarter: Number(match[2]) as Quarter };
}

function checkMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`月份必须是 1–12 的整数：${month}`);
}

function checkQuarter(quarter: number): void {
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4)
    throw new RangeError(`季度必须是 1–4：${quarter}`);
}

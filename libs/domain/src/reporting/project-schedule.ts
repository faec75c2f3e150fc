/** 序时进度 of a key project's annual investment plan. */
import type { Decimal } from 'decimal.js';
import { firstDayOfMonth, lastDayOfMonth, maxDate, minDate } from '../calendar/index.js';
import { ONE, ZERO, toDecimal, type DecimalInput } from '../decimal.js';
import { elapsedShareBetween } from './progress.js';

export interface ProjectSpan {
  /** YYYY-MM, as the project list gives it. */
  startMonth: string;
  endMonth: string;
}

function monthParts(month: string): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`年月格式应为 YYYY-MM：${month}`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The share of a year's project plan expected after reporting month `month` of `year`: the project's days in that
 * year elapsed by the month's last day, over its days in that year (elapsedShareBetween). A project running the whole
 * year expects elapsedShareOfYear of the month's end; one starting in July expects nothing before July. A project
 * that ended before the year expects all of it, one starting after it nothing.
 */
export function projectElapsedShare(span: ProjectSpan, year: number, month: number): Decimal {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`月份必须是 1–12 的整数：${month}`);
  const [startYear, startMonth] = monthParts(span.startMonth);
  const [endYear, endMonth] = monthParts(span.endMonth);
  const start = maxDate(firstDayOfMonth(year, 1), firstDayOfMonth(startYear, startMonth));
  const end = minDate(lastDayOfMonth(year, 12), lastDayOfMonth(endYear, endMonth));
  if (end < start) return endYear < year ? ONE : ZERO;
  return elapsedShareBetween(start, end, lastDayOfMonth(year, month));
}

/** The investment (万元) expected to date: the annual plan × the elapsed share, half-up to 2 decimals. */
export function expectedInvestmentToDate(annualInvestment: DecimalInput, share: Decimal): Decimal {
  return toDecimal(annualInvestment, '年度计划投资').times(share).toDecimalPlaces(2);
}

/** Time-elapsed progress (序时进度): how much of a target should be done by a date, and who is behind. */
import type { Decimal } from 'decimal.js';
import { dayOfYear, daysBetween, daysInYear, isLocalDate, localDateParts, type LocalDate } from '../calendar/index.js';
import { clampToUnit, D, HUNDRED, ONE, ZERO, toDecimal, type DecimalInput } from '../decimal.js';

/** Days elapsed through `date` (inclusive) ÷ days in its year: 2023-06-30 → 181/365; 12-31 → 1. */
export function elapsedShareOfYear(date: LocalDate): Decimal {
  return new D(dayOfYear(date)).div(daysInYear(localDateParts(date).year));
}

/**
 * Days elapsed from `start` through `date` (both inclusive) ÷ days from `start` through `end`,
 * clamped to [0, 1]: for multi-year targets and projects that run part of a year.
 */
export function elapsedShareBetween(start: LocalDate, end: LocalDate, date: LocalDate): Decimal {
  const total = daysBetween(start, end) + 1;
  if (total <= 0) throw new RangeError(`起止日期颠倒：${start} 至 ${end}`);
  const elapsed = daysBetween(start, date) + 1;
  return D.max(ZERO, D.min(ONE, new D(elapsed).div(total)));
}

/** The share expected after reporting month `month` (0–12): month ÷ 12; after March 0.25. */
export function elapsedShareByMonths(month: number): Decimal {
  if (!Number.isInteger(month) || month < 0 || month > 12) throw new RangeError(`月份必须是 0–12 的整数：${month}`);
  return new D(month).div(12);
}

export interface Milestone {
  dueDate: LocalDate;
  /** Completion (0–100 %) expected once the milestone is due. */
  expectedPercent: number;
}

/**
 * Expected completion (0–100) of a task at `date`, as a step function: the highest
 * `expectedPercent` among milestones due on or before `date`, 0 before the first one. Offices
 * check "was the 6-month milestone reached", not a straight line between milestones, so there is no
 * interpolation. A task without milestones falls back to the elapsed share of `date`'s year × 100.
 */
export function expectedCompletion(milestones: readonly Milestone[], date: LocalDate): Decimal {
  if (milestones.length === 0) return elapsedShareOfYear(date).times(HUNDRED);
  let expected = ZERO;
  milestones.forEach((m, i) => {
    if (!isLocalDate(m.dueDate)) throw new RangeError(`第 ${i + 1} 个节点的日期无效：${String(m.dueDate)}`);
    const percent = toDecimal(m.expectedPercent, `第 ${i + 1} 个节点的预期完成度`);
    if (percent.lt(0) || percent.gt(100))
      throw new RangeError(`第 ${i + 1} 个节点的预期完成度必须在 0–100 之间：${m.expectedPercent}`);
    if (m.dueDate <= date && percent.gt(expected)) expected = percent;
  });
  return expected;
}

/** x < 0, from its sign alone (x.lt(0) copies the 0 first). */
export function isBelowZero(x: Decimal): boolean {
  return x.isNeg() && !x.isZero();
}

/** x ≤ 0, from its sign alone (x.lte(0) copies the 0 first). */
export function isAtMostZero(x: Decimal): boolean {
  return x.isNeg() || x.isZero();
}

export type IndicatorDirection = 'higher' | 'lower';

export interface IndicatorProgressInput {
  /** Cumulative value so far (or the latest confirmed value for a level/ratio indicator). */
  valueToDate: DecimalInput;
  /** The year's target, ≥ 0. */
  annualTarget: DecimalInput;
  /** 0–1, e.g. `elapsedShareByMonths(3)`; pass 1 for level/ratio indicators (R&D intensity, energy intensity). */
  elapsedShare: DecimalInput;
  direction: IndicatorDirection;
}

export interface IndicatorProgress {
  /** 0–1: the share of the expected-to-date amount achieved, capped at 1. */
  progress: Decimal;
  /** annualTarget × elapsedShare: the amount expected (higher) or allowed (lower) by now. */
  expectedToDate: Decimal;
  isBehind: boolean;
}

/**
 * higher (higher is better): progress = valueToDate ÷ (annualTarget × elapsedShare), in [0, 1];
 * nothing expected yet (target or share 0) counts as fully on track.
 * lower (the target is a ceiling): the allowance to date is annualTarget × elapsedShare; staying within
 * it is 1, exceeding it gives allowance ÷ valueToDate (twice the allowance → 0.5), as the scoring
 * rules' `ratioToTarget` does for lower-is-better. A value ≤ 0 is always within the allowance.
 * isBehind: higher — valueToDate < expectedToDate; lower — valueToDate > expectedToDate.
 */
export function indicatorProgress(input: IndicatorProgressInput): IndicatorProgress {
  const value = toDecimal(input.valueToDate, '累计完成值');
  const target = toDecimal(input.annualTarget, '年度目标值');
  const share = toDecimal(input.elapsedShare, '序时进度');
  // Signs read off the Decimals: comparing makes a copy of the other operand, tens of thousands of times a schedule.
  if (isBelowZero(target)) throw new RangeError('年度目标值不能为负');
  if (isBelowZero(share) || share.gt(ONE)) throw new RangeError('序时进度必须在 0–1 之间');
  const expectedToDate = target.times(share);

  if (input.direction === 'higher') {
    if (isAtMostZero(expectedToDate)) return { progress: ONE, expectedToDate, isBehind: false };
    // At or past the line the quotient is ≥ 1 and clamps to 1: no 40-digit division needed to say so.
    if (value.gte(expectedToDate)) return { progress: ONE, expectedToDate, isBehind: false };
    return { progress: clampToUnit(value.div(expectedToDate)), expectedToDate, isBehind: true };
  }
  if (input.direction === 'lower') {
    if (value.lte(expectedToDate)) return { progress: ONE, expectedToDate, isBehind: false };
    return { progress: expectedToDate.div(value), expectedToDate, isBehind: true };
  }
  throw new RangeError(`未知的指标方向：${String(input.direction)}`);
}

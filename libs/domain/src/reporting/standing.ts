/**
 * Where an item stands against the time-elapsed line (序时进度), as a traffic light (红灯/黄灯/绿灯):
 * the one rule the lagging list, the leaders' dashboard and the quarterly bulletin share.
 */
import type { Decimal } from 'decimal.js';
import { clampToUnit, D, HUNDRED, ONE, ZERO, toDecimal, type DecimalInput } from '../decimal.js';
import {
  FIXED_ONE,
  FIXED_ZERO,
  fixedCompare,
  fixedDiv,
  fixedMinus,
  fixedOf,
  fixedTimes,
  type Fixed,
} from '../fixed-decimal.js';
import {
  SMALL_ONE,
  SMALL_ZERO,
  smallAligned,
  smallHundredthsText,
  smallQuotientText,
  smallTimes,
  type SmallDecimal,
} from '../small-decimal.js';
import { indicatorProgress, isAtMostZero, type IndicatorDirection } from './progress.js';

/** 红灯/黄灯/绿灯 of an item against the time-elapsed line. */
export type ProgressLight = 'red' | 'yellow' | 'green';

/** Below this share of the expected amount an item lags (黄灯); below `RED_BELOW` it lags badly (红灯). */
export const LAGGING_BELOW = new D('0.8');
export const RED_BELOW = new D('0.5');

export interface Standing {
  /** actual ÷ expected in [0, 1]; 1 when nothing is expected yet. */
  ratio: Decimal;
  light: ProgressLight;
  /** Behind the line: the light is yellow or red. */
  lagging: boolean;
  /** How far behind, ≥ 0: 百分点 for completion and indicators, 万元 for investment. */
  shortfall: Decimal;
}

export function lightOf(ratio: DecimalInput): ProgressLight {
  const r = toDecimal(ratio, '完成比例');
  return r.lt(RED_BELOW) ? 'red' : r.lt(LAGGING_BELOW) ? 'yellow' : 'green';
}

function standing(ratio: Decimal, shortfall: Decimal): Standing {
  const light = lightOf(ratio);
  return { ratio, light, lagging: light !== 'green', shortfall: isAtMostZero(shortfall) ? ZERO : shortfall };
}

function ratioOf(actual: Decimal, expected: Decimal): Decimal {
  // At or past the expected amount the quotient is ≥ 1 and clamps to 1: no 40-digit division needed to say so.
  return isAtMostZero(expected) || actual.gte(expected) ? ONE : clampToUnit(actual.div(expected));
}

/**
 * A task assignment: reported completion (%) against expected completion (%). Nothing reported counts
 * as 0. Shortfall in percentage points. A task reported at 100 % is done and never lags.
 */
export function completionStanding(completion: DecimalInput | null, expectedPercent: DecimalInput): Standing {
  const actual = completion === null ? ZERO : toDecimal(completion, '完成进度');
  const expected = toDecimal(expectedPercent, '序时进度');
  if (actual.gte(HUNDRED)) return standing(ONE, ZERO);
  return standing(ratioOf(actual, expected), expected.minus(actual));
}

export interface InvestmentStanding extends Standing {
  /** annual plan × elapsed share, 万元. */
  expected: Decimal;
}

/** A key project: investment to date (万元) against the annual plan × elapsed share; shortfall in 万元. */
export function investmentStanding(
  toDate: DecimalInput | null,
  annualPlan: DecimalInput,
  elapsedShare: DecimalInput,
): InvestmentStanding {
  const actual = toDate === null ? ZERO : toDecimal(toDate, '累计完成投资');
  const expected = toDecimal(annualPlan, '年度计划投资').times(toDecimal(elapsedShare, '序时进度'));
  return { ...standing(ratioOf(actual, expected), expected.minus(actual)), expected };
}

export interface IndicatorStandingInput {
  /** Value to date; null when nothing was reported (counts as 0, as the quarterly score does). */
  value: DecimalInput | null;
  annualTarget: DecimalInput;
  /** Share of the year elapsed: used for additive (cumulative) indicators only. */
  elapsedShare: DecimalInput;
  direction: IndicatorDirection;
  /** Level and ratio indicators (R&D intensity) are held to the full target at any date. */
  aggregation: 'additive' | 'ratio' | string;
}

export interface IndicatorStanding extends Standing {
  /** The amount expected (or, lower-is-better, allowed) by now, in the indicator's unit of measure. */
  expected: Decimal;
}

/**
 * A county indicator against target × elapsed share (indicatorProgress). Shortfall in percentage
 * points of the annual target: how far the value is on the wrong side of the expected amount.
 */
export function indicatorStanding(input: IndicatorStandingInput): IndicatorStanding {
  const value = input.value === null ? ZERO : toDecimal(input.value, '累计完成值');
  const target = toDecimal(input.annualTarget, '年度目标值');
  const share = input.aggregation === 'additive' ? input.elapsedShare : ONE;
  const progress = indicatorProgress({
    valueToDate: value,
    annualTarget: target,
    elapsedShare: share,
    direction: input.direction,
  });
  const behind =
    input.direction === 'lower' ? value.minus(progress.expectedToDate) : progress.expectedToDate.minus(value);
  // Not behind (or no target): no shortfall, which standing() would make of the points anyway (target ≥ 0).
  const points = isAtMostZero(behind) || target.isZero() ? ZERO : behind.div(target).times(HUNDRED);
  return { ...standing(progress.progress, points), expected: progress.expectedToDate };
}

export interface FixedIndicatorStandingInput {
  value: Fixed | null;
  annualTarget: Fixed;
  elapsedShare: Fixed;
  direction: IndicatorDirection;
  aggregation: 'additive' | 'ratio' | string;
}

/** An indicator standing's numbers in fixed point (fixed-decimal.ts). */
export interface FixedIndicatorStanding {
  ratio: Fixed;
  light: ProgressLight;
  lagging: boolean;
  shortfall: Fixed;
  expected: Fixed;
}

// The same lines as lightOf's, converted once.
const FIXED_RED_BELOW = fixedOf(RED_BELOW)!;
const FIXED_LAGGING_BELOW = fixedOf(LAGGING_BELOW)!;

/**
 * indicatorStanding in fixed point, exactly the same numbers: a schedule judges tens of thousands of indicators, and
 * decimal.js's allocations were most of that time. Null for operands the rule refuses (a negative target, a share
 * outside 0–1, an unknown direction): indicatorStanding says why.
 */
export function fixedIndicatorStanding(input: FixedIndicatorStandingInput): FixedIndicatorStanding | null {
  const value = input.value ?? FIXED_ZERO;
  const target = input.annualTarget;
  const share = input.aggregation === 'additive' ? input.elapsedShare : FIXED_ONE;
  const higher = input.direction === 'higher';
  if (!higher && input.direction !== 'lower') return null;
  if (target.coef < 0n || share.coef < 0n || fixedCompare(share, FIXED_ONE) > 0) return null;
  const expected = fixedTimes(target, share);
  const ratio = higher ? fixedHigherProgress(value, expected) : fixedLowerProgress(value, expected);
  const behind = higher ? fixedMinus(expected, value) : fixedMinus(value, expected);
  const shortfall = behind.coef <= 0n || target.coef === 0n ? FIXED_ZERO : percentOf(fixedDiv(behind, target));
  const light =
    fixedCompare(ratio, FIXED_RED_BELOW) < 0
      ? 'red'
      : fixedCompare(ratio, FIXED_LAGGING_BELOW) < 0
        ? 'yellow'
        : 'green';
  return { ratio, light, lagging: light !== 'green', shortfall, expected };
}

/** A share in percentage points: × 100 is exact on a 40-digit value, a move of the decimal point. */
function percentOf(share: Fixed): Fixed {
  return { coef: share.coef, scale: share.scale - 2 };
}

/** indicatorProgress, higher is better: value ÷ expected held to [0, 1]; 1 when nothing is expected yet. */
function fixedHigherProgress(value: Fixed, expected: Fixed): Fixed {
  if (expected.coef <= 0n || fixedCompare(value, expected) >= 0) return FIXED_ONE;
  const quotient = fixedDiv(value, expected);
  // A quotient just under 1 can round up to it at 40 digits.
  return fixedCompare(quotient, FIXED_ONE) >= 0 ? FIXED_ONE : quotient.coef <= 0n ? FIXED_ZERO : quotient;
}

/** indicatorProgress, lower is better: 1 within the allowance, allowance ÷ value beyond it (value > allowance ≥ 0). */
function fixedLowerProgress(value: Fixed, expected: Fixed): Fixed {
  return fixedCompare(value, expected) <= 0 ? FIXED_ONE : fixedDiv(expected, value);
}

export interface SmallIndicatorStandingInput {
  /** Null when nothing was reported (counts as 0). */
  value: SmallDecimal | null;
  annualTarget: SmallDecimal;
  elapsedShare: SmallDecimal;
  direction: IndicatorDirection;
  aggregation: 'additive' | 'ratio' | string;
}

/** An indicator standing on small operands, its ratio and shortfall as printed. */
export interface SmallIndicatorStanding {
  /** The ratio as `toFixed()` writes the 40-digit Decimal: "1", "0" or "0.ddd". */
  ratioText: string;
  light: ProgressLight;
  lagging: boolean;
  /** The shortfall in percentage points, half-up to two places. */
  shortfallText: string;
  expected: SmallDecimal;
}

/**
 * indicatorStanding on small operands (small-decimal.ts), printing the same texts as the fixed-point and Decimal
 * paths; null when an operand or an intermediate leaves that range, or the rule would refuse the operands.
 *
 * Exact comparisons stand in for comparing the 40-digit rounded ratio, and one half-up rounding of the shortfall for
 * rounding it to 40 digits and then to two places: with divisors below 10^15, an exact ratio that is not on a line
 * (0.5, 0.8, a half hundredth) is at least 10^−16 from it, far beyond what rounding at 40 digits moves.
 */
export function smallIndicatorStanding(input: SmallIndicatorStandingInput): SmallIndicatorStanding | null {
  const higher = input.direction === 'higher';
  if (!higher && input.direction !== 'lower') return null;
  const share = input.aggregation === 'additive' ? input.elapsedShare : SMALL_ONE;
  if (share.coef > 10 ** share.scale) return null;
  const target = input.annualTarget;
  const expected = smallTimes(target, share);
  const aligned = expected && smallAligned(input.value ?? SMALL_ZERO, expected);
  if (!expected || !aligned) return null;
  const { a: value, b: allowed, scale } = aligned;
  // The ratio below 1 is numerator ÷ denominator: value ÷ expected (higher is better), expected ÷ value (lower).
  const whole = higher ? allowed <= 0 || value >= allowed : value <= allowed;
  const numerator = higher ? value : allowed;
  const denominator = higher ? allowed : value;
  const ratioText = whole ? '1' : smallQuotientText(numerator, denominator);
  if (ratioText === null) return null;
  const light = whole
    ? 'green'
    : 2 * numerator < denominator
      ? 'red'
      : 5 * numerator < 4 * denominator
        ? 'yellow'
        : 'green';
  const behind = higher ? allowed - value : value - allowed;
  let shortfallText: string | null = '0.00';
  if (behind > 0 && target.coef !== 0) {
    // behind ÷ target × 100 in hundredths of a point: behind × 10^(target's scale + 4 − scale) ÷ target's coefficient.
    const shift = target.scale + 4 - scale;
    shortfallText =
      shift >= 0
        ? smallHundredthsText(behind * 10 ** shift, target.coef)
        : smallHundredthsText(behind, target.coef * 10 ** -shift);
  }
  if (shortfallText === null) return null;
  return { ratioText, light, lagging: light !== 'green', shortfallText, expected };
}

export type TaskState = 'done' | 'on_track' | 'lagging';

/**
 * A task shared by several units stands as its worst assignment: done when every unit reports it
 * done, lagging (with the worst light) when any unit lags, on track otherwise.
 */
export function taskStanding(assignments: readonly { light: ProgressLight; done: boolean }[]): {
  state: TaskState;
  light: ProgressLight;
} {
  if (assignments.length > 0 && assignments.every((a) => a.done)) return { state: 'done', light: 'green' };
  const light = assignments.some((a) => a.light === 'red')
    ? 'red'
    : assignments.some((a) => a.light === 'yellow')
      ? 'yellow'
      : 'green';
  return { state: light === 'green' ? 'on_track' : 'lagging', light };
}

import { ZERO, compareDecimals, fmt, type Dec } from '../../decimal.js';
import { constantText, flat, fmtFixed } from '../texts.js';
import type { Direction } from '../types.js';
import {
  DIRECTION_LABEL,
  fmtInputValue,
  paramBoolean,
  paramDirection,
  paramNumber,
  readValueAndTarget,
  targetText,
  type ValueAndTarget,
} from './fields.js';
import {
  FIXED_ZERO,
  fixedDiv,
  fixedFromPlain,
  fixedMinus,
  fixedOf,
  fixedOfConstant,
  fixedText,
  fixedTimes,
  fixedWhole,
  fixedFmt,
} from '../../fixed-decimal.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface ShortfallParams {
  target: Dec;
  step: Dec;
  pointsPerStep: Dec;
  partialStepCounts: boolean;
  direction: Direction;
}
export type ShortfallValues = ValueAndTarget;

/** The figures of the working, as texts: the gap, the exact steps, the whole steps, the deduction and the score. */
interface Figures {
  gap: string;
  negative: boolean;
  exactSteps: string;
  steps: string;
  deduction: string;
  exact: string;
  /** The score as a Decimal, when it was computed as one. */
  score: Dec | null;
}

function decimalFigures(params: ShortfallParams, input: ShortfallValues, points: Dec): Figures {
  const gap = params.direction === 'higher' ? input.target.minus(input.value) : input.value.minus(input.target);
  const negative = compareDecimals(gap, ZERO) < 0;
  const shortfall = negative ? ZERO : gap;
  const exactSteps = shortfall.div(params.step);
  const steps = params.partialStepCounts ? exactSteps.ceil() : exactSteps.floor();
  const deduction = steps.times(params.pointsPerStep);
  const left = points.minus(deduction);
  const score = compareDecimals(left, ZERO) < 0 ? ZERO : left;
  return {
    gap: fmt(gap),
    negative,
    exactSteps: fmt(exactSteps),
    steps: steps.toFixed(),
    deduction: fmt(deduction),
    exact: score.toFixed(),
    score,
  };
}

/** `decimalFigures` in fixed point, when the value, the target and the rule's constants are short enough for it. */
function fixedFigures(params: ShortfallParams, input: ShortfallValues, points: Dec): Figures | null {
  const value = input.valueText === undefined ? null : fixedFromPlain(input.valueText);
  // A unit's own target is converted once, here; the scheme's once per scheme.
  const target = input.target === params.target ? fixedOfConstant(params.target) : fixedOf(input.target);
  const step = fixedOfConstant(params.step);
  const pointsPerStep = fixedOfConstant(params.pointsPerStep);
  const fixedPoints = fixedOfConstant(points);
  if (value === null || target === null || step === null || pointsPerStep === null || fixedPoints === null) return null;
  const gap = params.direction === 'higher' ? fixedMinus(target, value) : fixedMinus(value, target);
  const negative = gap.coef < 0n;
  const exactSteps = fixedDiv(negative ? FIXED_ZERO : gap, step);
  const steps = fixedWhole(exactSteps, params.partialStepCounts);
  const deduction = fixedTimes(steps, pointsPerStep);
  const left = fixedMinus(fixedPoints, deduction);
  return {
    gap: fixedFmt(gap),
    negative,
    exactSteps: fixedFmt(exactSteps),
    steps: fixedText(steps),
    deduction: fixedFmt(deduction),
    exact: left.coef < 0n ? '0' : fixedText(left),
    score: null,
  };
}

/** Points lost per step of shortfall against a target, never below zero (扣完为止).
 *  Higher is better: shortfall = target − actual; lower is better: excess = actual − target.
 *  Whether a partial step costs a whole one is the rule's own parameter. "每少0.01%" is
 *  0.01 percentage points: value, target and step are in the same unit. */
export function shortfallScore(params: ShortfallParams, input: ShortfallValues, points: Dec): LeafScore {
  const { gap, negative, exactSteps, steps, deduction, exact, score } =
    fixedFigures(params, input, points) ?? decimalFigures(params, input, points);
  const target = targetText(params.target, input.target);
  const value = fmtInputValue(input);
  const gapStep =
    params.direction === 'higher'
      ? flat`差距 = 目标 ${target} − 实际 ${value} = ${gap}`
      : flat`超出 = 实际 ${value} − 目标 ${target} = ${gap}`;
  return new LeafScore(
    exact,
    [
      flat`${DIRECTION_LABEL[params.direction]}；${gapStep}${negative ? '，按 0 计' : ''}`,
      flat`步数 = ${negative ? '0' : gap} ÷ ${constantText(params.step)} = ${exactSteps}，${
        params.partialStepCounts ? '不足一步按一步计（向上取整）' : '不足一步不计（向下取整）'
      } = ${steps}`,
      flat`扣分 = ${steps} × ${constantText(params.pointsPerStep)} = ${deduction}`,
      flat`得分 = max(0, ${constantText(points)} − ${deduction}) = ${fmtFixed(exact)}`,
    ],
    score,
  );
}

export const shortfallRule: RuleHandler<ShortfallParams, ShortfallValues> = {
  kind: 'shortfall',
  compile(rule, _points, path, issues) {
    const target = paramNumber(rule, 'target', path, issues);
    const step = paramNumber(rule, 'step', path, issues, { above: 0 });
    const pointsPerStep = paramNumber(rule, 'pointsPerStep', path, issues, { min: 0 });
    const partialStepCounts = paramBoolean(rule, 'partialStepCounts', path, issues);
    const direction = paramDirection(rule, path, issues);
    if (!target || !step || !pointsPerStep || partialStepCounts === null || !direction) return null;
    return { target, step, pointsPerStep, partialStepCounts, direction };
  },
  read(raw, params) {
    return readValueAndTarget(raw, params.target);
  },
  score(params, input, points) {
    return shortfallScore(params, input, points);
  },
};

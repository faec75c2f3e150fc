import { ZERO, compareDecimals, fmt, type Dec } from '../../decimal.js';
import { constantText, flat, fmtFixed } from '../texts.js';
import type { Direction } from '../types.js';
import {
  DIRECTION_LABEL,
  fmtValue,
  paramBoolean,
  paramDirection,
  paramNumber,
  readValueAndTarget,
  targetText,
  type ValueAndTarget,
} from './fields.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface ShortfallParams {
  target: Dec;
  step: Dec;
  pointsPerStep: Dec;
  partialStepCounts: boolean;
  direction: Direction;
}
export type ShortfallValues = ValueAndTarget;

/** Points lost per step of shortfall against a target, never below zero (扣完为止).
 *  Higher is better: shortfall = target − actual; lower is better: excess = actual − target.
 *  Whether a partial step costs a whole one is the rule's own parameter. "每少0.01%" is
 *  0.01 percentage points: value, target and step are in the same unit. */
export function shortfallScore(params: ShortfallParams, input: ShortfallValues, points: Dec): LeafScore {
  const gap = params.direction === 'higher' ? input.target.minus(input.value) : input.value.minus(input.target);
  const negative = compareDecimals(gap, ZERO) < 0;
  const shortfall = negative ? ZERO : gap;
  const exactSteps = shortfall.div(params.step);
  const steps = params.partialStepCounts ? exactSteps.ceil() : exactSteps.floor();
  const deduction = steps.times(params.pointsPerStep);
  const left = points.minus(deduction);
  const score = compareDecimals(left, ZERO) < 0 ? ZERO : left;
  const exact = score.toFixed();
  const target = targetText(params.target, input.target);
  const value = fmtValue(input.value, input.valueText);
  const gapText = fmt(gap);
  const gapStep =
    params.direction === 'higher'
      ? flat`差距 = 目标 ${target} − 实际 ${value} = ${gapText}`
      : flat`超出 = 实际 ${value} − 目标 ${target} = ${gapText}`;
  const stepsText = steps.toFixed();
  const deductionText = fmt(deduction);
  return new LeafScore(
    exact,
    [
      flat`${DIRECTION_LABEL[params.direction]}；${gapStep}${negative ? '，按 0 计' : ''}`,
      flat`步数 = ${negative ? '0' : gapText} ÷ ${constantText(params.step)} = ${fmt(exactSteps)}，${
        params.partialStepCounts ? '不足一步按一步计（向上取整）' : '不足一步不计（向下取整）'
      } = ${stepsText}`,
      flat`扣分 = ${stepsText} × ${constantText(params.pointsPerStep)} = ${deductionText}`,
      flat`得分 = max(0, ${constantText(points)} − ${deductionText}) = ${fmtFixed(exact)}`,
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

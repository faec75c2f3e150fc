import { D, ZERO, fmt, type Dec } from '../../../../decimal.js';
import type { Direction } from '../../../types.js';
import { DIRECTION_LABEL, paramBoolean, paramDirection, paramNumber, readValueAndTarget } from './fields.js';
import type { RuleHandler } from './rule.js';

export interface ShortfallParams {
  target: Dec;
  step: Dec;
  pointsPerStep: Dec;
  partialStepCounts: boolean;
  direction: Direction;
}
export interface ShortfallValues {
  value: Dec;
  target: Dec;
}

/** Points lost per step of shortfall against a target, never below zero (扣完为止).
 *  Higher is better: shortfall = target − actual; lower is better: excess = actual − target.
 *  Whether a partial step costs a whole one is the rule's own parameter. "每少0.01%" is
 *  0.01 percentage points: value, target and step are in the same unit. */
export function shortfallScore(
  params: ShortfallParams,
  input: ShortfallValues,
  points: Dec,
): { score: Dec; steps: string[] } {
  const gap = params.direction === 'higher' ? input.target.minus(input.value) : input.value.minus(input.target);
  const shortfall = D.max(ZERO, gap);
  const exactSteps = shortfall.div(params.step);
  const steps = params.partialStepCounts ? exactSteps.ceil() : exactSteps.floor();
  const deduction = steps.times(params.pointsPerStep);
  const score = D.max(ZERO, points.minus(deduction));
  const gapText =
    params.direction === 'higher'
      ? `差距 = 目标 ${fmt(input.target)} − 实际 ${fmt(input.value)} = ${fmt(gap)}`
      : `超出 = 实际 ${fmt(input.value)} − 目标 ${fmt(input.target)} = ${fmt(gap)}`;
  return {
    score,
    steps: [
      `${DIRECTION_LABEL[params.direction]}；${gapText}${gap.lt(0) ? '，按 0 计' : ''}`,
      `步数 = ${fmt(shortfall)} ÷ ${fmt(params.step)} = ${fmt(exactSteps)}，` +
        (params.partialStepCounts ? '不足一步按一步计（向上取整）' : '不足一步不计（向下取整）') +
        ` = ${steps.toFixed()}`,
      `扣分 = ${steps.toFixed()} × ${fmt(params.pointsPerStep)} = ${fmt(deduction)}`,
      `得分 = max(0, ${fmt(points)} − ${fmt(deduction)}) = ${fmt(score)}`,
    ],
  };
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
    return { ok: true, ...shortfallScore(params, input, points) };
  },
};

import { ONE, ZERO, clamp, fmt, type Dec } from '../../../../decimal.js';
import type { Direction } from '../../../types.js';
import { DIRECTION_LABEL, inputNumber, optionalNumber, paramDirection } from './fields.js';
import type { RuleHandler, TierStats } from './rule.js';

export interface LinearParams {
  direction: Direction;
  floorShare: Dec;
}
export interface LinearValues {
  value: Dec;
}

/** Linear conversion between the tier's worst and best measured value:
 *  points × (f + (1 − f) × ratio), ratio = (v − worst) ÷ (best − worst); best = worst ⇒ full points. */
export function linearScore(
  params: LinearParams,
  input: LinearValues,
  points: Dec,
  tier: TierStats,
): { score: Dec; steps: string[] } {
  const best = params.direction === 'higher' ? tier.max : tier.min;
  const worst = params.direction === 'higher' ? tier.min : tier.max;
  const steps = [
    `${DIRECTION_LABEL[params.direction]}；本类别 ${tier.count} 个已测单位中最优 ${fmt(best)}，最差 ${fmt(worst)}`,
  ];
  let ratio: Dec;
  if (best.eq(worst)) {
    ratio = ONE;
    steps.push('最优 = 最差，比例按 1 计');
  } else {
    ratio = clamp(input.value.minus(worst).div(best.minus(worst)), ZERO, ONE);
    steps.push(`比例 = (${fmt(input.value)} − ${fmt(worst)}) ÷ (${fmt(best)} − ${fmt(worst)}) = ${fmt(ratio)}`);
  }
  const f = params.floorShare;
  const score = f.isZero() ? points.times(ratio) : points.times(f.plus(ONE.minus(f).times(ratio)));
  steps.push(
    f.isZero()
      ? `得分 = ${fmt(points)} × ${fmt(ratio)} = ${fmt(score)}`
      : `得分 = ${fmt(points)} × (${fmt(f)} + (1 − ${fmt(f)}) × ${fmt(ratio)}) = ${fmt(score)}`,
  );
  return { score, steps };
}

export const linearRule: RuleHandler<LinearParams, LinearValues> = {
  kind: 'linear',
  compile(rule, _points, path, issues) {
    const direction = paramDirection(rule, path, issues);
    const floorShare = optionalNumber(rule, 'floorShare', path, issues, ZERO, { min: 0, max: 1 });
    return direction && floorShare ? { direction, floorShare } : null;
  },
  read(raw) {
    const value = inputNumber(raw, 'value', '实际值');
    if (!value.ok) return value;
    return { ok: true, input: { value: value.value }, inputs: { value: value.value.toFixed() } };
  },
  score(params, input, points, tier) {
    if (!tier || tier.count === 0) return { ok: false, reason: '线性折算缺少本类别的统计值' };
    return { ok: true, ...linearScore(params, input, points, tier) };
  },
  statValue(input) {
    return input.value;
  },
};

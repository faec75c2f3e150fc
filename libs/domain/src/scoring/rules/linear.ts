import { ONE, ZERO, fmt, type Dec } from '../../decimal.js';
import { bounded, constantText, flat } from '../texts.js';
import type { Direction } from '../types.js';
import { DIRECTION_LABEL, inputNumber, optionalNumber, paramDirection } from './fields.js';
import type { RuleHandler, TierStats } from './rule.js';

export interface LinearParams {
  direction: Direction;
  floorShare: Dec;
}
export interface LinearValues {
  value: Dec;
}

/** What every unit of one tier shares on one leaf: computed and written once per tier, not per unit. */
interface TierConversion {
  params: LinearParams;
  points: Dec;
  best: Dec;
  worst: Dec;
  /** best − worst; null when best = worst. */
  range: Dec | null;
  /** 1 − floorShare. */
  rest: Dec;
  count: number;
  firstStep: string;
}
const conversions = new WeakMap<TierStats, TierConversion>();

function conversionFor(params: LinearParams, points: Dec, tier: TierStats): TierConversion {
  const best = params.direction === 'higher' ? tier.max : tier.min;
  const worst = params.direction === 'higher' ? tier.min : tier.max;
  const cached = conversions.get(tier);
  // The statistics are plain data a caller may change: the cache holds only while they are the same.
  if (
    cached &&
    cached.params === params &&
    cached.points === points &&
    cached.best === best &&
    cached.worst === worst &&
    cached.count === tier.count
  )
    return cached;
  const conversion: TierConversion = {
    params,
    points,
    best,
    worst,
    range: best.eq(worst) ? null : best.minus(worst),
    rest: ONE.minus(params.floorShare),
    count: tier.count,
    firstStep: flat`${DIRECTION_LABEL[params.direction]}；本类别 ${tier.count} 个已测单位中最优 ${constantText(best)}，最差 ${constantText(worst)}`,
  };
  conversions.set(tier, conversion);
  return conversion;
}

/** Linear conversion between the tier's worst and best measured value:
 *  points × (f + (1 − f) × ratio), ratio = (v − worst) ÷ (best − worst); best = worst ⇒ full points. */
export function linearScore(
  params: LinearParams,
  input: LinearValues,
  points: Dec,
  tier: TierStats,
): { score: Dec; steps: string[] } {
  const conversion = conversionFor(params, points, tier);
  const { best, worst, range } = conversion;
  const steps = [conversion.firstStep];
  let ratio: Dec;
  let ratioText: string;
  if (range === null) {
    ratio = ONE;
    ratioText = constantText(ONE);
    steps.push('最优 = 最差，比例按 1 计');
  } else {
    ratio = bounded(input.value.minus(worst).div(range), ZERO, ONE);
    ratioText = fmt(ratio);
    const worstText = constantText(worst);
    steps.push(
      flat`比例 = (${fmt(input.value)} − ${worstText}) ÷ (${constantText(best)} − ${worstText}) = ${ratioText}`,
    );
  }
  const f = params.floorShare;
  const score = f.isZero() ? points.times(ratio) : points.times(f.plus(conversion.rest.times(ratio)));
  steps.push(
    f.isZero()
      ? flat`得分 = ${constantText(points)} × ${ratioText} = ${fmt(score)}`
      : flat`得分 = ${constantText(points)} × (${constantText(f)} + (1 − ${constantText(f)}) × ${ratioText}) = ${fmt(score)}`,
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
    const { score, steps } = linearScore(params, input, points, tier);
    return { ok: true, score, steps };
  },
  statValue(input) {
    return input.value;
  },
};

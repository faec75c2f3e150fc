import { ONE, ZERO, type Dec } from '../../decimal.js';
import { bounded, constantText, flat, fmtFixed } from '../texts.js';
import type { Direction } from '../types.js';
import {
  FIXED_ONE,
  FIXED_ZERO,
  fixedCompare,
  fixedDiv,
  fixedFromPlain,
  fixedMinus,
  fixedOf,
  fixedPlus,
  fixedText,
  fixedTimes,
  type Fixed,
  fixedFmt,
} from '../../fixed-decimal.js';
import {
  DIRECTION_LABEL,
  decimalOf,
  fmtRead,
  inputPlainNumber,
  optionalNumber,
  paramDirection,
  type PlainNumber,
} from './fields.js';
import { LeafScore, type RuleHandler, type StatValue, type TierStats } from './rule.js';

export interface LinearParams {
  direction: Direction;
  floorShare: Dec;
}
export interface LinearValues {
  value: Dec;
  /** `value.toFixed()`, when the reader has it. */
  text?: string;
  /** `text` in fixed point, when the reader made it (null: too long for it). */
  fixed?: Fixed | null;
}

/**
 * A unit's value as read: its text and fixed point now, its Decimal only when asked for. The tier statistics
 * compare in fixed point and the fixed-point score needs none, so most values are never parsed to a Decimal.
 */
class ReadLinearValue implements Required<LinearValues>, StatValue {
  readonly text: string;
  readonly fixed: Fixed | null;
  constructor(private readonly read: PlainNumber) {
    this.text = read.text;
    this.fixed = fixedFromPlain(read.text);
  }

  get value(): Dec {
    return decimalOf(this.read);
  }
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
  /** The same constants in fixed point, when all are short enough for it (null when best = worst). */
  fixed: { worst: Fixed; range: Fixed; rest: Fixed; floorShare: Fixed; points: Fixed } | null;
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
  const range = best.eq(worst) ? null : best.minus(worst);
  const rest = ONE.minus(params.floorShare);
  const conversion: TierConversion = {
    params,
    points,
    best,
    worst,
    range,
    rest,
    count: tier.count,
    firstStep: flat`${DIRECTION_LABEL[params.direction]}；本类别 ${tier.count} 个已测单位中最优 ${constantText(best)}，最差 ${constantText(worst)}`,
    fixed: range === null ? null : fixedConstants({ worst, range, rest, floorShare: params.floorShare, points }),
  };
  conversions.set(tier, conversion);
  return conversion;
}

function fixedConstants<K extends string>(values: Record<K, Dec>): Record<K, Fixed> | null {
  const fixed = {} as Record<K, Fixed>;
  for (const key of Object.keys(values) as K[]) {
    const value = fixedOf(values[key]);
    if (value === null) return null;
    fixed[key] = value;
  }
  return fixed;
}

/** The ratio and score in fixed point: the same values `linearScore` computes in Decimal, with their texts. */
function fixedRatioAndScore(
  constants: NonNullable<TierConversion['fixed']>,
  value: Fixed,
  floorShareIsZero: boolean,
): { ratioText: string; exact: string } {
  let ratio = fixedDiv(fixedMinus(value, constants.worst), constants.range);
  // Held to [0, 1] like `bounded`: the bounds are the constants, which the Decimal path names by identity.
  let bound: Dec | null = null;
  if (ratio.coef <= 0n) {
    bound = ZERO;
    ratio = FIXED_ZERO;
  } else if (fixedCompare(ratio, FIXED_ONE) >= 0) {
    bound = ONE;
    ratio = FIXED_ONE;
  }
  const score = floorShareIsZero
    ? fixedTimes(ratio, constants.points)
    : fixedTimes(fixedPlus(fixedTimes(ratio, constants.rest), constants.floorShare), constants.points);
  return { ratioText: bound === null ? fixedFmt(ratio) : constantText(bound), exact: fixedText(score) };
}

/** Linear conversion between the tier's worst and best measured value:
 *  points × (f + (1 − f) × ratio), ratio = (v − worst) ÷ (best − worst); best = worst ⇒ full points. */
export function linearScore(params: LinearParams, input: LinearValues, points: Dec, tier: TierStats): LeafScore {
  const conversion = conversionFor(params, points, tier);
  const { best, worst, range } = conversion;
  const text = input.text;
  const fixedValue = conversion.fixed && text !== undefined ? (input.fixed ?? fixedFromPlain(text)) : null;
  if (conversion.fixed && fixedValue) return fixedLinearScore(conversion, conversion.fixed, input, fixedValue);
  let ratio: Dec;
  let ratioText: string;
  let ratioStep: string;
  if (range === null) {
    ratio = ONE;
    ratioText = constantText(ONE);
    ratioStep = '最优 = 最差，比例按 1 计';
  } else {
    ratio = bounded(input.value.minus(worst).div(range), ZERO, ONE);
    ratioText = ratio === ZERO || ratio === ONE ? constantText(ratio) : fmtFixed(ratio.toFixed());
    const worstText = constantText(worst);
    ratioStep = flat`比例 = (${fmtRead(input.text, () => input.value)} − ${worstText}) ÷ (${constantText(best)} − ${worstText}) = ${ratioText}`;
  }
  const f = params.floorShare;
  // The long operand is the receiver: decimal.js copies the argument of every operation.
  const score = f.isZero() ? ratio.times(points) : ratio.times(conversion.rest).plus(f).times(points);
  const exact = score.toFixed();
  return new LeafScore(exact, [conversion.firstStep, ratioStep, scoreStep(points, f, ratioText, exact)], score);
}

/** `linearScore` for a unit whose value, and whose tier's constants, fit in fixed point: the same texts, no Decimal. */
function fixedLinearScore(
  conversion: TierConversion,
  constants: NonNullable<TierConversion['fixed']>,
  input: LinearValues,
  value: Fixed,
): LeafScore {
  const { params, points, best, worst } = conversion;
  const f = params.floorShare;
  const { ratioText, exact } = fixedRatioAndScore(constants, value, f.isZero());
  const worstText = constantText(worst);
  const ratioStep = flat`比例 = (${fmtRead(input.text, () => input.value)} − ${worstText}) ÷ (${constantText(best)} − ${worstText}) = ${ratioText}`;
  return new LeafScore(exact, [conversion.firstStep, ratioStep, scoreStep(points, f, ratioText, exact)]);
}

function scoreStep(points: Dec, f: Dec, ratioText: string, exact: string): string {
  return f.isZero()
    ? flat`得分 = ${constantText(points)} × ${ratioText} = ${fmtFixed(exact)}`
    : flat`得分 = ${constantText(points)} × (${constantText(f)} + (1 − ${constantText(f)}) × ${ratioText}) = ${fmtFixed(exact)}`;
}

export const linearRule: RuleHandler<LinearParams, ReadLinearValue> = {
  kind: 'linear',
  compile(rule, _points, path, issues) {
    const direction = paramDirection(rule, path, issues);
    const floorShare = optionalNumber(rule, 'floorShare', path, issues, ZERO, { min: 0, max: 1 });
    return direction && floorShare ? { direction, floorShare } : null;
  },
  read(raw) {
    const value = inputPlainNumber(raw, 'value', '实际值');
    if (!value.ok) return value;
    return { ok: true, input: new ReadLinearValue(value), inputs: { value: value.text } };
  },
  score(params, input, points, tier) {
    if (!tier || tier.count === 0) return { ok: false, reason: '线性折算缺少本类别的统计值' };
    return linearScore(params, input, points, tier);
  },
  statValue(input) {
    return input;
  },
};

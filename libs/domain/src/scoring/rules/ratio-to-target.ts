import { ONE, ZERO, compareDecimals, type Dec } from '../../decimal.js';
import { bounded, constantText, flat, fmtFixed } from '../texts.js';
import type { Direction } from '../types.js';
import {
  DIRECTION_LABEL,
  fmtInputValue,
  paramDirection,
  paramNumber,
  readValueAndTarget,
  targetText,
  valueAtMostZero,
  type ValueAndTarget,
} from './fields.js';
import {
  FIXED_ONE,
  FIXED_ZERO,
  fixedCompare,
  fixedDiv,
  fixedFromPlain,
  fixedOf,
  fixedOfConstant,
  fixedText,
  fixedTimes,
  fixedFmt,
} from '../../fixed-decimal.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface RatioToTargetParams {
  target: Dec;
  direction: Direction;
}
export type RatioToTargetValues = ValueAndTarget;

/** The figures of the working: the ratio (unless the value ≤ 0 counts as met), the ratio within [0, 1], the score. */
interface Figures {
  ratioText: string;
  cappedText: string;
  exact: string;
  /** The score as a Decimal, when it was computed as one. */
  score: Dec | null;
}

function decimalFigures(params: RatioToTargetParams, input: RatioToTargetValues, points: Dec): Figures {
  let ratio = ONE;
  let ratioText = '';
  if (params.direction === 'higher') ratio = input.value.div(input.target);
  else if (!valueAtMostZero(input)) ratio = input.target.div(input.value);
  if (ratio !== ONE) ratioText = fmtFixed(ratio.toFixed());
  const capped = bounded(ratio, ZERO, ONE);
  const score = capped.times(points);
  const cappedText = capped === ZERO || capped === ONE ? constantText(capped) : ratioText;
  return { ratioText, cappedText, exact: score.toFixed(), score };
}

/** `decimalFigures` in fixed point, when the value, the target and the points are short enough for it. */
function fixedFigures(params: RatioToTargetParams, input: RatioToTargetValues, points: Dec): Figures | null {
  const value = input.valueText === undefined ? null : fixedFromPlain(input.valueText);
  // A unit's own target is converted once, here; the scheme's once per scheme.
  const target = input.target === params.target ? fixedOfConstant(params.target) : fixedOf(input.target);
  const fixedPoints = fixedOfConstant(points);
  if (value === null || target === null || fixedPoints === null) return null;
  let ratio = FIXED_ONE;
  let ratioText = '';
  if (params.direction === 'higher') ratio = fixedDiv(value, target);
  else if (value.coef > 0n) ratio = fixedDiv(target, value);
  if (ratio !== FIXED_ONE) ratioText = fixedFmt(ratio);
  // Held to [0, 1] like `bounded`: a bound is written as the constant, a value within as itself.
  let cappedText = ratioText;
  if (ratio.coef <= 0n) {
    ratio = FIXED_ZERO;
    cappedText = constantText(ZERO);
  } else if (fixedCompare(ratio, FIXED_ONE) >= 0) {
    ratio = FIXED_ONE;
    cappedText = constantText(ONE);
  }
  return { ratioText, cappedText, exact: fixedText(fixedTimes(ratio, fixedPoints)), score: null };
}

/** value ÷ target (lower is better: target ÷ value), kept within [0, 1], × points.
 *  Lower is better with a value ≤ 0 counts as fully met. */
export function ratioToTargetScore(params: RatioToTargetParams, input: RatioToTargetValues, points: Dec): LeafScore {
  const { ratioText, cappedText, exact, score } =
    fixedFigures(params, input, points) ?? decimalFigures(params, input, points);
  const value = fmtInputValue(input);
  const target = targetText(params.target, input.target);
  let ratioStep: string;
  if (params.direction === 'higher') ratioStep = flat`比值 = 实际 ${value} ÷ 目标 ${target} = ${ratioText}`;
  else if (valueAtMostZero(input)) ratioStep = flat`实际 ${value} ≤ 0，视为完全达到`;
  else ratioStep = flat`比值 = 目标 ${target} ÷ 实际 ${value} = ${ratioText}`;
  return new LeafScore(
    exact,
    [
      DIRECTION_LABEL[params.direction],
      ratioStep,
      flat`限定在 0 至 1 之间 = ${cappedText}`,
      flat`得分 = ${cappedText} × ${constantText(points)} = ${fmtFixed(exact)}`,
    ],
    score,
  );
}

export const ratioToTargetRule: RuleHandler<RatioToTargetParams, RatioToTargetValues> = {
  kind: 'ratioToTarget',
  compile(rule, _points, path, issues) {
    const target = paramNumber(rule, 'target', path, issues, { above: 0 });
    const direction = paramDirection(rule, path, issues);
    return target && direction ? { target, direction } : null;
  },
  read(raw, params) {
    const read = readValueAndTarget(raw, params.target);
    if (read.ok && compareDecimals(read.input.target, ZERO) <= 0)
      return { ok: false, reason: '本单位目标值（target）必须大于0' };
    return read;
  },
  score(params, input, points) {
    return ratioToTargetScore(params, input, points);
  },
};

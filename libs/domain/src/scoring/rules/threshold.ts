import { ZERO, compareDecimals, type Dec } from '../../decimal.js';
import { constantPlainText, constantText, flat } from '../texts.js';
import type { Comparator } from '../types.js';
import {
  fmtInputValue,
  holds,
  paramComparator,
  paramNumber,
  readValueAndTarget,
  targetText,
  type ValueAndTarget,
} from './fields.js';
import { fixedCompare, fixedFromPlain, fixedOf, fixedOfConstant } from '../../fixed-decimal.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface ThresholdParams {
  operator: Comparator;
  target: Dec;
}
export type ThresholdValues = ValueAndTarget;

/** `value` against `target`, in fixed point when both are short enough for it, so the value needs no Decimal. */
function order(params: ThresholdParams, input: ThresholdValues): number {
  const value = input.valueText === undefined ? null : fixedFromPlain(input.valueText);
  const target = input.target === params.target ? fixedOfConstant(params.target) : fixedOf(input.target);
  return value !== null && target !== null ? fixedCompare(value, target) : compareDecimals(input.value, input.target);
}

/** All or nothing: full points when `value operator target` holds. */
export function thresholdScore(params: ThresholdParams, input: ThresholdValues, points: Dec): LeafScore {
  const met = holds(order(params, input), params.operator);
  const score = met ? points : ZERO;
  const value = fmtInputValue(input);
  return new LeafScore(
    constantPlainText(score),
    [
      flat`条件：${value} ${params.operator} ${targetText(params.target, input.target)}，${met ? '达到' : '未达到'}`,
      met ? flat`得分 = 满分 ${constantText(points)}` : '得分 = 0',
    ],
    score,
  );
}

export const thresholdRule: RuleHandler<ThresholdParams, ThresholdValues> = {
  kind: 'threshold',
  compile(rule, _points, path, issues) {
    const operator = paramComparator(rule, path, issues);
    const target = paramNumber(rule, 'target', path, issues);
    return operator && target ? { operator, target } : null;
  },
  read(raw, params) {
    return readValueAndTarget(raw, params.target);
  },
  score(params, input, points) {
    return thresholdScore(params, input, points);
  },
};

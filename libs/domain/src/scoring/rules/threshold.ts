import { ZERO, fmt, type Dec } from '../../decimal.js';
import { constantText, flat } from '../texts.js';
import type { Comparator } from '../types.js';
import { compare, paramComparator, paramNumber, readValueAndTarget, targetText } from './fields.js';
import type { RuleHandler } from './rule.js';

export interface ThresholdParams {
  operator: Comparator;
  target: Dec;
}
export interface ThresholdValues {
  value: Dec;
  target: Dec;
}

/** All or nothing: full points when `value operator target` holds. */
export function thresholdScore(
  params: ThresholdParams,
  input: ThresholdValues,
  points: Dec,
): { score: Dec; steps: string[] } {
  const met = compare(input.value, params.operator, input.target);
  const score = met ? points : ZERO;
  return {
    score,
    steps: [
      flat`条件：${fmt(input.value)} ${params.operator} ${targetText(params.target, input.target)}，${met ? '达到' : '未达到'}`,
      met ? flat`得分 = 满分 ${constantText(points)}` : '得分 = 0',
    ],
  };
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
    const { score, steps } = thresholdScore(params, input, points);
    return { ok: true, score, steps };
  },
};

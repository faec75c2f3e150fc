import { D, ZERO, fmt, type Dec } from '../../decimal.js';
import { inputCount, paramNumber } from './fields.js';
import type { RuleHandler } from './rule.js';

export interface PerEventParams {
  pointsPerEvent: Dec;
}
export interface PerEventValues {
  count: Dec;
}

/** Points off per event (e.g. −1 per late or missing submission), floor 0 for the leaf (扣完为止). */
export function perEventScore(
  params: PerEventParams,
  input: PerEventValues,
  points: Dec,
): { score: Dec; steps: string[] } {
  const deduction = input.count.times(params.pointsPerEvent);
  const score = D.max(ZERO, points.minus(deduction));
  return {
    score,
    steps: [
      `扣分 = ${input.count.toFixed()} 次 × ${fmt(params.pointsPerEvent)} = ${fmt(deduction)}`,
      `得分 = max(0, ${fmt(points)} − ${fmt(deduction)}) = ${fmt(score)}${deduction.gt(points) ? '（扣完为止）' : ''}`,
    ],
  };
}

export const perEventRule: RuleHandler<PerEventParams, PerEventValues> = {
  kind: 'perEvent',
  compile(rule, _points, path, issues) {
    const pointsPerEvent = paramNumber(rule, 'pointsPerEvent', path, issues, { above: 0 });
    return pointsPerEvent ? { pointsPerEvent } : null;
  },
  read(raw) {
    if (raw['count'] === undefined || raw['count'] === null) return { ok: false, reason: '缺少输入：次数（count）' };
    const count = inputCount(raw['count'], '次数（count）');
    if (!count.ok) return count;
    return { ok: true, input: { count: count.value }, inputs: { count: count.value.toFixed() } };
  },
  score(params, input, points) {
    return { ok: true, ...perEventScore(params, input, points) };
  },
};

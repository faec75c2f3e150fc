import { D, ONE, ZERO, clamp, fmt, type Dec } from '../../../../decimal.js';
import { inputNumber, optionalNumber } from './fields.js';
import type { RuleHandler } from './rule.js';

export interface RateParams {
  cap: Dec;
}
export interface RateValues {
  actual: Dec;
  planned: Dec;
}

/** rate × points, e.g. 资金到位率 = actual ÷ planned × 2; the rate is capped (default 1) and floored at 0. */
export function rateScore(params: RateParams, input: RateValues, points: Dec): { score: Dec; steps: string[] } {
  const rate = input.actual.div(input.planned);
  const bounded = clamp(rate, ZERO, params.cap);
  const score = bounded.times(points);
  return {
    score,
    steps: [
      `比率 = 实际 ${fmt(input.actual)} ÷ 计划 ${fmt(input.planned)} = ${fmt(rate)}`,
      `限定在 0 至 ${fmt(params.cap)} 之间 = ${fmt(bounded)}`,
      `得分 = ${fmt(bounded)} × ${fmt(points)} = ${fmt(score)}`,
    ],
  };
}

export const rateRule: RuleHandler<RateParams, RateValues> = {
  kind: 'rate',
  compile(rule, _points, path, issues) {
    const cap = optionalNumber(rule, 'cap', path, issues, ONE, { above: 0, max: 1 });
    return cap ? { cap } : null;
  },
  read(raw) {
    const actual = inputNumber(raw, 'actual', '实际值');
    if (!actual.ok) return actual;
    const planned = inputNumber(raw, 'planned', '计划值', { above: new D(0) });
    if (!planned.ok) return planned;
    return {
      ok: true,
      input: { actual: actual.value, planned: planned.value },
      inputs: { actual: actual.value.toFixed(), planned: planned.value.toFixed() },
    };
  },
  score(params, input, points) {
    return { ok: true, ...rateScore(params, input, points) };
  },
};

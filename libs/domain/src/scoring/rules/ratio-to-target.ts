import { ONE, ZERO, fmt, type Dec } from '../../decimal.js';
import { bounded, constantText, flat } from '../texts.js';
import type { Direction } from '../types.js';
import { DIRECTION_LABEL, paramDirection, paramNumber, readValueAndTarget, targetText } from './fields.js';
import type { RuleHandler } from './rule.js';

export interface RatioToTargetParams {
  target: Dec;
  direction: Direction;
}
export interface RatioToTargetValues {
  value: Dec;
  target: Dec;
}

/** value ÷ target (lower is better: target ÷ value), kept within [0, 1], × points.
 *  Lower is better with a value ≤ 0 counts as fully met. */
export function ratioToTargetScore(
  params: RatioToTargetParams,
  input: RatioToTargetValues,
  points: Dec,
): { score: Dec; steps: string[] } {
  const steps = [DIRECTION_LABEL[params.direction]];
  let ratio: Dec;
  if (params.direction === 'higher') {
    ratio = input.value.div(input.target);
    steps.push(flat`比值 = 实际 ${fmt(input.value)} ÷ 目标 ${targetText(params.target, input.target)} = ${fmt(ratio)}`);
  } else if (input.value.lte(ZERO)) {
    ratio = ONE;
    steps.push(flat`实际 ${fmt(input.value)} ≤ 0，视为完全达到`);
  } else {
    ratio = input.target.div(input.value);
    steps.push(flat`比值 = 目标 ${targetText(params.target, input.target)} ÷ 实际 ${fmt(input.value)} = ${fmt(ratio)}`);
  }
  const capped = bounded(ratio, ZERO, ONE);
  const score = capped.times(points);
  const cappedText = fmt(capped);
  steps.push(
    flat`限定在 0 至 1 之间 = ${cappedText}`,
    flat`得分 = ${cappedText} × ${constantText(points)} = ${fmt(score)}`,
  );
  return { score, steps };
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
    if (read.ok && !read.input.target.gt(0)) return { ok: false, reason: '本单位目标值（target）必须大于0' };
    return read;
  },
  score(params, input, points) {
    const { score, steps } = ratioToTargetScore(params, input, points);
    return { ok: true, score, steps };
  },
};

import { ZERO, compareDecimals, fmt, type Dec } from '../../decimal.js';
import { constantText, flat, fmtFixed } from '../texts.js';
import { inputCount, paramNumber } from './fields.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface PerEventParams {
  pointsPerEvent: Dec;
}
/** One source of the events, named in the explanation: "迟报/漏报 3 个月". */
export interface PerEventPart {
  label: string;
  count: Dec;
  /** What one event is counted in (个月, 项), written after the number. */
  measure: string;
}
export interface PerEventValues {
  count: Dec;
  parts: PerEventPart[];
}

/** Points off per event (e.g. −1 per late or missing submission), floor 0 for the leaf (扣完为止). */
export function perEventScore(params: PerEventParams, input: PerEventValues, points: Dec): LeafScore {
  const deduction = input.count.times(params.pointsPerEvent);
  const left = points.minus(deduction);
  const score = compareDecimals(left, ZERO) < 0 ? ZERO : left;
  const exact = score.toFixed();
  const count = input.count.toFixed();
  const deductionText = fmt(deduction);
  const last = flat`得分 = max(0, ${constantText(points)} − ${deductionText}) = ${fmtFixed(exact)}${
    compareDecimals(deduction, points) > 0 ? '（扣完为止）' : ''
  }`;
  const middle = flat`扣分 = ${count} 次 × ${constantText(params.pointsPerEvent)} = ${deductionText}`;
  return new LeafScore(
    exact,
    input.parts.length ? [flat`次数：${partsText(input.parts)}，共 ${count} 次`, middle, last] : [middle, last],
    score,
  );
}

function partsText(parts: readonly PerEventPart[]): string {
  return parts.map((p) => `${p.label} ${p.count.toFixed()} ${p.measure}`).join('，');
}

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max;

/**
 * The optional `parts`: where the count comes from when the platform adds several records up
 * (late months and overdue assigned items). They must add up to the count, so the explanation
 * cannot say one thing and the score another.
 */
function readParts(raw: unknown, count: Dec): { ok: true; parts: PerEventPart[] } | { ok: false; reason: string } {
  if (raw === undefined || raw === null) return { ok: true, parts: [] };
  if (!Array.isArray(raw)) return { ok: false, reason: '次数构成（parts）必须是数组' };
  const parts: PerEventPart[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) return { ok: false, reason: '次数构成（parts）的每一项必须是对象' };
    const { label, count: partCount, measure } = item as Record<string, unknown>;
    if (!isText(label, 50) || !isText(measure, 10))
      return { ok: false, reason: '次数构成（parts）的每一项须有名称（label）和计量单位（measure）' };
    const read = inputCount(partCount, `${label}次数`);
    if (!read.ok) return read;
    parts.push({ label, count: read.value, measure });
  }
  const sum = parts.reduce((s, p) => s.plus(p.count), ZERO);
  if (parts.length && !sum.eq(count))
    return { ok: false, reason: `次数构成合计 ${sum.toFixed()} 与次数 ${count.toFixed()} 不一致` };
  return { ok: true, parts };
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
    const parts = readParts(raw['parts'], count.value);
    if (!parts.ok) return parts;
    return {
      ok: true,
      input: { count: count.value, parts: parts.parts },
      inputs: {
        count: count.value.toFixed(),
        ...(parts.parts.length ? { parts: partsText(parts.parts) } : {}),
      },
    };
  },
  score(params, input, points) {
    return perEventScore(params, input, points);
  },
};

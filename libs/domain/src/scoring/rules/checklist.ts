import { ZERO, compareDecimals, fmt, type Dec } from '../../decimal.js';
import { constantText, flat, fmtFixed } from '../texts.js';
import { checkNumber } from './fields.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface ChecklistParams {
  items: readonly { id: string; name: string; points: Dec }[];
}
export interface ChecklistValues {
  satisfied: ReadonlySet<string>;
}

const itemSteps = new WeakMap<ChecklistParams, { met: string[]; unmet: string[] }>();

/** Each satisfied item gives its points; the sum never exceeds the leaf's points. */
export function checklistScore(params: ChecklistParams, input: ChecklistValues, points: Dec): LeafScore {
  let texts = itemSteps.get(params);
  if (texts === undefined) {
    texts = {
      met: params.items.map((item) => flat`✓ ${item.name}：+${fmt(item.points)}`),
      unmet: params.items.map((item) => flat`✗ ${item.name}：0`),
    };
    itemSteps.set(params, texts);
  }
  const steps: string[] = [];
  let raw = ZERO;
  for (let i = 0; i < params.items.length; i++) {
    const item = params.items[i] as ChecklistParams['items'][number];
    const met = input.satisfied.has(item.id);
    if (met) raw = raw.plus(item.points);
    steps.push((met ? texts.met : texts.unmet)[i] as string);
  }
  const over = compareDecimals(raw, points) > 0;
  const score = over ? points : raw;
  const exact = score.toFixed();
  steps.push(
    over ? flat`合计 ${fmt(raw)}，超过本项分值，按 ${constantText(points)} 计` : flat`得分 = ${fmtFixed(exact)}`,
  );
  return new LeafScore(exact, steps, score);
}

export const checklistRule: RuleHandler<ChecklistParams, ChecklistValues> = {
  kind: 'checklist',
  compile(rule, points, path, issues) {
    const rawItems = rule['items'];
    if (!Array.isArray(rawItems) || rawItems.length === 0) {
      issues.push({ path: `${path}.items`, reason: rawItems === undefined ? '缺少必填参数' : '必须是非空数组' });
      return null;
    }
    const items: { id: string; name: string; points: Dec }[] = [];
    const seen = new Set<string>();
    let valid = true;
    rawItems.forEach((item: unknown, i) => {
      const itemPath = `${path}.items[${i}]`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        issues.push({ path: itemPath, reason: '必须是对象 {id, name, points}' });
        valid = false;
        return;
      }
      const record = item as Record<string, unknown>;
      const id = record['id'];
      const name = record['name'];
      if (typeof id !== 'string' || id.trim() === '') {
        issues.push({ path: `${itemPath}.id`, reason: '必须是非空字符串' });
        valid = false;
      } else if (seen.has(id)) {
        issues.push({ path: `${itemPath}.id`, reason: `检查项编号“${id}”重复` });
        valid = false;
      } else {
        seen.add(id);
      }
      if (typeof name !== 'string' || name.trim() === '') {
        issues.push({ path: `${itemPath}.name`, reason: '必须是非空字符串' });
        valid = false;
      }
      const itemPoints = checkNumber(record['points'], `${itemPath}.points`, issues, { min: 0 });
      if (itemPoints === null) {
        valid = false;
      } else if (itemPoints.gt(points)) {
        issues.push({
          path: `${itemPath}.points`,
          reason: `检查项分值 ${itemPoints.toFixed()} 超过本项分值 ${points.toFixed()}`,
        });
        valid = false;
      }
      if (valid && typeof id === 'string' && typeof name === 'string' && itemPoints)
        items.push({ id, name, points: itemPoints });
    });
    return valid ? { items } : null;
  },
  read(raw, params) {
    const satisfied = raw['satisfied'];
    if (satisfied === undefined) return { ok: false, reason: '缺少输入：已满足的检查项（satisfied）' };
    if (!Array.isArray(satisfied) || !satisfied.every((s): s is string => typeof s === 'string')) {
      return { ok: false, reason: '已满足的检查项（satisfied）必须是检查项编号的数组' };
    }
    const unknown = satisfied.filter((s) => !params.items.some((i) => i.id === s));
    if (unknown.length > 0) return { ok: false, reason: `未知的检查项：${unknown.join('、')}` };
    const set = new Set(satisfied);
    return {
      ok: true,
      input: { satisfied: set },
      inputs: {
        satisfied: params.items
          .filter((i) => set.has(i.id))
          .map((i) => i.id)
          .join('、'),
      },
    };
  },
  score(params, input, points) {
    return checklistScore(params, input, points);
  },
};

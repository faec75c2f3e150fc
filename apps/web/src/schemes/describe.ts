// Schemes as stored data, and their rules in the words an office uses.
import type { Criterion, Rule, SchemeLeafSource } from '../api/types';

export const schemeKindLabels: Record<string, string> = {
  quarterly: '季度推进评分',
  county: '县（市、区）考评',
  department: '市直单位考评',
  fund: '专项资金绩效评价',
};
export const schemeStatusLabels: Record<string, string> = { draft: '草稿', active: '已启用', frozen: '已冻结' };
export const schemeStatusColors: Record<string, string> = { draft: 'default', active: 'processing', frozen: 'success' };

const levelNames = ['一级指标', '二级指标', '三级指标', '四级指标', '五级指标'];
export function levelLabel(depth: number): string {
  return levelNames[depth] ?? `${depth + 1}级指标`;
}

const sourceLabels: Record<string, string> = {
  indicatorProgress: '指标完成进度（平台数据）',
  taskProgress: '任务推进进度（平台数据）',
  timeliness: '按时报送率（平台数据）',
  lateReports: '迟报、漏报月数及逾期交办事项数（平台数据）',
  indicatorValue: '指标数值（平台数据）',
  manual: '人工填报',
};

export function describeSource(source: SchemeLeafSource | undefined): string {
  if (!source) return '人工填报';
  const label = sourceLabels[source.type] ?? source.type;
  return 'indicatorName' in source ? `${label}：${source.indicatorName}` : label;
}

const operatorText: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const direction = (v: unknown) => (v === 'lower' ? '越低越好' : '越高越好');

/** One leaf's rule as a sentence: what is measured, and how it turns into points. */
export function describeRule(rule: Rule | undefined): string {
  if (!rule) return '—';
  // A kind the API does not know can only come from the editor's preview of unvalidated JSON.
  const kind: string = rule.kind;
  switch (rule.kind) {
    case 'rate':
      return `比率计分：实际 ÷ 计划 × 分值${rule.cap !== undefined ? `（比率上限 ${s(rule.cap)}）` : ''}`;
    case 'threshold':
      return `达标计分：数值 ${operatorText[s(rule.operator)] ?? s(rule.operator)} ${s(rule.target)} 得满分，否则不得分`;
    case 'checklist': {
      // The editor's preview shows a definition the API has not validated yet.
      const items = Array.isArray(rule.items) ? rule.items : [];
      return `逐项计分：${items.map((i) => `${i.name}（${s(i.points)}分）`).join('；')}`;
    }
    case 'shortfall':
      return (
        `差额扣分：目标 ${s(rule.target)}，每少 ${s(rule.step)} 扣 ${s(rule.pointsPerStep)} 分` +
        `（${rule.partialStepCounts ? '不足一档按一档计' : '不足一档不扣'}，${direction(rule.direction)}），扣完为止`
      );
    case 'perEvent':
      return `按次扣分：每次扣 ${s(rule.pointsPerEvent)} 分，扣完为止`;
    case 'linear':
      return (
        `线性折算：在同类单位最差与最好之间按比例得分（${direction(rule.direction)}` +
        `${rule.floorShare ? `，保底 ${Number(rule.floorShare) * 100}%` : ''}）`
      );
    case 'ratioToTarget':
      return `目标完成比：数值 ÷ 目标 ${s(rule.target)} × 分值，最高得满分（${direction(rule.direction)}）`;
    case 'manual':
      return `人工评分，须说明理由${rule.guidance ? `（${s(rule.guidance)}）` : ''}`;
    case 'likert':
      return `满意度调查：满意度 ÷ ${s(rule.threshold ?? 90)}% × 分值，最高得满分`;
    default:
      return `评分规则：${kind}`;
  }
}

/**
 * The criterion a validation path points into, so `definition.criteria[2].children[0].rule.step`
 * can be shown as “二级指标 d3.1 …”.
 */
export function criterionAt(definition: unknown, path: string): Criterion | null {
  const tokens = path
    .replace(/^definition\.?/, '')
    .split(/[.[\]]/)
    .filter(Boolean);
  let node: unknown = definition;
  let found: Criterion | null = null;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[t];
    if (node && typeof node === 'object' && !Array.isArray(node) && 'id' in node && 'name' in node)
      found = node as Criterion;
  }
  return found;
}

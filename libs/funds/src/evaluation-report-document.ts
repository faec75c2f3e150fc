import { Decimal } from 'decimal.js';
import type { DocumentBlock, OfficialDocument } from '@app/assessment';
import type { ExecutionSummary } from '@app/domain';
import {
  type BudgetProjectDetail,
  type EvaluationReportRow,
  FUND_SOURCE_LABELS,
  FUND_SOURCES,
  type FundEvaluationView,
  type IndicatorView,
  type ReportNarrative,
} from './views.js';

export interface EvaluationReportInput {
  project: BudgetProjectDetail;
  evaluation: FundEvaluationView;
  execution: ExecutionSummary;
  indicators: IndicatorView[];
  /** Who issues the report, e.g. 南昌市科学技术局. */
  issuer: string;
  /** 成文日期 as printed, e.g. 2024年1月20日. */
  dateLine: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ATTAINMENT = { met: '已完成', partly_met: '部分完成', not_met: '未完成' } as const;

const money = (value: string | null | undefined) => `${new Decimal(value ?? 0).toFixed(2)}万元`;
const percent = (value: string | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);

/** A section the evaluator writes: the text, or a marked prompt when it is still empty. */
function written(text: string, prompt: string): DocumentBlock[] {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs.length
    ? paragraphs.map((p) => ({ kind: 'paragraph', text: p }))
    : [{ kind: 'placeholder', text: `待评价人员填写：${prompt}` }];
}

function overview(input: EvaluationReportInput): DocumentBlock[] {
  const { project, execution } = input;
  const sources = FUND_SOURCES.filter((s) => !new Decimal(project[s] || 0).isZero()).map(
    (s) => `${FUND_SOURCE_LABELS[s]}${money(project[s])}`,
  );
  const facts = [
    `${project.name}由${project.ownerUnitName}主管`,
    project.implementingUnit ? `${project.implementingUnit}实施` : null,
    project.kindText ? `属${project.kindText}` : null,
    project.level ? `项目级次为${project.level}` : null,
  ].filter(Boolean);
  const blocks: DocumentBlock[] = [
    { kind: 'heading2', text: '（一）项目概况' },
    { kind: 'paragraph', text: `${facts.join('，')}。` },
  ];
  if (project.implementationContent)
    blocks.push({ kind: 'paragraph', text: `项目实施内容：${project.implementationContent}` });
  blocks.push({
    kind: 'paragraph',
    text:
      `${project.year}年度预算${money(project.annualBudget)}${sources.length ? `（${sources.join('，')}）` : ''}。` +
      `截至${execution.asOf.replace(/^(\d{4})-(\d{2})$/, (_, y: string, m: string) => `${y}年${Number(m)}月`)}，` +
      `资金到位${money(execution.total.received)}，到位率${percent(execution.total.fundingRate)}；` +
      `实际支出${money(execution.total.spent)}，预算执行率${percent(execution.total.executionRate)}。`,
  });
  if (execution.subItems.length)
    blocks.push({
      kind: 'table',
      table: {
        headers: ['支出方向', '预算（万元）', '到位（万元）', '支出（万元）', '执行率'],
        rows: execution.subItems.map((s) => [
          s.name,
          new Decimal(s.budget).toFixed(2),
          new Decimal(s.received).toFixed(2),
          new Decimal(s.spent).toFixed(2),
          percent(s.executionRate),
        ]),
        numeric: [1, 2, 3, 4],
        widths: [3, 1.3, 1.3, 1.3, 1],
      },
    });
  blocks.push({ kind: 'heading2', text: '（二）项目绩效目标' });
  blocks.push({
    kind: 'paragraph',
    text: project.annualGoal ? `年度绩效目标：${project.annualGoal}` : '绩效目标表未填写年度总体目标。',
  });
  if (input.indicators.length)
    blocks.push({
      kind: 'table',
      table: {
        headers: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '完成情况', '偏差原因'],
        rows: input.indicators.map((i) => [
          i.level1,
          i.level2,
          i.level3,
          i.fullYearText,
          i.full?.text ?? '未填报',
          i.full ? ATTAINMENT[i.full.attainment] : '—',
          i.full?.deviationReason ?? '',
        ]),
        widths: [0.9, 1.1, 2.2, 1.1, 1.1, 0.9, 1.8],
      },
    });
  return blocks;
}

/** 三、综合评价: the score and grade, and each 一级指标's points, score and rate. */
function conclusion(view: FundEvaluationView): DocumentBlock[] {
  const groups = new Map<string, EvaluationReportRow[]>();
  for (const row of view.rows) groups.set(row.level1, [...(groups.get(row.level1) ?? []), row]);
  const sum = (rows: EvaluationReportRow[], pick: (r: EvaluationReportRow) => string | null) =>
    rows.reduce((t, r) => t.plus(pick(r) ?? 0), new Decimal(0));
  return [
    {
      kind: 'paragraph',
      text: view.total
        ? `经评价，${view.projectName}${view.year}年度绩效评价综合得分${view.total}分，评价等次为“${view.grade ?? '—'}”。`
        : '尚未评分：评价数据完整后计算得分。',
    },
    {
      kind: 'table',
      table: {
        headers: ['一级指标', '分值', '得分', '得分率'],
        rows: [...groups.entries()].map(([name, rows]) => {
          const points = sum(rows, (r) => r.points);
          const score = sum(rows, (r) => r.score);
          return [
            name,
            points.toFixed(2),
            score.toFixed(2),
            points.isZero()
              ? '—'
              : `${score.div(points).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`,
          ];
        }),
        numeric: [1, 2, 3],
        widths: [2, 1, 1, 1],
      },
    },
  ];
}

/** 四、指标分析: per 一级指标 (决策、过程、产出、效益) each leaf with its score and 扣分原因. */
function analysis(view: FundEvaluationView): DocumentBlock[] {
  const groups = new Map<string, EvaluationReportRow[]>();
  for (const row of view.rows) groups.set(row.level1, [...(groups.get(row.level1) ?? []), row]);
  const blocks: DocumentBlock[] = [];
  let n = 0;
  for (const [name, rows] of groups) {
    blocks.push({ kind: 'heading2', text: `（${NUMERALS[n++] ?? n}）${name}指标分析` });
    const lost = rows.filter((r) => r.score !== null && new Decimal(r.score).lt(r.points));
    blocks.push({
      kind: 'paragraph',
      text: lost.length
        ? `${name}指标中${lost.map((r) => r.level3).join('、')}未得满分，扣分原因见下表。`
        : `${name}指标均得满分。`,
    });
    blocks.push({
      kind: 'table',
      table: {
        headers: ['二级指标', '三级指标', '分值', '得分', '扣分原因'],
        rows: rows.map((r) => [r.level2, r.level3, r.points, r.score ?? '缺数据', r.reason || '无扣分']),
        numeric: [2, 3],
        widths: [1.2, 2.2, 0.8, 0.8, 3],
      },
    });
  }
  return blocks;
}

/**
 * The fund evaluation report (项目支出绩效评价报告) in the outline of 财预〔2020〕10号: the computed parts
 * (基本情况, 综合评价及结论, 指标分析) from the platform, the parts the evaluator writes from the narrative,
 * each still marked for completion while empty.
 */
export function evaluationReportDocument(input: EvaluationReportInput): OfficialDocument {
  const { evaluation } = input;
  const n: ReportNarrative = evaluation.narrative;
  const blocks: DocumentBlock[] = [
    { kind: 'heading1', text: '一、基本情况' },
    ...overview(input),
    { kind: 'heading1', text: '二、绩效评价工作开展情况' },
    { kind: 'heading2', text: '（一）评价目的、对象和范围' },
    ...written(n.purpose, '评价目的、对象和范围'),
    { kind: 'heading2', text: '（二）评价原则、评价指标体系、评价方法、评价标准' },
    {
      kind: 'paragraph',
      text:
        `评价指标体系采用《${evaluation.schemeName}》（第${evaluation.schemeVersion}版），` +
        '设决策、过程、产出、效益等一级指标，满分100分。',
    },
    ...written(n.method, '评价原则、评价方法和评价标准'),
    { kind: 'heading2', text: '（三）评价工作过程' },
    ...written(n.process, '前期准备、组织实施、分析评价等工作过程'),
    { kind: 'heading1', text: '三、综合评价情况及评价结论' },
    ...conclusion(evaluation),
    { kind: 'heading1', text: '四、绩效评价指标分析' },
    ...analysis(evaluation),
    { kind: 'heading1', text: '五、主要经验及做法、存在的问题及原因分析' },
    { kind: 'heading2', text: '（一）主要经验及做法' },
    ...written(n.experience, '主要经验及做法'),
    { kind: 'heading2', text: '（二）存在的问题及原因分析' },
    ...written(n.problems, '存在的问题及原因分析'),
    { kind: 'heading1', text: '六、有关建议' },
    ...written(n.suggestions, '有关建议'),
    { kind: 'heading1', text: '七、其他需要说明的问题' },
    ...written(n.other, '其他需要说明的问题（没有的写“无”）'),
  ];
  return {
    kind: 'report',
    title: `${evaluation.year}年度${evaluation.projectName}绩效评价报告`,
    issuer: input.issuer,
    docNumber: null,
    recipients: null,
    blocks,
    dateLine: input.dateLine,
    copyTo: null,
    createdAt: evaluation.evaluatedAt ?? new Date(0),
  };
}

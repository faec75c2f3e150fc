// Special funds (专项资金) as the API returns them: budget projects, execution, targets, surveys, evaluation.

export type FundSource = 'generalBudget' | 'governmentFunds' | 'specialAccounts' | 'stateCapital' | 'carriedOver' | 'otherFunds';

/** The sources in the order the budget table lists them. */
export const fundSources: { key: FundSource; label: string }[] = [
  { key: 'generalBudget', label: '一般公共预算' },
  { key: 'governmentFunds', label: '政府性基金预算' },
  { key: 'specialAccounts', label: '财政专户管理资金' },
  { key: 'stateCapital', label: '国有资本经营预算' },
  { key: 'carriedOver', label: '上年结转资金' },
  { key: 'otherFunds', label: '其他资金' },
];

export const projectKindLabels: Record<string, string> = { recurring: '经常性项目', one_off: '一次性项目' };

export interface FundSummary {
  id: string;
  name: string;
  year: number;
  ownerUnitId: string;
  ownerUnitName: string;
  kind: string;
  level: string;
  annualBudget: string;
  halfYearPlan: string;
  version: number;
}

export interface SubItem {
  id: string;
  name: string;
  budget: string;
  halfYearPlan: string;
  position: number;
}

export interface FundDetail extends FundSummary, Record<FundSource, string> {
  cityId: string;
  startYear: number;
  endYear: number;
  personInCharge: string;
  midLongTermGoal: string;
  annualGoal: string;
  subItems: SubItem[];
}

export interface ExecutionStatus {
  budget: string;
  halfYearPlan: string;
  received: string;
  spent: string;
  /** 资金到位率 (percent, 2 decimals); null when the budget is 0. */
  fundingRate: string | null;
  /** 预算执行率 = spent ÷ received; null when nothing was received. */
  executionRate: string | null;
  /** 序时进度: what should be spent by the month. */
  expectedSpent: string;
  paceRate: string | null;
  lagging: boolean;
}

export interface ExecutionSummary {
  projectId: string;
  year: number;
  asOf: string;
  elapsedShare: string;
  total: ExecutionStatus;
  subItems: (ExecutionStatus & { subItemId: string; name: string })[];
}

export interface ExecutionRow {
  id: string;
  subItemId: string;
  subItemName: string;
  month: string;
  received: string;
  spent: string;
  advanceReason: string | null;
  note: string;
  updatedAt: string;
}

export type Attainment = 'met' | 'partly_met' | 'not_met';

export const attainmentLabels: Record<Attainment, string> = { met: '达标', partly_met: '部分达标', not_met: '未达标' };
export const attainmentColors: Record<Attainment, string> = { met: 'success', partly_met: 'warning', not_met: 'error' };

export interface ActualView {
  text: string;
  value: string | null;
  date: string | null;
  deviationReason: string;
  note: string;
  evidence: string[];
  attainment: Attainment;
  updatedAt: string;
}

export interface TargetValue {
  kind: 'numeric' | 'qualitative' | 'date' | 'pace';
  unit?: string;
}

export interface Indicator {
  id: string;
  position: number;
  level1: string;
  level2: string;
  level3: string;
  unit: string;
  halfYearTarget: TargetValue | null;
  fullYearTarget: TargetValue;
  halfYearText: string;
  fullYearText: string;
  half: ActualView | null;
  full: ActualView | null;
}

export type ActualPeriod = 'half' | 'full';
export const periodLabels: Record<ActualPeriod, string> = { half: '半年', full: '全年' };

export interface SurveyOption {
  label: string;
  weight: string;
}

export interface Survey {
  id: string;
  projectId: string;
  title: string;
  intro: string;
  options: SurveyOption[];
  allowDontKnow: boolean;
  status: 'open' | 'closed';
  closesAt: string | null;
  closedAt: string | null;
  createdAt: string;
  questions: { id: string; position: number; text: string }[];
  tokens: { issued: number; used: number };
}

export const surveyStatusLabels: Record<string, string> = { open: '进行中', closed: '已结束' };
export const surveyStatusColors: Record<string, string> = { open: 'processing', closed: 'default' };

export interface IssuedToken {
  id: string;
  token: string;
  path: string;
  url: string;
  label: string;
  expiresAt: string;
}

export interface SatisfactionSummary {
  options: { label: string; weight: string; count: number; share: string | null }[];
  dontKnow: number;
  dontKnowShare: string | null;
  answers: number;
  n: number;
  satisfaction: string | null;
  satisfactionRounded: string | null;
}

export interface SurveyResults {
  surveyId: string;
  title: string;
  status: 'open' | 'closed';
  responses: number;
  tokens: { issued: number; used: number };
  questions: (SatisfactionSummary & { questionId: string; position: number; text: string })[];
  overall: SatisfactionSummary;
}

export interface ChecklistItem {
  id: string;
  name: string;
  points: number | string;
}

export interface SchemeRule {
  kind: string;
  items?: ChecklistItem[];
  guidance?: string;
}

export interface SchemeCriterion {
  id: string;
  name: string;
  points: number | string;
  note?: string;
  rule?: SchemeRule;
  children?: SchemeCriterion[];
}

export type LeafSource = { type: 'fundingRate' | 'executionRate' | 'survey' | 'evaluator' } | { type: 'targetsAttained'; level1: string; level2?: string };

export type EvaluatorInput = { satisfied: string[] } | { score: string; reason: string };

export interface EvaluationRow {
  criterionId: string;
  level1: string;
  level2: string;
  level3: string;
  points: string;
  score: string | null;
  scoreRate: string | null;
  reason: string;
  source: string;
  steps: string[];
}

export interface FundEvaluation {
  projectId: string;
  projectName: string;
  year: number;
  status: 'none' | 'draft' | 'final';
  schemeId: string;
  schemeName: string;
  scheme: { name: string; total: number | string; criteria: SchemeCriterion[]; grades?: { label: string; min?: number | string }[] };
  sources: Record<string, LeafSource | undefined>;
  evaluatorInputs: Record<string, EvaluatorInput | undefined>;
  evaluatedAt: string | null;
  complete: boolean;
  total: string | null;
  grade: string | null;
  rows: EvaluationRow[];
  version: number;
}

export const evaluationStatusLabels: Record<string, string> = { none: '未评价', draft: '评价中', final: '已定稿' };
export const evaluationStatusColors: Record<string, string> = { none: 'default', draft: 'processing', final: 'success' };

export const sourceLabels: Record<string, string> = {
  fundingRate: '资金到位率（平台数据）',
  executionRate: '预算执行率（平台数据）',
  targetsAttained: '绩效目标完成情况（平台数据）',
  survey: '满意度调查（平台数据）',
  evaluator: '评价人填写',
};

/** Style of a merged 一级/二级 cell: its name at the top of the run, where the eye starts reading. */
export const MERGED = { verticalAlign: 'top' } as const;

/**
 * rowSpan of the cells of a column whose equal neighbours merge (一级/二级指标 as the tables print them):
 * the first row of a run spans it, the others span 0.
 */
export function mergedSpans<T>(rows: readonly T[], key: (row: T) => string): number[] {
  const spans = rows.map(() => 0);
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || key(rows[i]) !== key(rows[start])) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}

/** A money amount for the API: the InputNumber's text, or 0. */
export function moneyText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '0';
  return typeof value === 'number' ? value.toFixed(2) : value;
}

function cents(value: string | number | null | undefined): bigint {
  const m = /^(\d+)(?:\.(\d{0,2}))?/.exec(moneyText(value));
  return m ? BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0') : 0n;
}

/** Exact sum of amounts in 万元 (two decimals), as the API's annual budget adds its sources. */
export function sumMoney(values: readonly (string | number | null | undefined)[]): string {
  const total = values.reduce<bigint>((sum, v) => sum + cents(v), 0n);
  return `${total / 100n}.${(total % 100n).toString().padStart(2, '0')}`;
}

/** Whether amount a exceeds amount b (both in 万元). */
export function moneyGreater(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  return cents(a) > cents(b);
}

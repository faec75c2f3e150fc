import type {
  Attainment,
  FundEvaluatorInput,
  FundLeafSource,
  SatisfactionSummary,
  Scheme,
  SurveyOption,
  TargetValue,
} from '@app/domain';

/**
 * What the funds API returns, as plain types with no runtime imports: the services build these and
 * the web app reads them (with dates as the strings JSON makes of them). Keep this file free of
 * Nest and TypeORM so the browser build can type-check against it.
 */

export type BudgetProjectKind = 'recurring' | 'one_off';

/**
 * The sources a budget project's funds come from (资金来源), as stored columns, in the order of the
 * 项目资金 block: 一般公共预算, 政府性基金预算, 财政专户管理资金, 国有资本经营预算, 社会保障基金, 上年结转,
 * 其他资金. The annual budget is their sum.
 */
export const FUND_SOURCES = [
  'generalBudget',
  'governmentFunds',
  'specialAccounts',
  'stateCapital',
  'socialSecurityFunds',
  'carriedOver',
  'otherFunds',
] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** The sources as the 项目资金 block labels them. */
export const FUND_SOURCE_LABELS: Record<FundSource, string> = {
  generalBudget: '一般公共预算',
  governmentFunds: '政府性基金预算',
  specialAccounts: '财政专户管理资金',
  stateCapital: '国有资本经营预算',
  socialSecurityFunds: '社会保障基金',
  carriedOver: '上年结转',
  otherFunds: '其他资金',
};

/** 项目类型 of a project whose table did not type one. */
export const BUDGET_PROJECT_KIND_LABELS: Record<BudgetProjectKind, string> = {
  recurring: '经常性项目',
  one_off: '一次性项目',
};

export type FundEvaluationStatus = 'draft' | 'final';
export type ActualPeriod = 'half' | 'full';
export type SurveyStatus = 'open' | 'closed';

/** The evaluator's own inputs, by leaf id: every input kind the engine takes for a leaf not computed from the platform. */
export type EvaluatorInputs = Record<string, FundEvaluatorInput>;

/** One month of one fund whose execution the owning department still has to enter (专项资金执行填报). */
export interface FundTodoItem {
  projectId: string;
  projectName: string;
  unitId: string;
  unitName: string;
  year: number;
  /** 1–12. */
  month: number;
  /** '专项资金执行填报：<项目> 2023年3月'. */
  label: string;
  /** Sub-items of the month without a record. */
  missingSubItems: number;
  /** YYYY-MM-DD: the 10th of the following month. */
  dueDate: string;
  /** Negative once overdue. */
  daysLeft: number;
  overdue: boolean;
}

export interface BudgetProjectSummary {
  id: string;
  name: string;
  year: number;
  ownerUnitId: string;
  ownerUnitName: string;
  kind: BudgetProjectKind;
  /** 项目类型 as the target table typed it (常年安排项目); '' when only `kind` is known. */
  kindText: string;
  level: string;
  annualBudget: string;
  halfYearPlan: string;
  version: number;
}

export interface BudgetProjectDetail extends BudgetProjectSummary, Record<FundSource, string> {
  cityId: string;
  startYear: number;
  endYear: number;
  /** 开始时间 / 完成时间 as typed (2023年1月); '' when only the years are known. */
  startText: string;
  endText: string;
  /** 实施单位 as typed. */
  implementingUnit: string;
  /** 立项必要性, 实施可行性, 项目实施内容. */
  necessity: string;
  feasibility: string;
  implementationContent: string;
  /** 全年（程）预算数 (万元); null when no table has stated it. */
  fullYearBudget: string | null;
  personInCharge: string;
  midLongTermGoal: string;
  annualGoal: string;
  subItems: { id: string; name: string; budget: string; halfYearPlan: string; position: number }[];
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
  updatedAt: Date;
}

export interface ActualView {
  text: string;
  value: string | null;
  date: string | null;
  deviationReason: string;
  note: string;
  evidence: string[];
  attainment: Attainment;
  updatedAt: Date;
}

export interface IndicatorView {
  id: string;
  position: number;
  level1: string;
  level2: string;
  level3: string;
  unit: string;
  halfYearTarget: TargetValue | null;
  fullYearTarget: TargetValue;
  /** The targets as a cell shows them: ≥360项, ＝100%, 序时进度. */
  halfYearText: string;
  fullYearText: string;
  half: ActualView | null;
  full: ActualView | null;
}

export interface EvaluationReportRow {
  criterionId: string;
  level1: string;
  level2: string;
  level3: string;
  points: string;
  score: string | null;
  /** score ÷ points, percent with 2 decimals. */
  scoreRate: string | null;
  /** 扣分原因 ('' at full points). */
  reason: string;
  source: FundLeafSource['type'];
  steps: readonly string[];
}

/** The evaluation report's sections the evaluator writes (财预〔2020〕10号); '' until written. */
export interface ReportNarrative {
  /** 二（一）评价目的、对象和范围. */
  purpose: string;
  /** 二（二）评价原则、评价指标体系、评价方法、评价标准. */
  method: string;
  /** 二（三）评价工作过程. */
  process: string;
  /** 五、主要经验及做法. */
  experience: string;
  /** 五、存在的问题及原因分析. */
  problems: string;
  /** 六、有关建议. */
  suggestions: string;
  /** 七、其他需要说明的问题. */
  other: string;
}

export const NARRATIVE_FIELDS = [
  'purpose',
  'method',
  'process',
  'experience',
  'problems',
  'suggestions',
  'other',
] as const satisfies readonly (keyof ReportNarrative)[];

export function emptyNarrative(): ReportNarrative {
  return { purpose: '', method: '', process: '', experience: '', problems: '', suggestions: '', other: '' };
}

export interface FundEvaluationView {
  projectId: string;
  projectName: string;
  year: number;
  status: FundEvaluationStatus | 'none';
  schemeId: string;
  schemeName: string;
  /** Version of the scheme the evaluation is scored by (0 before the first scheme exists). */
  schemeVersion: number;
  /** A newer enabled version of the same scheme a draft evaluation may move to; null when there is none. */
  newerScheme: { id: string; name: string; version: number } | null;
  scheme: Scheme;
  sources: Record<string, FundLeafSource>;
  evaluatorInputs: EvaluatorInputs;
  evaluatedAt: Date | null;
  complete: boolean;
  total: string | null;
  grade: string | null;
  rows: EvaluationReportRow[];
  platformInputs: Record<string, unknown>;
  narrative: ReportNarrative;
  version: number;
}

export interface SurveyQuestionView {
  id: string;
  position: number;
  text: string;
}

export interface SurveyView {
  id: string;
  projectId: string;
  title: string;
  intro: string;
  options: SurveyOption[];
  allowDontKnow: boolean;
  status: SurveyStatus;
  closesAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  questions: SurveyQuestionView[];
  /** Links issued and links used (= responses received). */
  tokens: { issued: number; used: number };
}

export interface IssuedToken {
  id: string;
  /** The plaintext token: shown here once, stored only as its SHA-256. */
  token: string;
  /** The web app's questionnaire page for this link. */
  path: string;
  url: string;
  label: string;
  expiresAt: Date;
}

export interface QuestionResult extends SatisfactionSummary {
  questionId: string;
  position: number;
  text: string;
}

export interface SurveyResultsView {
  surveyId: string;
  title: string;
  status: SurveyStatus;
  responses: number;
  tokens: { issued: number; used: number };
  questions: QuestionResult[];
  /** Over every answer of every question. */
  overall: SatisfactionSummary;
}

/** What a respondent sees: the questions and the option labels, never weights, labels of links or ids of people. */
export interface PublicQuestionnaire {
  projectName: string;
  year: number;
  title: string;
  intro: string;
  options: { index: number; label: string }[];
  allowDontKnow: boolean;
  dontKnowLabel: string;
  questions: SurveyQuestionView[];
  expiresAt: Date;
  closesAt: Date | null;
}

export interface SubmittedResponse {
  submittedAt: Date;
  message: string;
}

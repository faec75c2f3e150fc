// Special funds (专项资金): labels and money arithmetic for the pages; the shapes themselves come from the API schema.

import { readTypedNumber } from '@app/domain';
import type { ActualPeriod, Attainment, FundDetail } from '../api/types';

/** Every source, as the 项目资金 block of the target table labels it (each key is a field of the project the API sends). */
const SOURCE_LABELS = {
  generalBudget: '一般公共预算',
  governmentFunds: '政府性基金预算',
  specialAccounts: '财政专户管理资金',
  stateCapital: '国有资本经营预算',
  socialSecurityFunds: '社会保障基金',
  carriedOver: '上年结转',
  otherFunds: '其他资金',
} satisfies Partial<Record<keyof FundDetail, string>>;

export type FundSource = keyof typeof SOURCE_LABELS;

/** The sources in the order the budget table lists them. */
export const fundSources: { key: FundSource; label: string }[] = (Object.keys(SOURCE_LABELS) as FundSource[]).map(
  (key) => ({
    key,
    label: SOURCE_LABELS[key],
  }),
);

export const projectKindLabels: Record<string, string> = { recurring: '经常性项目', one_off: '一次性项目' };

/** 项目类型 as the target table typed it, else the kind's name. */
export function projectKindText(fund: { kind: string; kindText: string }): string {
  return fund.kindText || projectKindLabels[fund.kind] || fund.kind;
}

/** 开始时间 / 完成时间 as typed (2023年1月), else the year. */
export function projectTimeText(text: string, year: number): string {
  return text || `${year}年`;
}

export const attainmentLabels: Record<Attainment, string> = { met: '达标', partly_met: '部分达标', not_met: '未达标' };
export const attainmentColors: Record<Attainment, string> = { met: 'success', partly_met: 'warning', not_met: 'error' };
export const periodLabels: Record<ActualPeriod, string> = { half: '半年', full: '全年' };
export const surveyStatusLabels: Record<string, string> = { open: '进行中', closed: '已结束' };
export const surveyStatusColors: Record<string, string> = { open: 'processing', closed: 'default' };

export const evaluationStatusLabels: Record<string, string> = { none: '未评价', draft: '评价中', final: '已定稿' };
export const evaluationStatusColors: Record<string, string> = {
  none: 'default',
  draft: 'processing',
  final: 'success',
};

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

/** A money amount for the API: the field's text as the forms read it, or 0. */
export function moneyText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '0';
  if (typeof value === 'number') return value.toFixed(2);
  // As typed (1,200 or full-width digits) read as the forms read it; text the forms refuse is passed on as it is.
  const read = readTypedNumber(value, { kind: 'money' });
  return read.ok ? (read.text ?? '0') : value;
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

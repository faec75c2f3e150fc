import { Decimal } from 'decimal.js';
import { compare } from '../scoring/rules/fields.js';
import type { Comparator } from '../scoring/types.js';

/** The comparison of a performance target (计算符号): the scoring engine's comparators. */
export type TargetOperator = Comparator;

/**
 * One cell of a performance target table (绩效目标表): a number with an operator and a unit
 * (≥ 360 项), a qualitative value (规范, 充分, 较高 …), a date bound (≤ 2023年12月31日), or
 * 序时进度 (on pace with elapsed time).
 */
export type TargetValue =
  | { kind: 'numeric'; operator: TargetOperator; value: string; unit: string }
  | { kind: 'qualitative'; text: string }
  | { kind: 'date'; operator: TargetOperator; date: string }
  | { kind: 'pace' };

const operatorSigns: Record<string, TargetOperator> = {
  '≥': '>=',
  '>=': '>=',
  '≤': '<=',
  '<=': '<=',
  '＝': '=',
  '=': '=',
  '>': '>',
  '＞': '>',
  '<': '<',
  '＜': '<',
};

export const qualitativeValues = [
  '规范',
  '充分',
  '合理',
  '较高',
  '完成',
  '及时',
  '明显',
  '良好',
  '有效',
  '达标',
  '提高',
  '提升',
];

export type ParsedTarget = { ok: true; target: TargetValue } | { ok: false; reason: string };

/**
 * Reads a cell as offices write it: `≥900个`, `＝ 100 %`, `≤2023年12月31日`, `规范`, `序时进度`.
 * An operator may also come from its own column (the 000 layout: 计算符号 | 目标值 | 单位).
 */
export function parseTargetValue(cell: string, operatorColumn?: string, unitColumn?: string): ParsedTarget {
  const text = cell.replace(/\s+/g, '').trim();
  if (!text) return { ok: false, reason: '目标值为空' };
  if (/^(按|达到)?序时进度$/.test(text)) return { ok: true, target: { kind: 'pace' } };
  const sign = /^(≥|>=|≤|<=|＝|=|＞|>|＜|<)/.exec(text)?.[1];
  const fromColumn = operatorColumn ? operatorSigns[operatorColumn.replace(/\s+/g, '')] : undefined;
  if (operatorColumn && operatorColumn.trim() && !fromColumn)
    return { ok: false, reason: `计算符号“${operatorColumn}”无法识别` };
  const operator = (sign ? operatorSigns[sign] : undefined) ?? fromColumn ?? '=';
  const rest = sign ? text.slice(sign.length) : text;
  // A date as typed or as a date cell shows it: 2023年12月31日, 2023-12-31, 2023/12/31, 2023.12.31.
  const date =
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(rest) ??
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(rest)?.filter((_, i) => i !== 2);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
      return { ok: false, reason: `日期“${rest}”无效` };
    const iso = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
    return { ok: true, target: { kind: 'date', operator, date: iso } };
  }
  // A month (2023年12月, 2023/12, 2023-12; not 2023.12, a number): by its last day, or from its first for ≥ and >.
  const month = /^(\d{4})(?:年(\d{1,2})月|[-/](\d{1,2}))$/.exec(rest);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2] ?? month[3])];
    if (m < 1 || m > 12) return { ok: false, reason: `日期“${rest}”无效` };
    const day = operator === '>=' || operator === '>' ? 1 : new Date(Date.UTC(y, m, 0)).getUTCDate();
    return {
      ok: true,
      target: {
        kind: 'date',
        operator,
        date: `${month[1]}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      },
    };
  }
  const number = /^(-?\d+(?:\.\d+)?)(.*)$/.exec(rest);
  if (number) {
    const unit = (number[2] || unitColumn || '').trim();
    return { ok: true, target: { kind: 'numeric', operator, value: new Decimal(number[1]!).toFixed(), unit } };
  }
  if (sign) return { ok: false, reason: `“${cell}”不是有效的数值目标` };
  return { ok: true, target: { kind: 'qualitative', text: rest } };
}

/** How a target is written back into a cell: `≥900个`, `＝100%`, `≤2023年12月31日`. */
export function formatTargetValue(target: TargetValue): string {
  const signs: Record<TargetOperator, string> = { '>=': '≥', '<=': '≤', '=': '＝', '>': '＞', '<': '＜' };
  switch (target.kind) {
    case 'numeric':
      return `${signs[target.operator]}${target.value}${target.unit}`;
    case 'date': {
      const [y, m, d] = target.date.split('-').map(Number);
      return `${signs[target.operator]}${y}年${m}月${d}日`;
    }
    case 'pace':
      return '序时进度';
    case 'qualitative':
      return target.text;
  }
}

export type Attainment = 'met' | 'partly_met' | 'not_met';

export interface ActualValue {
  value?: string | null;
  text?: string | null;
  date?: string | null;
}

/**
 * Whether an actual value meets its target: numbers by the operator (a shortfall of a ≥ target is
 * partly met when at least 80 % is reached), dates by the bound, qualitative targets by the
 * reviewer's text (the same word, or 完成/达到), 序时进度 by the elapsed share of the plan.
 */
export function attainment(
  target: TargetValue,
  actual: ActualValue,
  options: { elapsedShare?: Decimal.Value; progress?: Decimal.Value } = {},
): Attainment {
  switch (target.kind) {
    case 'numeric': {
      if (actual.value === undefined || actual.value === null) return 'not_met';
      const a = new Decimal(actual.value);
      const t = new Decimal(target.value);
      const holds = compare(a, target.operator, t);
      if (holds) return 'met';
      if ((target.operator === '>=' || target.operator === '>') && t.gt(0) && a.div(t).gte(0.8)) return 'partly_met';
      if ((target.operator === '<=' || target.operator === '<') && a.gt(0) && t.div(a).gte(0.8)) return 'partly_met';
      if (target.operator === '=' && t.gt(0) && a.div(t).gte(0.8) && a.lt(t)) return 'partly_met';
      return 'not_met';
    }
    case 'date': {
      if (!actual.date) return 'not_met';
      return compare(new Decimal(Date.parse(actual.date)), target.operator, new Decimal(Date.parse(target.date)))
        ? 'met'
        : 'not_met';
    }
    case 'pace': {
      if (options.progress === undefined || options.elapsedShare === undefined) return 'not_met';
      const progress = new Decimal(options.progress);
      const expected = new Decimal(options.elapsedShare);
      if (progress.gte(expected)) return 'met';
      return progress.gte(expected.times(0.8)) ? 'partly_met' : 'not_met';
    }
    case 'qualitative': {
      const text = (actual.text ?? '').trim();
      if (!text) return 'not_met';
      if (text === target.text || /^(已?完成|达到|已达到|符合)/.test(text)) return 'met';
      return /部分|基本/.test(text) ? 'partly_met' : 'not_met';
    }
  }
}

import { D } from '../decimal.js';
import { toHalfWidth } from './half-width.js';

/**
 * What a numeric field accepts. Bounds are decimal text so money never passes through a float;
 * `kind` chooses the wording of the refusals (a percentage says 超过100%, money 金额不能为负数).
 */
export interface NumberRule {
  kind?: 'plain' | 'percent' | 'money';
  min?: string;
  max?: string;
  /** Most decimal places allowed; 0 for whole numbers. Unset: no limit. */
  decimals?: number;
  /** Words for the value in messages, e.g. 年度. */
  unit?: string;
}

/** Notes on what was changed in the text while reading it; the value is the same number. */
export const FULL_WIDTH_NOTE = '已将全角数字转换为半角';
export const GROUPING_NOTE = '已去掉千位分隔符';

export type TypedNumber =
  /** `text` is the number as the API takes it (half-width, no grouping, no plus sign); null for an empty field. */
  { ok: true; text: string | null; notes: string[] } | { ok: false; reason: string };

const PLAIN = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
/** 1,200 or 12,345,678.5: commas only between groups of three, so 1,5 is never read as 15. */
const GROUPED = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DIGIT_WORDS = ['整数', '一位小数', '两位小数', '三位小数', '四位小数', '五位小数', '六位小数'];

function decimalsText(n: number): string {
  return n === 0 ? '请输入整数' : `最多保留${DIGIT_WORDS[n] ?? `${n}位小数`}`;
}

/**
 * Reads a number as a person typed it into a form field, without ever changing its value: full-width
 * digits (３０．５, －５) and grouping commas are read and noted; anything else that is not a number in
 * the rule's range is refused with the reason to show on the field, never clamped, rounded or blanked.
 */
export function readTypedNumber(input: string | number | null | undefined, rule: NumberRule = {}): TypedNumber {
  if (input === null || input === undefined) return { ok: true, text: null, notes: [] };
  const raw = typeof input === 'number' ? String(input) : input;
  const notes: string[] = [];
  const half = toHalfWidth(raw);
  if (/[\uff01-\uff5e]/.test(raw)) notes.push(FULL_WIDTH_NOTE);
  let text = half.trim().replace(/^\+/, '');
  if (rule.kind === 'percent') text = text.replace(/\s*%$/, '');
  if (text === '') return { ok: true, text: null, notes: [] };
  if (GROUPED.test(text)) {
    text = text.replace(/,/g, '');
    notes.push(GROUPING_NOTE);
  }
  if (!PLAIN.test(text)) return { ok: false, reason: '请输入数字' };
  const value = new D(text);
  if (rule.decimals !== undefined && value.decimalPlaces() > rule.decimals)
    return { ok: false, reason: decimalsText(rule.decimals) };
  if (rule.min !== undefined && value.lt(rule.min)) {
    if (rule.min === '0' && rule.kind === 'money') return { ok: false, reason: '金额不能为负数' };
    if (rule.min === '0') return { ok: false, reason: '不能为负数' };
    return { ok: false, reason: `不能小于${rule.min}${rule.unit ?? ''}` };
  }
  if (rule.max !== undefined && value.gt(rule.max)) {
    if (rule.kind === 'percent') return { ok: false, reason: `超过${rule.max}%` };
    return { ok: false, reason: `不能大于${rule.max}${rule.unit ?? ''}` };
  }
  // "30." and ".5" are numbers, but the API wants them written out.
  const clean = text.replace(/\.$/, '').replace(/^(-?)\./, '$10.');
  return { ok: true, text: clean === '-0' ? '0' : clean, notes };
}

import { compareDecimals, fmt, parseDecimal, type Dec } from '../../decimal.js';
import type { Comparator, Direction, SchemeIssue } from '../types.js';
import { constantPlainText, constantText, fmtFixed } from '../texts.js';
import type { ReadResult } from './rule.js';

/** Helpers shared by the rule kinds to check parameters (scheme time) and read inputs (evaluation time). */

type Raw = Readonly<Record<string, unknown>>;

export interface NumberBounds {
  /** value ≥ min */
  min?: Dec | number;
  /** value > above */
  above?: Dec | number;
  /** value ≤ max */
  max?: Dec | number;
}

function boundReason(value: Dec, bounds: NumberBounds): string | null {
  if (bounds.above !== undefined && !value.gt(bounds.above)) return `必须大于${bounds.above.toString()}`;
  if (bounds.min !== undefined && value.lt(bounds.min)) return `不能小于${bounds.min.toString()}`;
  if (bounds.max !== undefined && value.gt(bounds.max)) return `不能大于${bounds.max.toString()}`;
  return null;
}

/** A required numeric parameter; pushes an issue and returns null when missing, not numeric or out of bounds. */
export function paramNumber(
  raw: Raw,
  key: string,
  path: string,
  issues: SchemeIssue[],
  bounds: NumberBounds = {},
): Dec | null {
  const value = raw[key];
  if (value === undefined || value === null) {
    issues.push({ path: `${path}.${key}`, reason: '缺少必填参数' });
    return null;
  }
  return checkNumber(value, `${path}.${key}`, issues, bounds);
}

/** An optional numeric parameter with a default. */
export function optionalNumber(
  raw: Raw,
  key: string,
  path: string,
  issues: SchemeIssue[],
  fallback: Dec,
  bounds: NumberBounds = {},
): Dec | null {
  const value = raw[key];
  if (value === undefined) return fallback;
  return checkNumber(value, `${path}.${key}`, issues, bounds);
}

export function checkNumber(
  value: unknown,
  path: string,
  issues: SchemeIssue[],
  bounds: NumberBounds = {},
): Dec | null {
  const parsed = parseDecimal(value);
  if (parsed === null) {
    issues.push({ path, reason: '必须是数字（数值或数字字符串）' });
    return null;
  }
  const reason = boundReason(parsed, bounds);
  if (reason) {
    issues.push({ path, reason });
    return null;
  }
  return parsed;
}

export function paramBoolean(
  raw: Raw,
  key: string,
  path: string,
  issues: SchemeIssue[],
  fallback?: boolean,
): boolean | null {
  const value = raw[key];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'boolean') {
    issues.push({
      path: `${path}.${key}`,
      reason: value === undefined ? '缺少必填参数' : '必须是布尔值（true/false）',
    });
    return null;
  }
  return value;
}

export function paramDirection(raw: Raw, path: string, issues: SchemeIssue[]): Direction | null {
  const value = raw['direction'];
  if (value === 'higher' || value === 'lower') return value;
  issues.push({
    path: `${path}.direction`,
    reason: value === undefined ? '缺少必填参数' : '必须是 higher（越高越好）或 lower（越低越好）',
  });
  return null;
}

const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '<', '='];
export function paramComparator(raw: Raw, path: string, issues: SchemeIssue[]): Comparator | null {
  const value = raw['operator'];
  const found = COMPARATORS.find((c) => c === value);
  if (found) return found;
  issues.push({
    path: `${path}.operator`,
    reason: value === undefined ? '缺少必填参数' : '必须是 >=、>、<=、< 或 = 之一',
  });
  return null;
}

export function paramOptionalString(raw: Raw, key: string, path: string, issues: SchemeIssue[]): void {
  const value = raw[key];
  if (value !== undefined && typeof value !== 'string') issues.push({ path: `${path}.${key}`, reason: '必须是字符串' });
}

// ─── Inputs ────────────────────────

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A number as `toFixed()` writes it: no exponent, no leading or trailing zeros, no "+". */
const PLAIN_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** `parsed.toFixed()` for a number parsed from `raw`: the raw text itself when it is already written that way
 *  (decimal.js keeps every digit it parses), so the inputs most units send need no second text. */
export function plainText(raw: unknown, parsed: Dec): string {
  const text = typeof raw === 'number' ? String(raw) : raw;
  return typeof text === 'string' && text !== '-0' && PLAIN_TEXT.test(text) ? text : parsed.toFixed();
}

/** A number read from an input, with its `toFixed()` text. */
export type NumberRead = { ok: true; value: Dec; text: string } | { ok: false; reason: string };

/** A required numeric input field, with its Chinese label for the reason. */
export function inputNumber(raw: Raw, key: string, label: string, bounds: NumberBounds = {}): NumberRead {
  const value = raw[key];
  if (value === undefined || value === null) return { ok: false, reason: `缺少输入：${label}（${key}）` };
  const parsed = parseDecimal(value);
  if (parsed === null) return { ok: false, reason: `${label}（${key}）必须是数字` };
  const reason = boundReason(parsed, bounds);
  if (reason) return { ok: false, reason: `${label}（${key}）${reason}` };
  return { ok: true, value: parsed, text: plainText(value, parsed) };
}

/** A count of events or answers: a non-negative whole number. */
export function inputCount(value: unknown, label: string): Read<Dec> {
  const parsed = parseDecimal(value);
  if (parsed === null) return { ok: false, reason: `${label}必须是数字` };
  if (parsed.isNegative() || !parsed.isInteger()) return { ok: false, reason: `${label}必须是非负整数` };
  return { ok: true, value: parsed };
}

/** The `{value, target?}` input of the rules that compare a value with a (per-unit) target. */
export interface ValueAndTarget {
  value: Dec;
  target: Dec;
  /** `value.toFixed()`, when the reader has it. */
  valueText?: string;
}

/** The `{value, target?}` input of the rules that compare a value with a (per-unit) target. */
export function readValueAndTarget(raw: Raw, fallbackTarget: Dec): ReadResult<Required<ValueAndTarget>> {
  const value = inputNumber(raw, 'value', '实际值');
  if (!value.ok) return value;
  let target = fallbackTarget;
  let targetPlain: string;
  if (raw['target'] === undefined || raw['target'] === null) targetPlain = constantPlainText(fallbackTarget);
  else {
    const read = inputNumber(raw, 'target', '本单位目标值');
    if (!read.ok) return read;
    target = read.value;
    targetPlain = read.text;
  }
  return {
    ok: true,
    input: { value: value.value, target, valueText: value.text },
    inputs: { value: value.text, target: targetPlain },
  };
}

/** `fmt` of a value whose `toFixed()` text the reader may have kept. */
export function fmtValue(value: Dec, text: string | undefined): string {
  return text === undefined ? fmt(value) : fmtFixed(text);
}

/** `fmt` of the target a unit is scored against: the scheme's own is written once, an override each time. */
export function targetText(schemeTarget: Dec, target: Dec): string {
  return target === schemeTarget ? constantText(target) : fmt(target);
}

export function compare(value: Dec, operator: Comparator, target: Dec): boolean {
  const order = compareDecimals(value, target);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '=':
      return order === 0;
  }
}

export const DIRECTION_LABEL: Record<Direction, string> = { higher: '越高越好', lower: '越低越好' };

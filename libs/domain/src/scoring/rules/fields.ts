import { ZERO, compareDecimals, fmt, parseDecimal, plainDecimalText, type Dec } from '../../decimal.js';
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

/** A number written plainly: no exponent, no "+", no leading zeros (trailing zeros are dropped by `plainTextOf`). */
const PLAIN_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** `raw` as `toFixed()` would write the number it holds, when it is written plainly: then it is a valid number
 *  and its `toFixed()` is the text without trailing zeros (decimal.js keeps every digit it parses). A negative
 *  zero, and anything else, is null. */
function plainTextOf(raw: unknown): string | null {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !PLAIN_TEXT.test(text)) return null;
  const plain = plainDecimalText(text);
  return plain === '0' && text.charCodeAt(0) === 45 /* - */ ? null : plain;
}

/** `parsed.toFixed()` for a number parsed from `raw`, taken from the raw text when it is written plainly: the inputs
 *  most units send need no second text. */
export function plainText(raw: unknown, parsed: Dec): string {
  return plainTextOf(raw) ?? parsed.toFixed();
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

/** A numeric input read as text, with its Decimal once one has been made. */
export interface PlainNumber {
  raw: unknown;
  parsed: Dec | null;
  /** The value's `toFixed()`. */
  text: string;
}
export type PlainNumberRead = ({ ok: true } & PlainNumber) | { ok: false; reason: string };

/** A required numeric input read as text: its Decimal is made now only when the raw form is not already a plain
 *  number text (which always parses) within the bounds, else by `decimalOf` when a rule first asks for it. */
export function inputPlainNumber(raw: Raw, key: string, label: string, bounds: NumberBounds = {}): PlainNumberRead {
  const value = raw[key];
  const text = plainTextOf(value);
  if (text !== null && withinOnItsFace(text, bounds)) return { ok: true, raw: value, parsed: null, text };
  const read = inputNumber(raw, key, label, bounds);
  return read.ok ? { ok: true, raw: value, parsed: read.value, text: read.text } : read;
}

/** Whether a plain text is within bounds its sign alone decides (none, or above zero); any other bound is left
 *  to `inputNumber`, which also writes the reason. */
function withinOnItsFace(text: string, bounds: NumberBounds): boolean {
  if (bounds.min !== undefined || bounds.max !== undefined) return false;
  const above = bounds.above;
  if (above === undefined) return true;
  const aboveZero = typeof above === 'number' ? above === 0 : above.isZero();
  // A plain text writes zero as "0" and a negative value with a leading "-".
  return aboveZero && text !== '0' && text.charCodeAt(0) !== 45; /* - */
}

/** The Decimal of a number `inputPlainNumber` read, made once, from the raw value as before (so -0 stays -0). */
export function decimalOf(read: PlainNumber): Dec {
  return (read.parsed ??= parseDecimal(read.raw) as Dec);
}

/** A value-and-target input whose value becomes a Decimal only when a rule asks for it: the fixed-point paths
 *  read its text. */
class ReadValueAndTarget implements Required<ValueAndTarget> {
  readonly valueText: string;
  constructor(
    private readonly read: PlainNumber,
    readonly target: Dec,
  ) {
    this.valueText = read.text;
  }

  get value(): Dec {
    return decimalOf(this.read);
  }
}

/** The `{value, target?}` input of the rules that compare a value with a (per-unit) target. */
export function readValueAndTarget(raw: Raw, fallbackTarget: Dec): ReadResult<Required<ValueAndTarget>> {
  const value = inputPlainNumber(raw, 'value', '实际值');
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
    input: new ReadValueAndTarget(value, target),
    inputs: { value: value.text, target: targetPlain },
  };
}

/** `fmt` of a value read from an input: from the `toFixed()` text the reader kept, else from its Decimal. */
export function fmtRead(text: string | undefined, value: () => Dec): string {
  return text === undefined ? fmt(value()) : fmtFixed(text);
}

/** `fmtRead` of a value-and-target input's value. */
export function fmtInputValue(input: ValueAndTarget): string {
  return fmtRead(input.valueText, () => input.value);
}

/** Whether a value-and-target input's value is ≤ 0, read from its text when the reader kept one. */
export function valueAtMostZero(input: ValueAndTarget): boolean {
  const text = input.valueText;
  // A plain text writes zero as "0" and a negative value with a leading "-".
  if (text !== undefined) return text === '0' || text.charCodeAt(0) === 45; /* - */
  return compareDecimals(input.value, ZERO) <= 0;
}

/** `fmt` of the target a unit is scored against: the scheme's own is written once, an override each time. */
export function targetText(schemeTarget: Dec, target: Dec): string {
  return target === schemeTarget ? constantText(target) : fmt(target);
}

export function compare(value: Dec, operator: Comparator, target: Dec): boolean {
  return holds(compareDecimals(value, target), operator);
}

/** Whether `operator` holds for two values whose comparison (−1, 0, 1) is `order`. */
export function holds(order: number, operator: Comparator): boolean {
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

// The named export: under NodeNext the package's typings are read as CommonJS, where the default import is the namespace.
import { Decimal } from 'decimal.js';

/** The domain's own Decimal for scores, shares and rates: 40 significant digits, half-up (四舍五入).
 *  A local clone, so nobody else's global Decimal settings can change a result. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** A number as it arrives from JSON (number) or from PostgreSQL numeric (string). */
export type NumberLike = number | string;
/** A quantity as it arrives: a Decimal, a JS number, or a decimal string (PostgreSQL numeric). */
export type DecimalInput = Dec | NumberLike;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const ZERO: Dec = new D(0);
export const ONE: Dec = new D(1);
export const HUNDRED: Dec = new D(100);

/** Parses a number or a decimal string exactly; anything else (NaN, Infinity, '', '1,5', null) is null. */
export function parseDecimal(value: unknown): Dec | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? new D(value) : null;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return DECIMAL_TEXT.test(text) ? new D(text) : null;
  }
  return null;
}

/**
 * A plain decimal text (digits, an optional fraction, an optional minus) as `toFixed()` writes its value: without the
 * trailing zeros of a fixed number of places ('12.50' → '12.5', '150.000' → '150') and zero unsigned ('-0.00' → '0').
 * No Decimal is parsed and printed again, for texts read tens of thousands of times (PostgreSQL numerics, inputs).
 */
export function plainDecimalText(text: string): string {
  if (text.indexOf('.') < 0) return text === '-0' ? '0' : text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  const plain = end === text.length ? text : text.slice(0, end);
  return plain === '-0' ? '0' : plain;
}

/**
 * Whole `units` of 10^−places (digits, no sign) written with `places` decimals: ('1250', 2) → '12.50', ('5', 2) → '0.05'.
 * The fixed-point and small-number paths print their figures through it.
 */
export function unitsText(units: string, places: number): string {
  if (places === 0) return units;
  const digits = units.padStart(places + 1, '0');
  return `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
}

/** Exact conversion; throws RangeError naming the field for NaN, Infinity, '' or '1,5'. */
export function toDecimal(value: DecimalInput, field: string): Dec {
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) throw new RangeError(`${field} 必须是有限数值`);
    // Decimals are immutable: one of the domain's own needs no copy (schedules convert tens of thousands).
    return value instanceof D ? value : new D(value);
  }
  const parsed = parseDecimal(value);
  if (!parsed) throw new RangeError(`${field} 必须是数值：${String(value)}`);
  return parsed;
}

/**
 * `a.cmp(b)` without the copy of `b` that decimal.js makes for every comparison (a scoring run compares
 * hundreds of thousands of times). Reads the documented `d` (base-1e7 digits), `e` and `s` properties the
 * way `cmp` does; a non-finite operand is left to `cmp` itself.
 */
export function compareDecimals(a: Dec, b: Dec): number {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd) return a.cmp(b);
  const as = a.s;
  const bs = b.s;
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -bs : 0;
  if (as !== bs) return as;
  if (a.e !== b.e) return a.e > b.e !== as < 0 ? 1 : -1;
  const length = Math.min(ad.length, bd.length);
  for (let i = 0; i < length; i++) {
    const x = ad[i] as number;
    const y = bd[i] as number;
    if (x !== y) return x > y !== as < 0 ? 1 : -1;
  }
  return ad.length === bd.length ? 0 : ad.length > bd.length !== as < 0 ? 1 : -1;
}

/** `value` held to [0, 1]: what D.max(ZERO, D.min(ONE, value)) gives, without the copies they make. */
export function clampToUnit(value: Dec): Dec {
  return value.gte(ONE) ? ONE : value.lte(ZERO) ? ZERO : value;
}

/** Half-up to 2 decimals: the published form of a score. */
export function publish(value: Dec): Dec {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Exactly two decimals, never "-0.00". */
export function toScoreString(value: Dec): string {
  const rounded = publish(value);
  return rounded.isZero() ? '0.00' : rounded.toFixed(2);
}

/** For explanations: the plain value, or ≈ six decimals when it is longer than that. */
export function fmt(value: Dec): string {
  if (value.decimalPlaces() > 6) return `≈${value.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed()}`;
  return value.toFixed();
}

export function sum(values: readonly Dec[]): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function clamp(value: Dec, min: Dec, max: Dec): Dec {
  return D.max(min, D.min(max, value));
}

import { D, type Dec, unitsText } from './decimal.js';

/**
 * The domain Decimal's arithmetic (40 significant digits, half-up) on a BigInt coefficient and a scale:
 * value = coef × 10^−scale. Each operation gives exactly what the same Decimal operation gives — the exact
 * result rounded to 40 significant digits, half away from zero — at a fraction of the cost and garbage of
 * decimal.js's digit arrays. The scoring rules that divide for every unit (linear …) and the 序时进度 standings of a
 * schedule's tens of thousands of items use it when their operands are short; anything longer stays with Decimal.
 */
export interface Fixed {
  coef: bigint;
  scale: number;
}

const PRECISION = D.precision;
/** Longer plain texts (1e-300 written out) stay with Decimal: their powers of ten would cost more than they save. */
const MAX_TEXT = 60;
const POWERS: bigint[] = [1n];
for (let i = 1; i <= 2 * MAX_TEXT + PRECISION + 4; i++) POWERS.push((POWERS[i - 1] as bigint) * 10n);

function power(n: number): bigint {
  return POWERS[n] ?? 10n ** BigInt(n);
}

/** Below 2^53 a coefficient's digits are counted on a JS number: most figures are short. */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const NUMBER_POWERS = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Decimal digits of a non-negative coefficient (0 has one). */
function digitsOf(magnitude: bigint): number {
  if (magnitude <= SAFE) {
    const n = Number(magnitude);
    let digits = 1;
    while (digits < 16 && n >= (NUMBER_POWERS[digits] as number)) digits++;
    return digits;
  }
  let low = 1;
  let high = POWERS.length;
  if (magnitude >= (POWERS[high - 1] as bigint)) return magnitude.toString().length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (magnitude < (POWERS[middle] as bigint)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A magnitude with its last `dropped` (> 0) digits dropped, half-up: the first dropped digit decides, as in decimal.js. */
function dropHalfUp(magnitude: bigint, dropped: number): bigint {
  const unit = power(dropped);
  const kept = magnitude / unit;
  return (magnitude - kept * unit) * 2n >= unit ? kept + 1n : kept;
}

/** 10^40: a coefficient below it has at most 40 digits and needs no rounding. */
const LIMIT = POWERS[PRECISION] as bigint;
const LIMIT_41 = POWERS[PRECISION + 1] as bigint;
const LIMIT_42 = POWERS[PRECISION + 2] as bigint;

/** The value rounded to 40 significant digits, half-up. */
function rounded(coef: bigint, scale: number): Fixed {
  const negative = coef < 0n;
  const magnitude = negative ? -coef : coef;
  if (magnitude < LIMIT) return { coef, scale };
  // A sum of ratios past 1 has 41 or 42 digits: one or two to drop, without counting them.
  const drop = magnitude < LIMIT_41 ? 1 : magnitude < LIMIT_42 ? 2 : digitsOf(magnitude) - PRECISION;
  if (drop <= 0) return { coef, scale };
  const kept = dropHalfUp(magnitude, drop);
  return { coef: negative ? -kept : kept, scale: scale - drop };
}

/** A plain decimal text as `toFixed()` writes it ("-12.3"), or null when it is too long for this path. */
export function fixedFromPlain(text: string): Fixed | null {
  if (text.length > MAX_TEXT) return null;
  // A ratio ("0.ddd", as a schedule writes tens of thousands): its digits after the point are the coefficient.
  if (text.charCodeAt(0) === 48 /* 0 */ && text.charCodeAt(1) === 46 /* . */)
    return { coef: BigInt(text.slice(2)), scale: text.length - 2 };
  const dot = text.indexOf('.');
  if (dot < 0) return { coef: BigInt(text), scale: 0 };
  return { coef: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
}

/** Plain decimal text as PostgreSQL prints a numeric: no sign but minus, no exponent, no blanks. */
const PLAIN_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A decimal text from outside (a report's figure, a target) when it is plain and short, else null: what it means
 * otherwise ('+5', ' 5', '1e3', 'NaN') is for Decimal to say, and BigInt would read some of them differently.
 */
export function fixedFromText(text: string): Fixed | null {
  return PLAIN_TEXT.test(text) ? fixedFromPlain(text) : null;
}

export function fixedOf(value: Dec): Fixed | null {
  return value.isFinite() ? fixedFromPlain(value.toFixed()) : null;
}

const constants = new WeakMap<Dec, Fixed | null>();

/** `fixedOf` a scheme's constant (points, a target, a cap), converted once. */
export function fixedOfConstant(value: Dec): Fixed | null {
  let fixed = constants.get(value);
  if (fixed === undefined) {
    fixed = fixedOf(value);
    constants.set(value, fixed);
  }
  return fixed;
}

export const FIXED_ZERO: Fixed = { coef: 0n, scale: 0 };
export const FIXED_ONE: Fixed = { coef: 1n, scale: 0 };

/** A coefficient at a larger scale (≥ its own). */
function at(value: Fixed, scale: number): bigint {
  return value.scale === scale ? value.coef : value.coef * power(scale - value.scale);
}

export function fixedPlus(a: Fixed, b: Fixed): Fixed {
  const scale = Math.max(a.scale, b.scale);
  return rounded(at(a, scale) + at(b, scale), scale);
}

export function fixedMinus(a: Fixed, b: Fixed): Fixed {
  const scale = Math.max(a.scale, b.scale);
  return rounded(at(a, scale) - at(b, scale), scale);
}

export function fixedTimes(a: Fixed, b: Fixed): Fixed {
  return rounded(a.coef * b.coef, a.scale + b.scale);
}

/**
 * a ÷ b (b ≠ 0), correctly rounded. The dividend is shifted so that the quotient has 40 or 41 digits: with 40 the
 * remainder decides half-up, with 41 its last digit does (half-up looks no further than the first dropped digit).
 */
export function fixedDiv(a: Fixed, b: Fixed): Fixed {
  if (a.coef === 0n) return { coef: 0n, scale: 0 };
  const negative = a.coef < 0n !== b.coef < 0n;
  const x = a.coef < 0n ? -a.coef : a.coef;
  const y = b.coef < 0n ? -b.coef : b.coef;
  const shift = PRECISION + digitsOf(y) - digitsOf(x);
  if (shift <= 0) {
    // A dividend already 40 digits longer than the divisor: its quotient taken to 41 digits or more and rounded.
    const extra = shift === 0 ? 1 : 0;
    const quotient = (x * power(extra)) / y;
    return rounded(negative ? -quotient : quotient, a.scale + extra - b.scale);
  }
  const dividend = x * power(shift);
  let quotient = dividend / y;
  let scale = a.scale + shift - b.scale;
  if (quotient < LIMIT) {
    if ((dividend - quotient * y) * 2n >= y) quotient += 1n;
  } else {
    const last = quotient % 10n;
    quotient = quotient / 10n + (last >= 5n ? 1n : 0n);
    scale -= 1;
  }
  return { coef: negative ? -quotient : quotient, scale };
}

/** `ceil()` (up) or `floor()` of the value: a whole number, exact, as decimal.js gives it without rounding to 40 digits. */
export function fixedWhole(value: Fixed, up: boolean): Fixed {
  if (value.scale <= 0) return value;
  const unit = power(value.scale);
  let whole = value.coef / unit;
  // BigInt division truncates towards zero: a dropped fraction moves ceil up for a positive value, floor down for a negative one.
  if (whole * unit !== value.coef && value.coef > 0n === up) whole += up ? 1n : -1n;
  return { coef: whole, scale: 0 };
}

export function fixedCompare(a: Fixed, b: Fixed): number {
  const scale = Math.max(a.scale, b.scale);
  const x = at(a, scale);
  const y = at(b, scale);
  return x === y ? 0 : x > y ? 1 : -1;
}

/** `toFixed()` of the value: plain, no trailing zeros, "0" for zero. */
export function fixedText(value: Fixed): string {
  if (value.coef === 0n) return '0';
  const negative = value.coef < 0n;
  let digits = (negative ? -value.coef : value.coef).toString();
  let text: string;
  if (value.scale <= 0) text = digits + '0'.repeat(-value.scale);
  else {
    if (digits.length <= value.scale) digits = '0'.repeat(value.scale - digits.length + 1) + digits;
    const point = digits.length - value.scale;
    let end = digits.length;
    while (end > point && digits.charCodeAt(end - 1) === 48 /* 0 */) end--;
    text = end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`;
  }
  return negative ? `-${text}` : text;
}

/** Places `fmt` writes before it rounds. */
const FMT_PLACES = 6;

/**
 * `fmt` of the value (`fmtFixed(fixedText(value))`): itself up to six decimals, else ≈ half-up to six. Rounded on
 * the coefficient, so the 40-digit text of a quotient that is only shown rounded is never written.
 */
export function fixedFmt(value: Fixed): string {
  const dropped = value.scale - FMT_PLACES;
  // Nothing beyond six decimals: the value is written as it is.
  if (dropped <= 0 || value.coef % power(dropped) === 0n) return fixedText(value);
  const negative = value.coef < 0n;
  const kept = dropHalfUp(negative ? -value.coef : value.coef, dropped);
  return `≈${fixedText({ coef: negative ? -kept : kept, scale: FMT_PLACES })}`;
}

/**
 * The value half-up to `places` decimals (≥ 0), written with exactly that many: Decimal's
 * `toDecimalPlaces(places, ROUND_HALF_UP).toFixed(places)`, so a negative value that rounds to zero has no sign.
 */
export function fixedPlaces(value: Fixed, places: number): string {
  const negative = value.coef < 0n;
  const magnitude = negative ? -value.coef : value.coef;
  const dropped = value.scale - places;
  const kept = dropped <= 0 ? magnitude * power(-dropped) : dropHalfUp(magnitude, dropped);
  const digits = unitsText(kept.toString(), places);
  return negative && kept !== 0n ? `-${digits}` : digits;
}

/**
 * The sum of decimal texts as the domain Decimal adds them (each partial sum to 40 digits, half-up), written as
 * `toFixed()` writes it: in fixed point while every text is plain and short, with Decimal from the first that is not.
 * A quarterly ranking sums tens of thousands of ratios that are already text.
 */
export function decimalSum(texts: readonly string[]): string {
  let sum = FIXED_ZERO;
  for (let i = 0; i < texts.length; i++) {
    const term = fixedFromText(texts[i] as string);
    if (term === null)
      return texts
        .slice(i)
        .reduce((total, text) => total.plus(text), new D(fixedText(sum)))
        .toFixed();
    sum = fixedPlus(sum, term);
  }
  return fixedText(sum);
}

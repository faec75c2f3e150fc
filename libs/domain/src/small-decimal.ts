import { unitsText } from './decimal.js';

/**
 * Non-negative decimals whose coefficient is a small whole JS number: value = coef × 10^−scale, coef < 10^15. Most of
 * what a schedule judges is this small (a county's figure, its target, a quarter's elapsed share 0.25 … 1), and on
 * these operands the 序时进度 judgement is exact in JS numbers: products and aligned operands stay below 2^53, and the
 * 40-digit quotient is written by long division, several digits a step. Anything larger, negative or oddly written is
 * not a SmallDecimal (null), and the fixed-point or Decimal path judges it.
 */
export interface SmallDecimal {
  coef: number;
  scale: number;
}

/** Coefficients are read up to 15 digits: ten times one still multiplies exactly. */
const MAX_DIGITS = 15;
/** Aligned operands of a division stay below this, so that the remainder × 10 is a safe integer. */
const DIVISOR_LIMIT = Math.floor(Number.MAX_SAFE_INTEGER / 10);
const POWERS = Array.from({ length: 23 }, (_, i) => 10 ** i);

export const SMALL_ZERO: SmallDecimal = { coef: 0, scale: 0 };
export const SMALL_ONE: SmallDecimal = { coef: 1, scale: 0 };

/**
 * A plain non-negative decimal text as PostgreSQL prints a numeric ("12", "0.250") with at most 15 digits, else null.
 * Read character by character: a regular expression and a slice per figure were most of the reading.
 */
export function smallFromText(text: string): SmallDecimal | null {
  const length = text.length;
  if (length === 0 || length > MAX_DIGITS + 1) return null;
  let coef = 0;
  let dot = -1;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      // One dot, with digits on both sides.
      if (dot >= 0 || i === 0 || i === length - 1) return null;
      dot = i;
    } else if (c >= 48 && c <= 57) coef = coef * 10 + (c - 48);
    else return null;
  }
  if ((dot < 0 ? length : length - 1) > MAX_DIGITS) return null;
  return { coef, scale: dot < 0 ? 0 : length - dot - 1 };
}

/** A fixed-point value (a bigint coefficient) as a SmallDecimal when it is one. */
export function smallOfCoefficient(coef: bigint, scale: number): SmallDecimal | null {
  return coef >= 0n && coef < BigInt(POWERS[MAX_DIGITS]!) && scale >= 0 && scale <= MAX_DIGITS
    ? { coef: Number(coef), scale }
    : null;
}

function power(n: number): number | undefined {
  return POWERS[n];
}

/** a × b, or null when the product's coefficient is not a safe integer. */
export function smallTimes(a: SmallDecimal, b: SmallDecimal): SmallDecimal | null {
  const coef = a.coef * b.coef;
  return Number.isSafeInteger(coef) && a.scale + b.scale < POWERS.length ? { coef, scale: a.scale + b.scale } : null;
}

/** Two values as whole numbers at one scale (the larger), or null when either would not stay a small divisor. */
export function smallAligned(a: SmallDecimal, b: SmallDecimal): { a: number; b: number; scale: number } | null {
  const scale = Math.max(a.scale, b.scale);
  const x = a.coef * power(scale - a.scale)!;
  const y = b.coef * power(scale - b.scale)!;
  return x < DIVISOR_LIMIT && y < DIVISOR_LIMIT ? { a: x, b: y, scale } : null;
}

/** Whole q and remainder r of n ÷ d (0 ≤ r < d), exact for safe integers whatever the division rounds to. */
function divide(n: number, d: number): { q: number; r: number } {
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return { q, r };
}

/**
 * a ÷ b for whole 0 ≤ a < b < DIVISOR_LIMIT, as the domain Decimal writes the quotient (40 significant digits, half-up,
 * `toFixed()`): "0", or "0.ddd" with no trailing zeros. Null where rounding would carry through forty nines.
 */
export function smallQuotientText(a: number, b: number): string | null {
  if (a === 0) return '0';
  // Long division, as many digits a step as keep remainder × 10^step a safe integer: 13 for a divisor of 500.
  let step = 1;
  while (step < MAX_DIGITS && b * POWERS[step + 1]! <= Number.MAX_SAFE_INTEGER) step++;
  const unit = POWERS[step]!;
  let leading = 0;
  let digits = '';
  let r = a;
  // 41 significant digits: the 41st rounds the 40th.
  while (digits.length < 41) {
    const { q, r: rest } = divide(r * unit, b);
    r = rest;
    if (digits.length > 0) digits += String(q).padStart(step, '0');
    else if (q === 0) leading += step;
    else {
      digits = String(q);
      leading += step - digits.length;
    }
  }
  let kept = digits.slice(0, 40);
  if (digits.charCodeAt(40) >= 53 /* 5 */) {
    let last = 39;
    while (last >= 0 && kept.charCodeAt(last) === 57 /* 9 */) last--;
    // Forty nines rounding up (to 0.1, 0.01 … or 1) would need a quotient within 10^−41 of one: unreachable with a
    // small divisor, and left to the fixed-point path.
    if (last < 0) return null;
    kept = kept.slice(0, last) + String.fromCharCode(kept.charCodeAt(last) + 1);
  }
  let end = kept.length;
  while (kept.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return `0.${'0'.repeat(leading)}${kept.slice(0, end)}`;
}

/**
 * n ÷ d (whole, n ≥ 0, d > 0) half-up to whole hundredths, written with two places: or null when 2n + d is not a
 * safe integer.
 */
export function smallHundredthsText(n: number, d: number): string | null {
  if (!Number.isSafeInteger(2 * n + d)) return null;
  const { q, r } = divide(n, d);
  return unitsText(String(2 * r >= d ? q + 1 : q), 2);
}

/** The value half-up to `places` decimals (0–15), written with exactly that many: as fixedPlaces writes it. */
export function smallPlaces(value: SmallDecimal, places: number): string {
  if (value.scale <= places) return unitsText(String(value.coef) + '0'.repeat(places - value.scale), places);
  const unit = power(value.scale - places)!;
  const { q, r } = divide(value.coef, unit);
  return unitsText(String(2 * r >= unit ? q + 1 : q), places);
}

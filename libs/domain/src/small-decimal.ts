/**
 * Non-negative decimals whose coefficient is a small whole JS number: value = coef × 10^−scale, coef < 10^15. Most of
 * what a schedule judges is this small (a county's figure, its target, a quarter's elapsed share 0.25 … 1), and on
 * these operands the 序时进度 judgement is exact in JS numbers: products and aligned operands stay below 2^53, and the
 * 40-digit quotient is written digit by digit by long division. Anything larger, negative or oddly written is not a
 * SmallDecimal (null), and the fixed-point or Decimal path judges it.
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
 * `toFixed()`): "0", or "0.ddd" with no trailing zeros. Null in the one case it would not be below 1 (unreachable for
 * such operands: a quotient this close to 1 needs a 40-digit divisor).
 */
export function smallQuotientText(a: number, b: number): string | null {
  if (a === 0) return '0';
  // The first 41 significant digits in three whole numbers of 15, 15 and 11 digits: the 41st rounds the 40th.
  let leading = 0;
  let r = a;
  let digit: number;
  for (;;) {
    r *= 10;
    ({ q: digit, r } = divide(r, b));
    if (digit !== 0) break;
    leading++;
  }
  let high = digit;
  for (let i = 1; i < 15; i++) {
    r *= 10;
    ({ q: digit, r } = divide(r, b));
    high = high * 10 + digit;
  }
  let middle = 0;
  for (let i = 0; i < 15; i++) {
    r *= 10;
    ({ q: digit, r } = divide(r, b));
    middle = middle * 10 + digit;
  }
  let low = 0;
  for (let i = 0; i < 10; i++) {
    r *= 10;
    ({ q: digit, r } = divide(r, b));
    low = low * 10 + digit;
  }
  r *= 10;
  if (divide(r, b).q >= 5 && ++low === 1e10) {
    low = 0;
    if (++middle === 1e15) {
      middle = 0;
      if (++high === 1e15) {
        // 0.0999… rounds to 0.1: one leading zero fewer, a single significant digit.
        if (leading === 0) return null;
        leading--;
        high = 1e14;
      }
    }
  }
  const digits = String(high) + String(middle).padStart(15, '0') + (low === 0 ? '' : String(low).padStart(10, '0'));
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return `0.${'0'.repeat(leading)}${digits.slice(0, end)}`;
}

/**
 * n ÷ d (whole, n ≥ 0, d > 0) half-up to whole hundredths, written with two places: or null when 2n + d is not a
 * safe integer.
 */
export function smallHundredthsText(n: number, d: number): string | null {
  if (!Number.isSafeInteger(2 * n + d)) return null;
  const { q, r } = divide(n, d);
  return placesText(2 * r >= d ? q + 1 : q, 2);
}

/** The value half-up to `places` decimals (0–15), written with exactly that many: as fixedPlaces writes it. */
export function smallPlaces(value: SmallDecimal, places: number): string {
  if (value.scale <= places) {
    const text = String(value.coef) + '0'.repeat(places - value.scale);
    return places === 0 ? text : placesText(text, places);
  }
  const { q, r } = divide(value.coef, power(value.scale - places)!);
  return placesText(2 * r >= power(value.scale - places)! ? q + 1 : q, places);
}

/** Whole `units` of 10^−places written with `places` decimals. */
function placesText(units: number | string, places: number): string {
  if (places === 0) return String(units);
  const digits = String(units).padStart(places + 1, '0');
  return `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
}

import { compareDecimals, fmt, toScoreString, type Dec } from '../decimal.js';

/**
 * Texts the evaluation writes tens of thousands of times for a year-end table. They give exactly what
 * `fmt` and `toScoreString` give, without their copies of the Decimal: those copies were most of the
 * garbage (and the collector most of the time) of a 3,000-unit evaluation.
 */

const constantTexts = new WeakMap<Dec, string>();

/** `fmt` of a scheme's constant (points, a rule parameter, a tier's best or worst), written once. Only
 *  for values that live as long as the scheme or the evaluation: each one is remembered. */
export function constantText(value: Dec): string {
  let text = constantTexts.get(value);
  if (text === undefined) {
    text = fmt(value);
    constantTexts.set(value, text);
  }
  return text;
}

/** `toScoreString` of a value that is already published (at most 2 decimals): no second rounding. */
export function publishedText(published: Dec): string {
  if (published.isZero()) return '0.00';
  const text = published.toFixed();
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  return text.length - dot === 2 ? `${text}0` : text;
}

/** `clamp` without copying: the bound itself or the value, which are immutable. */
export function bounded(value: Dec, min: Dec, max: Dec): Dec {
  if (compareDecimals(value, min) < 0) return min;
  if (compareDecimals(value, max) > 0) return max;
  return value;
}

// ─── Texts from a value's exact text ────────────────────────
// A score is written three ways (exact, ≈ six decimals, published at two). Rounding its `toFixed()` text
// as decimal digits gives what `toDecimalPlaces(…, ROUND_HALF_UP).toFixed()` gives, without the two
// Decimals each rounding makes: decimal.js rounds the digits the same way, half away from zero.

/** The digits of a whole number, plus one in the last place ("0999" → "1000", "99" → "100"). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57 /* 9 */) i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1);
}

/** `new D(fixed).toDecimalPlaces(dp, ROUND_HALF_UP).toFixed()` for the `toFixed()` text of a finite Decimal. */
export function roundFixed(fixed: string, dp: number): string {
  const dot = fixed.indexOf('.');
  if (dot < 0 || fixed.length - dot - 1 <= dp) return fixed;
  const negative = fixed.charCodeAt(0) === 45; /* - */
  let digits = fixed.slice(negative ? 1 : 0, dot) + fixed.slice(dot + 1, dot + 1 + dp);
  // Half-up looks at the first dropped digit only: 5 or more rounds the magnitude up.
  if (fixed.charCodeAt(dot + 1 + dp) >= 53 /* 5 */) digits = incremented(digits);
  const whole = digits.slice(0, digits.length - dp);
  let end = digits.length;
  while (end > whole.length && digits.charCodeAt(end - 1) === 48 /* 0 */) end--;
  // A value that rounds to zero prints as "0", never "-0", as decimal.js prints a negative zero.
  if (end === whole.length && whole === '0') return '0';
  const text = end === whole.length ? whole : `${whole}.${digits.slice(whole.length, end)}`;
  return negative ? `-${text}` : text;
}

/** `fmt` of a value given its `toFixed()` text: the text itself up to six decimals, else ≈ six decimals. */
export function fmtFixed(fixed: string): string {
  const dot = fixed.indexOf('.');
  return dot >= 0 && fixed.length - dot - 1 > 6 ? `≈${roundFixed(fixed, 6)}` : fixed;
}

/** `toScoreString` of a value given its `toFixed()` text: half-up to exactly two decimals, never "-0.00". */
export function scoreTextOfFixed(fixed: string): string {
  const rounded = roundFixed(fixed, 2);
  if (rounded === '0') return '0.00';
  const dot = rounded.indexOf('.');
  if (dot < 0) return `${rounded}.00`;
  return rounded.length - dot === 2 ? `${rounded}0` : rounded;
}

/** A published score text ("-12.30") as whole cents, or null when a JS number cannot hold it exactly. */
export function centsOfScoreText(text: string): number | null {
  const cents = Number(text.slice(0, -3) + text.slice(-2));
  // Above 2^53 − 1 the parse may round, but never down to a safe integer: the check is exact.
  return Number.isSafeInteger(cents) ? cents : null;
}

/** The published text of a whole number of cents: what `publishedText` gives for the same value. */
export function scoreTextOfCents(cents: number): string {
  if (cents === 0) return '0.00';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return cents < 0 ? `-${text}` : text;
}

const constantScoreTexts = new WeakMap<Dec, string>();

/** `toScoreString` of a scheme's constant (an item's points, a table's cap), written once. */
export function constantScoreText(value: Dec): string {
  let text = constantScoreTexts.get(value);
  if (text === undefined) {
    text = toScoreString(value);
    constantScoreTexts.set(value, text);
  }
  return text;
}

const constantPlainTexts = new WeakMap<Dec, string>();

/** `toFixed()` of a scheme's constant (a rule's default target), written once. */
export function constantPlainText(value: Dec): string {
  let text = constantPlainTexts.get(value);
  if (text === undefined) {
    text = value.toFixed();
    constantPlainTexts.set(value, text);
  }
  return text;
}

/**
 * A template literal as one flat string. V8 builds `${a}…${b}` as a chain of pieces, which an explanation keeps
 * until it is serialised: with ~200,000 steps in a year-end table, the chains were two fifths of the results'
 * memory and of the collector's copying. Joined once, each step is a single string.
 */
export function flat(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  // Sized once: growing the array by push was a fifth of this function's time.
  const parts = new Array<string | number>(2 * values.length + 1);
  parts[0] = strings[0] as string;
  for (let i = 0; i < values.length; i++) {
    parts[2 * i + 1] = values[i] as string | number;
    parts[2 * i + 2] = strings[i + 1] as string;
  }
  return parts.join('');
}

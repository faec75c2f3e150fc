import { fmt, toScoreString, type Dec } from '../decimal.js';

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
  if (value.lt(min)) return min;
  if (value.gt(max)) return max;
  return value;
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
  const parts: (string | number)[] = [strings[0] as string];
  for (let i = 0; i < values.length; i++) parts.push(values[i] as string | number, strings[i + 1] as string);
  return parts.join('');
}

import type { ErrorDetail } from './domain-error.js';

/**
 * C0 controls other than TAB, LF and CR, and DEL. PostgreSQL refuses NUL in text (SQLSTATE 22021)
 * and none of the others belongs in a name, a narrative or a search term.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Keys that reach `Object.prototype` through naive merges; no field of ours is called so. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const CONTROL_CHARACTER_REASON = '含有不允许的控制字符';
export const CONTROL_CHARACTER_KEY_REASON = '字段名含有不允许的控制字符';
export const PROTOTYPE_KEY_REASON = '不允许的字段名';

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** A key as it may be shown in a field path: control characters spelled out as \uXXXX. */
function printable(key: string): string {
  // eslint-disable-next-line no-control-regex -- as above
  return key.replace(/[\u0000-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function join(parent: string, key: string | number): string {
  return parent ? `${parent}.${key}` : String(key);
}

/** Plain data as JSON, query strings and form fields produce it; anything else (a Buffer, a Date) is not text to check. */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Every string and key in a parsed request value (a JSON body, a query, route params) that holds a
 * control character or is a prototype key, as `{field, reason}` with a dotted path from `root`.
 * Walks with its own stack, so a deep value cannot exhaust the call stack; stops after `limit` finds.
 */
export function unsafeTextDetails(value: unknown, root = '', limit = 20): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  // A bad key waits on the stack like a value, so findings come out in document order.
  const stack: Array<{ value: unknown; path: string; keyReason?: string }> = [{ value, path: root }];
  while (stack.length > 0 && found.length < limit) {
    const { value: current, path, keyReason } = stack.pop()!;
    if (keyReason) {
      found.push({ field: path, reason: keyReason });
      continue;
    }
    if (typeof current === 'string') {
      if (hasControlCharacter(current)) found.push({ field: path, reason: CONTROL_CHARACTER_REASON });
      continue;
    }
    if (!isPlainContainer(current)) continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: join(path, i) });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const field = join(path, printable(key));
      if (hasControlCharacter(key))
        stack.push({ value: undefined, path: field, keyReason: CONTROL_CHARACTER_KEY_REASON });
      else if (PROTOTYPE_KEYS.has(key)) stack.push({ value: undefined, path: field, keyReason: PROTOTYPE_KEY_REASON });
      else stack.push({ value: current[key], path: field });
    }
  }
  return found;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether raw JSON text nests objects and arrays deeper than `max`, read byte by byte before it is
 * parsed (brackets inside strings do not count). UTF-8 continuation bytes never equal an ASCII
 * bracket or quote, so the bytes can be scanned without decoding. Malformed text is left to the parser.
 */
export function jsonNestingExceeds(raw: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

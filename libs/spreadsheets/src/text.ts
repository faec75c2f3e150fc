// Cell text as offices type it: full-width forms, header spellings, numbers with grouping commas.

import { toHalfWidth } from '@app/domain';

// The forms of the web app read typed numbers with the same conversion.
export { toHalfWidth };

/** A header cell as compared with the layout's names: no whitespace, half-width, no * marks. */
export function normaliseHeader(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').replace(/^\*+/, '').replace(/:$/, '');
}

/** '12', '１２', '12.', '12、' → 12; anything else → null. */
export function parseInteger(text: string): number | null {
  const match = /^(\d+)[.、]?$/.exec(toHalfWidth(text).trim());
  return match ? Number(match[1]) : null;
}

export type DecimalCheck = { ok: true; value: string } | { ok: false; reason: 'empty' | 'not-number' };

/** An amount as printed ("2000", "1.80", "1,200.5"): grouping commas and spaces dropped, digits kept. */
export function parseDecimalText(text: string): DecimalCheck {
  const compact = toHalfWidth(text).replace(/[,\s]/g, '');
  if (!compact) return { ok: false, reason: 'empty' };
  if (!/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(compact)) return { ok: false, reason: 'not-number' };
  return { ok: true, value: compact.replace(/^\+/, '') };
}

/** A value cell that the layout requires to be a number: "2000", "6.0", "-1.5". */
export function isPlainNumber(text: string): boolean {
  return /^-?\d+(?:\.\d+)?$/.test(text);
}

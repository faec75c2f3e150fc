import { Decimal } from 'decimal.js';

/** Parses a plain decimal as printed ("6.0", "1.80", "-3"), or null when the text is not one. */
export function parseDecimal(text: string): Decimal | null {
  const cleaned = text.replace(/,/g, '').trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  return new Decimal(cleaned);
}

/** PostgreSQL numeric text → canonical decimal text without trailing zeros ("2000.000000" → "2000"). */
export function canonical(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Decimal(value).toFixed();
}

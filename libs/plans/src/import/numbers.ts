import { Decimal } from 'decimal.js';

/** PostgreSQL numeric text → canonical decimal text without trailing zeros ("2000.000000" → "2000"). */
export function canonical(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Decimal(value).toFixed();
}

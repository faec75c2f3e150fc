import { Decimal } from 'decimal.js';

/** PostgreSQL numeric text → canonical decimal text without trailing zeros ("2000.000000" → "2000"). */
export function canonical(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Decimal(value).toFixed();
}

/** A plain decimal as a sheet prints a number cell: no sign but minus, no leading zeros, no grouping. */
const PLAIN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * How the office wrote a number ("1.80", "6.0"), to keep beside the numeric value: the compact
 * text when it is a plain decimal the exports can write back as a number cell, else null (the
 * value then prints canonically). At most 40 characters, as the column holds.
 */
export function writtenForm(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.length > 40 || !PLAIN.test(text)) return null;
  return text;
}

/**
 * A stored number as the office wrote it while that still equals the value (another writer may
 * have changed the value since), else canonical: numeric(20,6) "1.800000" with "1.80" → "1.80".
 */
export function asWritten(value: string | null | undefined, written: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const form = writtenForm(written);
  if (form !== null && new Decimal(form).eq(value)) return form;
  return canonical(value);
}

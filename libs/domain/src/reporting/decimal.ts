// The named export: under NodeNext the package's typings are read as CommonJS.
import { Decimal } from 'decimal.js';

/** Reporting's own Decimal: 40 significant digits, half-up (四舍五入); a clone, so global settings cannot change a share. */
export const R = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** A quantity as it arrives: a Decimal, a JS number, or a decimal string (PostgreSQL numeric). */
export type DecimalInput = Decimal | number | string;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Exact conversion; throws RangeError naming the field for NaN, Infinity, '' or '1,5'. */
export function toDecimal(value: DecimalInput, field: string): Decimal {
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) throw new RangeError(`${field} 必须是有限数值`);
    return new R(value);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return new R(value);
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) return new R(value.trim());
  throw new RangeError(`${field} 必须是数值：${String(value)}`);
}

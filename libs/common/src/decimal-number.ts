import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Digits after the decimal point of a finite number as JavaScript writes it, exponent included:
 * 12.5 → 1, -1e-7 → 7, 1.25e-5 → 7, 1e21 → 0. (class-validator's own count splits the string at
 * '.' and throws a TypeError on exponent notation without one, which surfaced as a 500.)
 */
export function decimalPlaces(value: number): number {
  const match = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) return Number.POSITIVE_INFINITY;
  const fraction = match[1]?.length ?? 0;
  const exponent = match[2] ? Number(match[2]) : 0;
  return Math.max(0, fraction - exponent);
}

export const IS_DECIMAL_NUMBER = 'isDecimalNumber';

export function isDecimalNumber(value: unknown, maxDecimalPlaces: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= maxDecimalPlaces;
}

/** A finite JSON number with at most `maxDecimalPlaces` digits after the point. */
export function IsDecimalNumber(maxDecimalPlaces: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_DECIMAL_NUMBER,
      constraints: [maxDecimalPlaces],
      validator: {
        validate: (value: unknown) => isDecimalNumber(value, maxDecimalPlaces),
        defaultMessage: () => `$property must be a finite number with at most ${maxDecimalPlaces} decimal places`,
      },
    },
    options,
  );
}

import { describe, expect, it } from '@jest/globals';
import { D, fmt, isNumberLike, parseDecimal } from './decimal.js';

describe('parseDecimal', () => {
  it.each<{ value: unknown; exact: string | null }>([
    { value: '5', exact: '5' },
    { value: '-1.25', exact: '-1.25' },
    { value: '.5', exact: '0.5' },
    { value: '.55', exact: '0.55' },
    { value: '1e5', exact: '100000' },
    { value: '1E+5', exact: '100000' },
    { value: '1.5e-3', exact: '0.0015' },
    { value: '2e10', exact: '20000000000' },
    { value: ' 59.7 ', exact: '59.7' },
    { value: 0.1, exact: '0.1' },
    { value: '', exact: null },
    { value: '1,5', exact: null },
    { value: 'x1', exact: null },
    { value: '1x', exact: null },
    { value: 'e5', exact: null },
    { value: '1e', exact: null },
    { value: '.', exact: null },
    { value: Number.NaN, exact: null },
    { value: Number.NEGATIVE_INFINITY, exact: null },
    { value: null, exact: null },
    { value: true, exact: null },
  ])('$value → $exact', ({ value, exact }) => {
    const parsed = parseDecimal(value);
    expect(parsed === null ? null : parsed.toFixed()).toBe(exact);
    expect(isNumberLike(value)).toBe(exact !== null);
  });
});

describe('fmt', () => {
  it.each([
    { value: '12.5', shown: '12.5' },
    { value: '0.123456', shown: '0.123456' },
    { value: '0.1234565', shown: '≈0.123457' },
    { value: '2', shown: '2' },
  ])('$value → $shown', ({ value, shown }) => {
    expect(fmt(new D(value))).toBe(shown);
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { D } from './decimal.js';
import { fixedFromPlain, fixedPlaces } from './fixed-decimal.js';
import {
  smallAligned,
  smallFromText,
  smallHundredthsText,
  smallOfCoefficient,
  smallPlaces,
  smallQuotientText,
  smallTimes,
  type SmallDecimal,
} from './small-decimal.js';

/** Below this, an aligned operand is a small divisor (small-decimal.ts). */
const DIVISOR_LIMIT = Math.floor(Number.MAX_SAFE_INTEGER / 10);

/** Plain non-negative texts of up to 15 digits, as PostgreSQL prints a county's figure. */
const smallText = fc
  .tuple(fc.stringMatching(/^(0|[1-9][0-9]{0,8})$/), fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: null }))
  .map(([whole, fraction]) => (fraction === null ? whole : `${whole}.${fraction}`));

describe('small decimals', () => {
  it('reads plain non-negative texts of up to 15 digits, and nothing else', () => {
    expect(smallFromText('0')).toEqual({ coef: 0, scale: 0 });
    expect(smallFromText('0.250')).toEqual({ coef: 250, scale: 3 });
    expect(smallFromText('123456789012345')).toEqual({ coef: 123456789012345, scale: 0 });
    expect(smallFromText('1234567890.12345')).toEqual({ coef: 123456789012345, scale: 5 });
    for (const text of [
      '',
      '-1',
      '-0',
      '+1',
      ' 1',
      '1 ',
      '1.',
      '.5',
      '1e3',
      '1.2.3',
      'NaN',
      '1234567890123456',
      '0.0000000000000001',
    ])
      expect(smallFromText(text)).toBeNull();
  });

  it('takes a fixed-point coefficient only when it is small and not negative', () => {
    expect(smallOfCoefficient(25n, 2)).toEqual({ coef: 25, scale: 2 });
    expect(smallOfCoefficient(10n ** 15n, 0)).toBeNull();
    expect(smallOfCoefficient(-1n, 0)).toBeNull();
    expect(smallOfCoefficient(1n, -1)).toBeNull();
  });

  it('multiplies and aligns only within safe integers', () => {
    expect(smallTimes({ coef: 120, scale: 0 }, { coef: 75, scale: 2 })).toEqual({ coef: 9000, scale: 2 });
    expect(smallTimes({ coef: 10 ** 14, scale: 0 }, { coef: 1000, scale: 3 })).toBeNull();
    expect(smallAligned({ coef: 5, scale: 0 }, { coef: 25, scale: 2 })).toEqual({ a: 500, b: 25, scale: 2 });
    expect(smallAligned({ coef: 10 ** 14, scale: 0 }, { coef: 1, scale: 2 })).toBeNull();
  });

  it('writes a quotient below 1 as the 40-digit Decimal writes it', () => {
    const quotient = fc
      .tuple(fc.integer({ min: 1, max: DIVISOR_LIMIT - 1 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([b, share]) => [Math.min(b - 1, Math.floor(b * share)), b] as const);
    const small = fc
      .tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }))
      .filter(([b, a]) => a < b)
      .map(([b, a]) => [a, b] as const);
    fc.assert(
      fc.property(fc.oneof(quotient, small), ([a, b]) => {
        expect(smallQuotientText(a, b)).toBe(new D(a).div(b).toFixed());
      }),
      { numRuns: 5000 },
    );
    // Repeating digits rounded up and down, the largest divisors, a quotient just under 1.
    for (const [a, b] of [
      [1, 3],
      [2, 3],
      [1, 7],
      [0, 9],
      [DIVISOR_LIMIT - 2, DIVISOR_LIMIT - 1],
      [1, DIVISOR_LIMIT - 1],
      [123456789, 987654321987],
    ] as const)
      expect(smallQuotientText(a, b)).toBe(new D(a).div(b).toFixed());
  });

  it('writes hundredths half-up, and refuses operands beyond safe integers', () => {
    expect(smallHundredthsText(1, 2)).toBe('0.01');
    expect(smallHundredthsText(1, 3)).toBe('0.00');
    expect(smallHundredthsText(2500, 1)).toBe('25.00');
    expect(smallHundredthsText(Number.MAX_SAFE_INTEGER, 1)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (n, d) => {
        expect(smallHundredthsText(n, d)).toBe(new D(n).div(100).div(d).toFixed(2, D.ROUND_HALF_UP));
      }),
    );
  });

  it('prints to places as the fixed-point path does', () => {
    fc.assert(
      fc.property(smallText, fc.integer({ min: 0, max: 8 }), (text, places) => {
        const value = smallFromText(text) as SmallDecimal;
        expect(smallPlaces(value, places)).toBe(fixedPlaces(fixedFromPlain(text)!, places));
      }),
      { numRuns: 3000 },
    );
    expect(smallPlaces({ coef: 5, scale: 3 }, 2)).toBe('0.01');
    expect(smallPlaces({ coef: 4, scale: 3 }, 2)).toBe('0.00');
    expect(smallPlaces({ coef: 995, scale: 3 }, 2)).toBe('1.00');
    expect(smallPlaces({ coef: 12, scale: 0 }, 0)).toBe('12');
  });
});

import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { plainDecimal } from './quarterly-inputs.js';

describe('plainDecimal (a plain decimal text as its Decimal prints it with toFixed())', () => {
  it.each([
    '150.000000',
    '12.50',
    '12.05',
    '0.00',
    '0.000100',
    '100',
    '0',
    '-1.50',
    '-0.00',
    '1000.0',
    '3.141592',
    '-20',
  ])('%s', (text) => {
    expect(plainDecimal(text)).toBe(new Decimal(text).toFixed());
  });
});

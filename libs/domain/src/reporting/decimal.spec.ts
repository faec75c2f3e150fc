import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { toDecimal } from './decimal.js';

describe('toDecimal', () => {
  it.each<{ value: string | number; exact: string }>([
    { value: '5', exact: '5' },
    { value: '+5', exact: '5' },
    { value: '-1.25', exact: '-1.25' },
    { value: '5.', exact: '5' },
    { value: '.5', exact: '0.5' },
    { value: '.55', exact: '0.55' },
    { value: '1e5', exact: '100000' },
    { value: '1E+5', exact: '100000' },
    { value: '1.5e-3', exact: '0.0015' },
    { value: '2e10', exact: '20000000000' },
    { value: ' 2.5 ', exact: '2.5' },
    { value: 0.1, exact: '0.1' },
  ])('reads $value exactly as $exact', ({ value, exact }) => {
    expect(toDecimal(value, '数值').toFixed()).toBe(exact);
  });

  it.each<{ value: string | number }>([
    { value: '' },
    { value: '1,5' },
    { value: 'x1' },
    { value: '1x' },
    { value: 'e5' },
    { value: '1e' },
    { value: '1e+' },
    { value: '.' },
    { value: '1.5.2' },
    { value: '--1' },
    { value: 'NaN' },
    { value: Number.NaN },
    { value: Number.POSITIVE_INFINITY },
  ])('refuses $value, naming the field', ({ value }) => {
    expect(() => toDecimal(value, '完成值')).toThrow(new RangeError(`完成值 必须是数值：${String(value)}`));
  });

  it('refuses a Decimal that is not finite, and keeps a finite one', () => {
    expect(() => toDecimal(new Decimal(Number.NaN), '目标值')).toThrow(new RangeError('目标值 必须是有限数值'));
    expect(() => toDecimal(new Decimal(Number.POSITIVE_INFINITY), '目标值')).toThrow(RangeError);
    expect(toDecimal(new Decimal('1.10'), '目标值').toFixed()).toBe('1.1');
  });
});

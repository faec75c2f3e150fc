import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { clampToUnit, D, fmt, parseDecimal, plainDecimalText, toDecimal } from './decimal.js';

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

describe('clampToUnit', () => {
  it.each([
    { value: '-0.5', clamped: '0' },
    { value: '0', clamped: '0' },
    { value: '0.4999999999999999999999999999999999999999', clamped: '0.4999999999999999999999999999999999999999' },
    { value: '1', clamped: '1' },
    { value: '1.0000000000000000000000000000000000000001', clamped: '1' },
    { value: '37', clamped: '1' },
  ])('$value → $clamped, as D.max(0, D.min(1, value)) gives', ({ value, clamped }) => {
    const exact = new D(value);
    expect(clampToUnit(exact).toFixed()).toBe(clamped);
    expect(clampToUnit(exact).toFixed()).toBe(D.max(0, D.min(1, exact)).toFixed());
  });

  it('gives zero, never minus zero, for minus zero', () => {
    expect(clampToUnit(new D('-0')).isNegative()).toBe(false);
  });
});

describe('plainDecimalText (a plain decimal text as its Decimal prints it with toFixed())', () => {
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
    '-0',
  ])('%s', (text) => {
    expect(plainDecimalText(text)).toBe(new Decimal(text).toFixed());
  });
});

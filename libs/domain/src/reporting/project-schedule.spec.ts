import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { expectedInvestmentToDate, projectElapsedShare } from './project-schedule.js';

describe('projectElapsedShare (序时进度 of a project within a year, at the reported month’s end)', () => {
  it.each([
    { span: ['2022-06', '2024-12'], month: 4, num: 120, den: 365, why: 'whole year: days through 04-30' },
    { span: ['2023-01', '2023-12'], month: 12, num: 1, den: 1, why: 'the year’s end expects all of it' },
    { span: ['2023-07', '2023-12'], month: 4, num: 0, den: 1, why: 'nothing before the project starts' },
    { span: ['2023-07', '2023-12'], month: 9, num: 92, den: 184, why: 'July–September of July–December' },
    { span: ['2022-01', '2023-06'], month: 3, num: 90, den: 181, why: 'ends in June: its days in the year only' },
    { span: ['2022-01', '2023-06'], month: 8, num: 1, den: 1, why: 'after its end it expects all of it' },
    { span: ['2020-01', '2022-12'], month: 4, num: 1, den: 1, why: 'ended before the year' },
    { span: ['2024-01', '2024-12'], month: 4, num: 0, den: 1, why: 'starts after the year' },
  ])('$span, month $month → $num/$den ($why)', ({ span, month, num, den }) => {
    const share = projectElapsedShare({ startMonth: span[0]!, endMonth: span[1]! }, 2023, month);
    expect(share.times(den).toDecimalPlaces(20).toFixed()).toBe(String(num));
  });

  it.each([
    [{ startMonth: '2023-1', endMonth: '2023-12' }, 4],
    [{ startMonth: '2023-13', endMonth: '2023-12' }, 4],
    [{ startMonth: '2023-01', endMonth: '2023-12' }, 0],
    [{ startMonth: '2023-01', endMonth: '2023-12' }, 13],
  ])('refuses %j, month %i', (span, month) => {
    expect(() => projectElapsedShare(span, 2023, month)).toThrow(RangeError);
  });
});

describe('expectedInvestmentToDate', () => {
  it('is the annual plan × the share, half-up to 2 decimals (万元)', () => {
    expect(expectedInvestmentToDate('12500', new Decimal(120).div(365)).toFixed(2)).toBe('4109.59');
    expect(expectedInvestmentToDate('0.01', new Decimal(0.5)).toFixed(2)).toBe('0.01');
    expect(expectedInvestmentToDate('100', new Decimal(0)).toFixed(2)).toBe('0.00');
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  nextQuarter,
  parseQuarterKey,
  previousQuarter,
  quarterEnd,
  quarterKey,
  quarterMonths,
  quarterOf,
  quarterStart,
  type Quarter,
} from './quarters.js';

describe('quarters', () => {
  it.each([
    { month: 1, quarter: 1 },
    { month: 3, quarter: 1 },
    { month: 4, quarter: 2 },
    { month: 6, quarter: 2 },
    { month: 7, quarter: 3 },
    { month: 9, quarter: 3 },
    { month: 10, quarter: 4 },
    { month: 12, quarter: 4 },
  ])('month $month is Q$quarter', ({ month, quarter }) => {
    expect(quarterOf(month)).toBe(quarter);
    expect(quarterMonths(quarter as Quarter)).toContain(month);
  });

  it.each<{ year: number; q: Quarter; months: number[]; start: string; end: string; key: string }>([
    { year: 2023, q: 1, months: [1, 2, 3], start: '2023-01-01', end: '2023-03-31', key: '2023-Q1' },
    { year: 2023, q: 2, months: [4, 5, 6], start: '2023-04-01', end: '2023-06-30', key: '2023-Q2' },
    { year: 2023, q: 3, months: [7, 8, 9], start: '2023-07-01', end: '2023-09-30', key: '2023-Q3' },
    { year: 2023, q: 4, months: [10, 11, 12], start: '2023-10-01', end: '2023-12-31', key: '2023-Q4' },
  ])('$key: $start – $end', ({ year, q, months, start, end, key }) => {
    expect(quarterMonths(q)).toEqual(months);
    expect(quarterStart(year, q)).toBe(start);
    expect(quarterEnd(year, q)).toBe(end);
    expect(quarterKey(year, q)).toBe(key);
    expect(parseQuarterKey(key)).toEqual({ year, quarter: q });
  });

  it('steps across years', () => {
    expect(previousQuarter(2023, 1)).toEqual({ year: 2022, quarter: 4 });
    expect(previousQuarter(2023, 3)).toEqual({ year: 2023, quarter: 2 });
    expect(nextQuarter(2023, 4)).toEqual({ year: 2024, quarter: 1 });
    expect(nextQuarter(2023, 1)).toEqual({ year: 2023, quarter: 2 });
  });

  it('refuses bad input', () => {
    expect(() => quarterOf(0)).toThrow(/月份/);
    expect(() => quarterOf(13)).toThrow(/月份/);
    expect(() => quarterOf(2.5)).toThrow(/月份/);
    expect(() => quarterMonths(5 as Quarter)).toThrow(/季度/);
    expect(() => previousQuarter(2023, 0 as Quarter)).toThrow(/季度/);
    expect(parseQuarterKey('2023-Q5')).toBeNull();
    expect(parseQuarterKey('2023Q1')).toBeNull();
    for (const key of ['x2023-Q1', '2023-Q1x', '0000-Q1', '2023-Q0'])
      expect({ key, parsed: parseQuarterKey(key) }).toEqual({ key, parsed: null });
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  compareDates,
  dayOfWeek,
  dayOfYear,
  daysBetween,
  daysInMonth,
  daysInYear,
  epochDayOf,
  isLocalDate,
  lastDayOfMonth,
  localDate,
  localDateFromEpochDay,
  localDateFromParts,
  parseLocalDate,
} from './local-date.js';

describe('isLocalDate / parseLocalDate', () => {
  it.each(['2023-03-05', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (text) => {
    expect(isLocalDate(text)).toBe(true);
    expect(parseLocalDate(text)).toBe(text);
  });

  it.each<unknown>([
    '2023-02-29',
    '1900-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-01-00',
    '0000-01-01',
    '2023-3-5',
    '2023/03/05',
    '2023-03-05T00:00',
    ' 2023-03-05',
    '',
    null,
    undefined,
    20230305,
    new Date(0),
  ])('rejects %p', (value) => {
    expect(isLocalDate(value)).toBe(false);
    expect(parseLocalDate(value)).toBeNull();
  });

  it('localDate throws a Chinese RangeError', () => {
    expect(() => localDate('2023-02-30')).toThrow(/无效日期/);
  });
});

describe('addDays', () => {
  it.each([
    { from: '2023-01-31', days: 1, to: '2023-02-01' },
    { from: '2023-02-28', days: 1, to: '2023-03-01' },
    { from: '2024-02-28', days: 1, to: '2024-02-29' },
    { from: '2023-12-31', days: 1, to: '2024-01-01' },
    { from: '2023-03-01', days: -1, to: '2023-02-28' },
    { from: '2023-01-01', days: 365, to: '2024-01-01' },
    { from: '2024-01-01', days: 366, to: '2025-01-01' },
    { from: '1970-01-01', days: -1, to: '1969-12-31' },
    { from: '2023-06-15', days: 0, to: '2023-06-15' },
  ])('$from + $days = $to', ({ from, days, to }) => {
    expect(addDays(localDate(from), days)).toBe(to);
  });

  it('refuses fractions and dates outside 0001–9999', () => {
    expect(() => addDays(localDate('2023-01-01'), 0.5)).toThrow(RangeError);
    expect(() => addDays(localDate('9999-12-31'), 1)).toThrow(RangeError);
    expect(() => addDays(localDate('0001-01-01'), -1)).toThrow(RangeError);
  });

  it('agrees with Date.UTC day by day over four centuries', () => {
    let date = localDate('1900-01-01');
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2300, 0, 1); ms += 86_400_000 * 13) {
      expect(date).toBe(new Date(ms).toISOString().slice(0, 10));
      expect(dayOfWeek(date) % 7).toBe(new Date(ms).getUTCDay());
      date = addDays(date, 13);
    }
  });
});

describe('compareDates / daysBetween', () => {
  it.each([
    { a: '2023-03-05', b: '2023-03-06', cmp: -1, days: 1 },
    { a: '2023-03-06', b: '2023-03-05', cmp: 1, days: -1 },
    { a: '2023-03-05', b: '2023-03-05', cmp: 0, days: 0 },
    { a: '2022-12-31', b: '2023-12-31', cmp: -1, days: 365 },
  ])('$a vs $b', ({ a, b, cmp, days }) => {
    expect(compareDates(localDate(a), localDate(b))).toBe(cmp);
    expect(daysBetween(localDate(a), localDate(b))).toBe(days);
  });
});

describe('dayOfWeek (ISO: Monday 1 … Sunday 7)', () => {
  it.each([
    { date: '1970-01-01', weekday: 4 },
    { date: '2023-01-01', weekday: 7 },
    { date: '2023-03-05', weekday: 7 },
    { date: '2023-03-06', weekday: 1 },
    { date: '2023-05-05', weekday: 5 },
    { date: '2023-10-07', weekday: 6 },
    { date: '2024-01-05', weekday: 5 },
    { date: '1949-10-01', weekday: 6 },
  ])('$date is weekday $weekday', ({ date, weekday }) => {
    expect(dayOfWeek(localDate(date))).toBe(weekday);
  });
});

describe('month and year lengths', () => {
  it.each([
    { year: 2023, month: 2, days: 28, last: '2023-02-28' },
    { year: 2024, month: 2, days: 29, last: '2024-02-29' },
    { year: 1900, month: 2, days: 28, last: '1900-02-28' },
    { year: 2000, month: 2, days: 29, last: '2000-02-29' },
    { year: 2023, month: 4, days: 30, last: '2023-04-30' },
    { year: 2023, month: 12, days: 31, last: '2023-12-31' },
  ])('$year-$month has $days days', ({ year, month, days, last }) => {
    expect(daysInMonth(year, month)).toBe(days);
    expect(lastDayOfMonth(year, month)).toBe(last);
  });

  it('counts days of the year', () => {
    expect(daysInYear(2023)).toBe(365);
    expect(daysInYear(2024)).toBe(366);
    expect(dayOfYear(localDate('2023-01-01'))).toBe(1);
    expect(dayOfYear(localDate('2023-06-30'))).toBe(181);
    expect(dayOfYear(localDate('2023-12-31'))).toBe(365);
    expect(dayOfYear(localDate('2024-12-31'))).toBe(366);
  });

  it('refuses impossible parts', () => {
    expect(() => daysInMonth(2023, 13)).toThrow(/月份/);
    expect(() => localDateFromParts(2023, 2, 29)).toThrow(/无效日期/);
    expect(() => localDateFromParts(2023.5, 1, 1)).toThrow(/年份/);
    expect(localDateFromParts(2023, 3, 5)).toBe('2023-03-05');
  });

  it('epoch days round-trip', () => {
    expect(epochDayOf(localDate('1970-01-01'))).toBe(0);
    expect(localDateFromEpochDay(epochDayOf(localDate('2023-10-07')))).toBe('2023-10-07');
  });
});

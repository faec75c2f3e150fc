import { describe, expect, it } from '@jest/globals';
import { chinaWorkingCalendar2023 } from './china-holidays.js';
import { localDate } from './local-date.js';
import { WorkingCalendar, validateWorkingCalendarData } from './working-calendar.js';

const cal = chinaWorkingCalendar2023();
const d = localDate;

describe('WorkingCalendar.isWorkingDay (2023)', () => {
  it.each([
    { date: '2023-01-03', working: true, why: 'Tuesday after 元旦' },
    { date: '2023-01-02', working: false, why: '元旦 holiday on a Monday' },
    { date: '2023-01-27', working: false, why: '春节, a Friday' },
    { date: '2023-01-28', working: true, why: 'make-up Saturday' },
    { date: '2023-01-29', working: true, why: 'make-up Sunday' },
    { date: '2023-02-04', working: false, why: 'ordinary Saturday' },
    { date: '2023-04-05', working: false, why: '清明, a Wednesday' },
    { date: '2023-04-23', working: true, why: 'make-up Sunday before 劳动节' },
    { date: '2023-05-05', working: true, why: 'Friday after 劳动节' },
    { date: '2023-05-06', working: true, why: 'make-up Saturday' },
    { date: '2023-06-22', working: false, why: '端午' },
    { date: '2023-06-25', working: true, why: 'make-up Sunday' },
    { date: '2023-09-29', working: false, why: '中秋' },
    { date: '2023-10-05', working: false, why: '国庆' },
    { date: '2023-10-07', working: true, why: 'make-up Saturday' },
    { date: '2023-10-08', working: true, why: 'make-up Sunday' },
    { date: '2023-10-09', working: true, why: 'Monday' },
  ])('$date: $working ($why)', ({ date, working }) => {
    expect(cal.isWorkingDay(d(date))).toBe(working);
  });
});

describe('nextWorkingDay / previousWorkingDay', () => {
  it.each([
    { date: '2023-03-06', next: '2023-03-06', previous: '2023-03-06' },
    { date: '2023-03-05', next: '2023-03-06', previous: '2023-03-03' },
    { date: '2023-10-01', next: '2023-10-07', previous: '2023-09-28' },
    { date: '2023-01-21', next: '2023-01-28', previous: '2023-01-20' },
    { date: '2022-12-31', next: '2023-01-03', previous: '2022-12-30' },
    { date: '2023-04-29', next: '2023-05-04', previous: '2023-04-28' },
  ])('$date → next $next, previous $previous', ({ date, next, previous }) => {
    expect(cal.nextWorkingDay(d(date))).toBe(next);
    expect(cal.previousWorkingDay(d(date))).toBe(previous);
  });
});

describe('addWorkingDays', () => {
  it.each([
    { date: '2023-04-28', n: 1, to: '2023-05-04' },
    { date: '2023-04-28', n: 3, to: '2023-05-06' },
    { date: '2023-09-28', n: 1, to: '2023-10-07' },
    { date: '2023-03-03', n: 1, to: '2023-03-06' },
    { date: '2023-03-03', n: 5, to: '2023-03-10' },
    { date: '2023-03-06', n: -1, to: '2023-03-03' },
    { date: '2023-10-07', n: -1, to: '2023-09-28' },
    { date: '2023-03-05', n: 0, to: '2023-03-05' },
    { date: '2023-03-05', n: 1, to: '2023-03-06' },
    { date: '2023-01-20', n: 1, to: '2023-01-28' },
  ])('$date + $n working days = $to', ({ date, n, to }) => {
    expect(cal.addWorkingDays(d(date), n)).toBe(to);
  });

  it('refuses a fractional count', () => {
    expect(() => cal.addWorkingDays(d('2023-03-03'), 1.5)).toThrow(RangeError);
  });

  it('counts working days in a range', () => {
    // October 2023: 22 weekdays, 4 of them holidays (10-02…10-05, 10-06), plus two make-up days.
    expect(cal.countWorkingDays(d('2023-10-01'), d('2023-10-31'))).toBe(22 - 5 + 2);
    expect(cal.countWorkingDays(d('2023-10-31'), d('2023-10-01'))).toBe(0);
  });
});

describe('weekdaysOnly', () => {
  it('has only weekends off', () => {
    const plain = WorkingCalendar.weekdaysOnly();
    expect(plain.isWorkingDay(d('2023-10-02'))).toBe(true);
    expect(plain.isWorkingDay(d('2023-10-07'))).toBe(false);
    expect(plain.nextWorkingDay(d('2023-10-07'))).toBe('2023-10-09');
  });
});

describe('validateWorkingCalendarData', () => {
  it('accepts data from JSON and drops duplicates', () => {
    const result = validateWorkingCalendarData({
      holidays: ['2023-10-02', '2023-10-02'],
      makeUpWorkdays: ['2023-10-07'],
    });
    expect(result).toEqual({ ok: true, data: { holidays: ['2023-10-02'], makeUpWorkdays: ['2023-10-07'] } });
  });

  it.each<{ raw: unknown; fields: string[] }>([
    { raw: null, fields: [''] },
    { raw: [], fields: [''] },
    { raw: {}, fields: ['holidays', 'makeUpWorkdays'] },
    { raw: { holidays: ['2023-02-30'], makeUpWorkdays: [] }, fields: ['holidays[0]'] },
    { raw: { holidays: ['2023-10-07'], makeUpWorkdays: ['2023-10-07'] }, fields: ['makeUpWorkdays[0]'] },
    { raw: { holidays: [], makeUpWorkdays: ['2023-10-09'] }, fields: ['makeUpWorkdays[0]'] },
  ])('rejects %p', ({ raw, fields }) => {
    const result = validateWorkingCalendarData(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.field)).toEqual(fields);
      for (const e of result.errors) expect(e.reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('the constructor throws on the same problems', () => {
    expect(() => new WorkingCalendar({ holidays: [d('2023-10-07')], makeUpWorkdays: [d('2023-10-07')] })).toThrow(
      /工作日历无效/,
    );
  });
});

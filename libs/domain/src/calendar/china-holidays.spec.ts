import { describe, expect, it } from '@jest/globals';
import { CHINA_2023_WORKING_CALENDAR_DATA, chinaWorkingCalendar2023 } from './china-holidays.js';
import { addDays, dayOfWeek, isWeekend, localDate, type LocalDate } from './local-date.js';

describe('China 2023 holiday arrangement (国务院办公厅关于2023年部分节假日安排的通知)', () => {
  const cal = chinaWorkingCalendar2023();

  it.each([
    { name: '元旦', from: '2022-12-31', to: '2023-01-02', days: 3 },
    { name: '春节', from: '2023-01-21', to: '2023-01-27', days: 7 },
    { name: '清明节', from: '2023-04-05', to: '2023-04-05', days: 1 },
    { name: '劳动节', from: '2023-04-29', to: '2023-05-03', days: 5 },
    { name: '端午节', from: '2023-06-22', to: '2023-06-24', days: 3 },
    { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06', days: 8 },
  ])('$name: $from – $to is $days days off, with working days either side', ({ from, to, days }) => {
    let count = 0;
    for (let day: LocalDate = localDate(from); day <= to; day = addDays(day, 1)) {
      expect(cal.isWorkingDay(day)).toBe(false);
      count += 1;
    }
    expect(count).toBe(days);
    expect(cal.isWorkingDay(addDays(localDate(from), -1))).toBe(true);
    expect(cal.isWorkingDay(addDays(localDate(to), 1))).toBe(true);
  });

  it('lists 27 holiday dates and 7 make-up workdays, all of them weekend days', () => {
    expect(CHINA_2023_WORKING_CALENDAR_DATA.holidays).toHaveLength(27);
    expect(CHINA_2023_WORKING_CALENDAR_DATA.makeUpWorkdays).toEqual([
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ]);
    for (const day of CHINA_2023_WORKING_CALENDAR_DATA.makeUpWorkdays) expect(isWeekend(day)).toBe(true);
  });

  it('gives 2023 its published 249 working days', () => {
    let working = 0;
    for (let day: LocalDate = localDate('2023-01-01'); day <= '2023-12-31'; day = addDays(day, 1))
      if (cal.isWorkingDay(day)) working += 1;
    expect(working).toBe(249);
  });

  it('the make-up days are the Saturdays and Sundays the notice names', () => {
    expect(CHINA_2023_WORKING_CALENDAR_DATA.makeUpWorkdays.map((day) => dayOfWeek(day))).toEqual([6, 7, 7, 6, 7, 6, 7]);
  });
});

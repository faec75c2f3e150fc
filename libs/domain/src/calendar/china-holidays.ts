/** China's public holidays as published each year by the General Office of the State Council
 *  (国务院办公厅关于 YYYY 年部分节假日安排的通知). Demo data: a deployment stores its own years. */
import { localDate } from './local-date.js';
import { WorkingCalendar, type WorkingCalendarData } from './working-calendar.js';

const dates = (...texts: string[]) => texts.map((t) => localDate(t));

/**
 * 国办发明电〔2022〕16号, 国务院办公厅关于2023年部分节假日安排的通知:
 * - 元旦 2022-12-31 至 2023-01-02（3 天）
 * - 春节 01-21 至 01-27（7 天），01-28（周六）、01-29（周日）上班
 * - 清明节 04-05（1 天）
 * - 劳动节 04-29 至 05-03（5 天），04-23（周日）、05-06（周六）上班
 * - 端午节 06-22 至 06-24（3 天），06-25（周日）上班
 * - 中秋节、国庆节 09-29 至 10-06（8 天），10-07（周六）、10-08（周日）上班
 */
export const CHINA_2023_WORKING_CALENDAR_DATA: WorkingCalendarData = Object.freeze({
  holidays: Object.freeze(
    dates(
      '2022-12-31',
      '2023-01-01',
      '2023-01-02',
      '2023-01-21',
      '2023-01-22',
      '2023-01-23',
      '2023-01-24',
      '2023-01-25',
      '2023-01-26',
      '2023-01-27',
      '2023-04-05',
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
      '2023-06-22',
      '2023-06-23',
      '2023-06-24',
      '2023-09-29',
      '2023-09-30',
      '2023-10-01',
      '2023-10-02',
      '2023-10-03',
      '2023-10-04',
      '2023-10-05',
      '2023-10-06',
    ),
  ),
  makeUpWorkdays: Object.freeze(
    dates('2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'),
  ),
});

/** The working calendar for 2023 (outside 2023 it is plain Monday–Friday). */
export function chinaWorkingCalendar2023(): WorkingCalendar {
  return new WorkingCalendar(CHINA_2023_WORKING_CALENDAR_DATA);
}

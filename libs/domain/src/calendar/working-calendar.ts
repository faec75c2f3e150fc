/** Working days under China's holiday arrangement: Monday–Friday, except statutory holidays
 *  (法定节假日), plus the weekend days declared working days in exchange (调休上班). */
import { addDays, dayOfWeek, isLocalDate, isWeekend, type LocalDate } from './local-date.js';

export interface WorkingCalendarData {
  /** Days off: 法定节假日 and the bridging days around them. Weekend days may be listed. */
  holidays: readonly LocalDate[];
  /** Saturdays or Sundays that are working days (调休上班日). */
  makeUpWorkdays: readonly LocalDate[];
}

export interface CalendarIssue {
  field: string;
  reason: string;
}

export type WorkingCalendarValidation =
  { ok: true; data: WorkingCalendarData } | { ok: false; errors: CalendarIssue[] };

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<LocalDate>;
  private readonly makeUpWorkdays: ReadonlySet<LocalDate>;
  /** A run of days off is at most about 7/5 × holidays + 6 days long; past this bound the loops stop. */
  private readonly maxRunOfDaysOff: number;

  /** Throws RangeError when the data is inconsistent (see `validateWorkingCalendarData`). */
  constructor(data: WorkingCalendarData) {
    const checked = validateWorkingCalendarData(data);
    if (!checked.ok)
      throw new RangeError(`工作日历无效：${checked.errors.map((e) => `${e.field}：${e.reason}`).join('；')}`);
    this.holidays = new Set(checked.data.holidays);
    this.makeUpWorkdays = new Set(checked.data.makeUpWorkdays);
    this.maxRunOfDaysOff = 2 * this.holidays.size + 7;
  }

  /** Monday–Friday are working days; Saturday and Sunday are not. */
  static weekdaysOnly(): WorkingCalendar {
    return new WorkingCalendar({ holidays: [], makeUpWorkdays: [] });
  }

  isHoliday(date: LocalDate): boolean {
    return this.holidays.has(date);
  }

  isMakeUpWorkday(date: LocalDate): boolean {
    return this.makeUpWorkdays.has(date);
  }

  isWorkingDay(date: LocalDate): boolean {
    if (this.makeUpWorkdays.has(date)) return true;
    return !isWeekend(date) && !this.holidays.has(date);
  }

  /** `date` itself when it is a working day, otherwise the first working day after it. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.step(date, 1);
  }

  /** `date` itself when it is a working day, otherwise the last working day before it. */
  previousWorkingDay(date: LocalDate): LocalDate {
    return this.step(date, -1);
  }

  /**
   * The `n`-th working day after `date` (before it for negative `n`), not counting `date` itself;
   * `n = 0` returns `date` unchanged even on a day off (as a spreadsheet's WORKDAY does).
   * With the 2023 calendar, one working day after Friday 2023-04-28 is Thursday 2023-05-04
   * (04-29 … 05-03 are 劳动节 holidays).
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
    const direction = n >= 0 ? 1 : -1;
    let current = date;
    for (let remaining = Math.abs(n); remaining > 0; remaining -= 1) {
      current = this.step(addDays(current, direction), direction);
    }
    return current;
  }

  /** Working days in the closed range [from, to]; 0 when `to` is before `from`. */
  countWorkingDays(from: LocalDate, to: LocalDate): number {
    let count = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count += 1;
    return count;
  }

  /** The data back, sorted (to store or to show). */
  toData(): WorkingCalendarData {
    return { holidays: [...this.holidays].sort(), makeUpWorkdays: [...this.makeUpWorkdays].sort() };
  }

  /** `date` or the first working day from it in `direction`. */
  private step(date: LocalDate, direction: 1 | -1): LocalDate {
    let current = date;
    for (let guard = 0; !this.isWorkingDay(current); guard += 1) {
      if (guard > this.maxRunOfDaysOff) throw new RangeError(`工作日历在 ${date} 附近没有工作日`);
      current = addDays(current, direction);
    }
    return current;
  }
}

/**
 * Checks calendar data as it arrives from JSON or a database: both lists present, every entry a
 * valid date (duplicates are dropped), no day both a holiday and a make-up workday, and make-up workdays on
 * Saturday or Sunday only (a weekday is a working day anyway, so listing one is a data error).
 */
export function validateWorkingCalendarData(raw: unknown): WorkingCalendarValidation {
  const errors: CalendarIssue[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', reason: '工作日历必须是包含 holidays 与 makeUpWorkdays 的对象' }] };
  }
  const record = raw as Record<string, unknown>;
  const holidays = dateList(record['holidays'], 'holidays', errors);
  const makeUpWorkdays = dateList(record['makeUpWorkdays'], 'makeUpWorkdays', errors);
  const holidaySet = new Set(holidays);
  makeUpWorkdays.forEach((date, i) => {
    if (holidaySet.has(date))
      errors.push({ field: `makeUpWorkdays[${i}]`, reason: `${date} 不能既是节假日又是调休上班日` });
    if (dayOfWeek(date) <= 5)
      errors.push({
        field: `makeUpWorkdays[${i}]`,
        reason: `${date} 是工作日（周一至周五），调休上班日应为周六或周日`,
      });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: { holidays, makeUpWorkdays } };
}

function dateList(value: unknown, field: string, errors: CalendarIssue[]): LocalDate[] {
  if (!Array.isArray(value)) {
    errors.push({ field, reason: '必须是日期（YYYY-MM-DD）数组' });
    return [];
  }
  const seen = new Set<string>();
  const dates: LocalDate[] = [];
  value.forEach((item: unknown, i) => {
    if (!isLocalDate(item)) {
      errors.push({ field: `${field}[${i}]`, reason: `无效日期：${String(item)}（应为 YYYY-MM-DD）` });
    } else if (!seen.has(item)) {
      // Duplicates are harmless (two years' lists may both hold 12-31) and are dropped.
      seen.add(item);
      dates.push(item);
    }
  });
  return dates;
}

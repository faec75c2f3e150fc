/** Monthly reporting periods (月度调度) and their deadlines. */
import {
  addDays,
  firstDayOfMonth,
  localDateFromParts,
  localTime,
  zonedInstant,
  type LocalDate,
  type WorkingCalendar,
} from '../calendar/index.js';
import { assertDeadlineRule, type DeadlineRule } from './deadline-rule.js';

export interface ReportingPeriod {
  year: number;
  /** 1–12: the month the report is about. */
  month: number;
  /** '2023-03'. */
  key: string;
  /** First day of the reporting month: a unit may report on the month while it runs. */
  opensOn: LocalDate;
  /** 00:00 on `opensOn` in the plan's zone. */
  opensAt: Date;
  /** Local due date in the following month, after any move to a working day. */
  dueDate: LocalDate;
  /** The due date at the rule's time in the plan's zone. */
  deadline: Date;
  /** `closeAfterDays` calendar days after the due date, at the same wall-clock time; null = never closes. */
  closesAt: Date | null;
}

/** Where a period stands at an instant. */
export type PeriodPhase = 'upcoming' | 'open' | 'overdue' | 'closed';

const PERIOD_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function periodKey(year: number, month: number): string {
  return firstDayOfMonth(year, month).slice(0, 7);
}

/** { year, month } of '2023-03', or null for anything else. */
export function parsePeriodKey(key: string): { year: number; month: number } | null {
  const match = PERIOD_KEY.exec(key);
  if (!match || match[1] === '0000') return null;
  return { year: Number(match[1]), month: Number(match[2]) };
}

/**
 * The period for reporting month `month` of `year`. Its report is due on `rule.dayOfFollowingMonth`
 * of the next month (December's in January of the next year). When `rule.moveToNextWorkingDay` is
 * set and a calendar is given, a due date on a day off moves to the next working day; without a
 * calendar nothing moves (not even off a weekend).
 */
export function monthlyPeriod(
  year: number,
  month: number,
  rule: DeadlineRule,
  calendar: WorkingCalendar | null,
  timeZone: string,
): ReportingPeriod {
  const checked = assertDeadlineRule(rule);
  const opensOn = firstDayOfMonth(year, month);
  const [dueYear, dueMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  const nominal = localDateFromParts(dueYear, dueMonth, checked.dayOfFollowingMonth);
  const dueDate = checked.moveToNextWorkingDay && calendar ? calendar.nextWorkingDay(nominal) : nominal;
  return {
    year,
    month,
    key: periodKey(year, month),
    opensOn,
    opensAt: zonedInstant(opensOn, localTime('00:00'), timeZone),
    dueDate,
    deadline: zonedInstant(dueDate, checked.time, timeZone),
    closesAt:
      checked.closeAfterDays === null
        ? null
        : zonedInstant(addDays(dueDate, checked.closeAfterDays), checked.time, timeZone),
  };
}

/** The twelve periods of a year, January first. */
export function monthlyPeriods(
  year: number,
  rule: DeadlineRule,
  calendar: WorkingCalendar | null,
  timeZone: string,
): ReportingPeriod[] {
  return Array.from({ length: 12 }, (_, i) => monthlyPeriod(year, i + 1, rule, calendar, timeZone));
}

/**
 * upcoming: before the month starts; open: from its start until the deadline (inclusive);
 * overdue: after the deadline, still accepting (late) reports; closed: at or after `closesAt`.
 */
export function periodPhase(period: ReportingPeriod, now: Date): PeriodPhase {
  const t = now.getTime();
  if (t < period.opensAt.getTime()) return 'upcoming';
  if (t <= period.deadline.getTime()) return 'open';
  if (period.closesAt !== null && t >= period.closesAt.getTime()) return 'closed';
  return 'overdue';
}

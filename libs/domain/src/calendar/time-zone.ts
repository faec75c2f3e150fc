/** Between instants (`Date`) and wall-clock dates and times in an IANA time zone, with
 *  `Intl.DateTimeFormat` as the only source of zone rules.
 *  Kept by hand: date-fns-tz and dayjs take the later instant in the autumn overlap; the Temporal polyfills agree but ran 2–14× slower. */
import { epochDayOf, localDateFromEpochDay, type LocalDate } from './local-date.js';
import { localTimeFromMinutes, minutesOfDay, type LocalTime } from './local-time.js';

export interface LocalDateTime {
  date: LocalDate;
  /** Seconds are dropped: 17:00:59 is '17:00'. */
  time: LocalTime;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True for a zone name the runtime knows ('Asia/Shanghai', 'UTC', 'Europe/Berlin'). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at which the wall clock in `timeZone` shows `time` on `date`.
 *
 * Like Temporal's `disambiguation: 'compatible'`: a time that occurs twice (the autumn overlap)
 * gives the earlier instant; a time that does not exist (the spring gap) is pushed forward by the
 * length of the gap (Berlin 2023-03-26 02:30 → 03:30 CEST).
 */
export function zonedInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const wall = epochDayOf(date) * MS_PER_DAY + minutesOfDay(time) * MS_PER_MINUTE;
  const offsetBefore = offsetAt(wall - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wall + MS_PER_DAY, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (instant) => instant + offsetAt(instant, timeZone) === wall,
  );
  const instant = candidates.length > 0 ? Math.min(...candidates) : wall - offsetBefore;
  return new Date(instant);
}

/** The calendar date the wall clock in `timeZone` shows at `instant`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return localDateTimeOf(instant, timeZone).date;
}

export function localDateTimeOf(instant: Date, timeZone: string): LocalDateTime {
  const ms = checkInstant(instant);
  const wall = ms + offsetAt(ms, timeZone);
  const epochDay = Math.floor(wall / MS_PER_DAY);
  const minutes = Math.floor((wall - epochDay * MS_PER_DAY) / MS_PER_MINUTE);
  return { date: localDateFromEpochDay(epochDay), time: localTimeFromMinutes(minutes) };
}

/** The zone's offset from UTC at an instant, in milliseconds (Asia/Shanghai: +8 h). */
export function timeZoneOffsetMs(instant: Date, timeZone: string): number {
  return offsetAt(checkInstant(instant), timeZone);
}

function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(new Date(whole));
  const field = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new RangeError(`时区 ${timeZone} 的日期格式缺少 ${type}`);
    return Number(part.value);
  };
  const year = field('year');
  const month = field('month');
  const day = field('day');
  const wallDay = epochDayFromParts(year, month, day);
  const wall = wallDay * MS_PER_DAY + ((field('hour') * 60 + field('minute')) * 60 + field('second')) * 1000;
  return wall - whole;
}

function epochDayFromParts(year: number, month: number, day: number): number {
  // Local arithmetic only; the parts come from Intl and are always a real date.
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return epochDayOf(text as LocalDate);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`无效的时区：${timeZone}`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function checkInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('无效的时间点（Invalid Date）');
  return ms;
}

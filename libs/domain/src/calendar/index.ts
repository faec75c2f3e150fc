/** Pure calendar rules: zone-free dates, wall-clock times, instants in an IANA zone and China's
 *  working-day calendar (法定节假日 and 调休). No I/O, no clock: every instant comes in as an argument. */
export {
  addDays,
  compareDates,
  dayOfWeek,
  dayOfYear,
  daysBetween,
  daysInMonth,
  daysInYear,
  epochDayOf,
  firstDayOfMonth,
  isLeapYear,
  isLocalDate,
  isWeekend,
  lastDayOfMonth,
  localDate,
  localDateFromEpochDay,
  localDateFromParts,
  localDateParts,
  maxDate,
  minDate,
  parseLocalDate,
  type IsoWeekday,
  type LocalDate,
  type LocalDateParts,
} from './local-date.js';
export {
  isLocalTime,
  localTime,
  localTimeFromMinutes,
  minutesOfDay,
  parseLocalTime,
  type LocalTime,
} from './local-time.js';
export {
  isValidTimeZone,
  localDateOf,
  localDateTimeOf,
  timeZoneOffsetMs,
  zonedInstant,
  type LocalDateTime,
} from './time-zone.js';
export {
  WorkingCalendar,
  validateWorkingCalendarData,
  type CalendarIssue,
  type WorkingCalendarData,
  type WorkingCalendarValidation,
} from './working-calendar.js';
export { CHINA_2023_WORKING_CALENDAR_DATA, chinaWorkingCalendar2023 } from './china-holidays.js';

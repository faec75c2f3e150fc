/** Wall-clock times of day, 'HH:mm' on a 24-hour clock (00:00–23:59). */

declare const localTimeBrand: unique symbol;

/** A valid 'HH:mm' time of day; make one with `localTime('17:00')` or `parseLocalTime(raw)`. */
export type LocalTime = string & { readonly [localTimeBrand]: true };

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

export function parseLocalTime(value: unknown): LocalTime | null {
  return isLocalTime(value) ? value : null;
}

/** The time; throws RangeError for anything but 'HH:mm' from 00:00 to 23:59 ('24:00', '9:00' and '17:00:00' are refused). */
export function localTime(text: string): LocalTime {
  if (!isLocalTime(text)) throw new RangeError(`无效时间：${String(text)}（应为 HH:mm，00:00–23:59）`);
  return text;
}

/** Minutes after midnight: '09:30' → 570. */
export function minutesOfDay(time: LocalTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function localTimeFromMinutes(minutes: number): LocalTime {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60)
    throw new RangeError(`分钟数必须是 0–1439 的整数：${minutes}`);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` as LocalTime;
}

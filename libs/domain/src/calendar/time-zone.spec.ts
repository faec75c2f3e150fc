import { describe, expect, it } from '@jest/globals';
import { localDate } from './local-date.js';
import { localTime } from './local-time.js';
import { isValidTimeZone, localDateOf, localDateTimeOf, timeZoneOffsetMs, zonedInstant } from './time-zone.js';

const at = (date: string, time: string, zone: string) =>
  zonedInstant(localDate(date), localTime(time), zone).toISOString();

describe('zonedInstant', () => {
  it.each([
    // China has had no DST since 1991: always UTC+8.
    { date: '2023-03-06', time: '17:00', zone: 'Asia/Shanghai', utc: '2023-03-06T09:00:00.000Z' },
    { date: '2023-01-01', time: '00:00', zone: 'Asia/Shanghai', utc: '2022-12-31T16:00:00.000Z' },
    { date: '2023-07-01', time: '23:59', zone: 'Asia/Shanghai', utc: '2023-07-01T15:59:00.000Z' },
    { date: '2023-03-06', time: '17:00', zone: 'UTC', utc: '2023-03-06T17:00:00.000Z' },
    // Berlin: CET (+1) until 2023-03-26 02:00, CEST (+2) until 2023-10-29 03:00.
    { date: '2023-03-25', time: '17:00', zone: 'Europe/Berlin', utc: '2023-03-25T16:00:00.000Z' },
    { date: '2023-03-26', time: '01:59', zone: 'Europe/Berlin', utc: '2023-03-26T00:59:00.000Z' },
    { date: '2023-03-26', time: '03:00', zone: 'Europe/Berlin', utc: '2023-03-26T01:00:00.000Z' },
    { date: '2023-03-26', time: '17:00', zone: 'Europe/Berlin', utc: '2023-03-26T15:00:00.000Z' },
    { date: '2023-10-28', time: '17:00', zone: 'Europe/Berlin', utc: '2023-10-28T15:00:00.000Z' },
    { date: '2023-10-29', time: '17:00', zone: 'Europe/Berlin', utc: '2023-10-29T16:00:00.000Z' },
    { date: '2023-10-29', time: '03:00', zone: 'Europe/Berlin', utc: '2023-10-29T02:00:00.000Z' },
    // Southern hemisphere and a half-hour zone.
    { date: '2023-04-02', time: '01:00', zone: 'Australia/Sydney', utc: '2023-04-01T14:00:00.000Z' },
    { date: '2023-06-01', time: '09:00', zone: 'Asia/Kolkata', utc: '2023-06-01T03:30:00.000Z' },
    { date: '2023-03-12', time: '12:00', zone: 'America/New_York', utc: '2023-03-12T16:00:00.000Z' },
  ])('$date $time $zone = $utc', ({ date, time, zone, utc }) => {
    expect(at(date, time, zone)).toBe(utc);
  });

  it('pushes a time in the spring gap forward by the gap (02:30 does not exist in Berlin on 2023-03-26)', () => {
    const instant = zonedInstant(localDate('2023-03-26'), localTime('02:30'), 'Europe/Berlin');
    expect(instant.toISOString()).toBe('2023-03-26T01:30:00.000Z');
    expect(localDateTimeOf(instant, 'Europe/Berlin')).toEqual({ date: '2023-03-26', time: '03:30' });
  });

  it('takes the earlier of two instants in the autumn overlap (02:30 happens twice in Berlin on 2023-10-29)', () => {
    expect(at('2023-10-29', '02:30', 'Europe/Berlin')).toBe('2023-10-29T00:30:00.000Z');
  });

  it('round-trips every quarter hour of the DST-change weekends', () => {
    for (const date of ['2023-03-25', '2023-03-26', '2023-03-27', '2023-10-28', '2023-10-29', '2023-10-30']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const back = localDateTimeOf(zonedInstant(localDate(date), localTime(time), 'Europe/Berlin'), 'Europe/Berlin');
        const inGap = date === '2023-03-26' && time >= '02:00' && time < '03:00';
        if (!inGap) expect(back).toEqual({ date, time });
      }
    }
  });

  it('refuses an unknown zone', () => {
    expect(() => at('2023-03-06', '17:00', 'Mars/Olympus')).toThrow(/无效的时区/);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
  });
});

describe('localDateOf / localDateTimeOf', () => {
  it.each([
    { utc: '2023-03-05T16:00:00.000Z', zone: 'Asia/Shanghai', date: '2023-03-06', time: '00:00' },
    { utc: '2023-03-05T15:59:59.999Z', zone: 'Asia/Shanghai', date: '2023-03-05', time: '23:59' },
    { utc: '2023-12-31T16:30:00.000Z', zone: 'Asia/Shanghai', date: '2024-01-01', time: '00:30' },
    { utc: '2023-10-29T00:30:00.000Z', zone: 'Europe/Berlin', date: '2023-10-29', time: '02:30' },
    { utc: '2023-10-29T01:30:00.000Z', zone: 'Europe/Berlin', date: '2023-10-29', time: '02:30' },
    { utc: '1960-06-01T12:00:00.000Z', zone: 'UTC', date: '1960-06-01', time: '12:00' },
  ])('$utc in $zone is $date $time', ({ utc, zone, date, time }) => {
    expect(localDateTimeOf(new Date(utc), zone)).toEqual({ date, time });
    expect(localDateOf(new Date(utc), zone)).toBe(date);
  });

  it('reports the offset', () => {
    expect(timeZoneOffsetMs(new Date('2023-07-01T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(timeZoneOffsetMs(new Date('2023-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(timeZoneOffsetMs(new Date('2023-01-01T00:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
  });

  it('refuses an invalid instant', () => {
    expect(() => localDateOf(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });
});

import { describe, expect, it } from '@jest/globals';
import { isLocalTime, localTime, localTimeFromMinutes, minutesOfDay } from './local-time.js';

describe('LocalTime', () => {
  it.each(['00:00', '09:00', '17:00', '23:59'])('accepts %s', (text) => {
    expect(isLocalTime(text)).toBe(true);
  });

  it.each<unknown>(['24:00', '25:00', '9:00', '17:60', '17:00:00', '17.00', '', null, 1700])('rejects %p', (value) => {
    expect(isLocalTime(value)).toBe(false);
  });

  it('converts to and from minutes', () => {
    expect(minutesOfDay(localTime('09:30'))).toBe(570);
    expect(localTimeFromMinutes(570)).toBe('09:30');
    expect(() => localTime('24:00')).toThrow(/无效时间/);
    expect(() => localTimeFromMinutes(1440)).toThrow(RangeError);
  });
});

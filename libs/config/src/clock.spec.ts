import { describe, expect, it } from '@jest/globals';
import { FixedClock, ShiftedClock, createClock, SystemClock } from './clock.js';

describe('clock', () => {
  it('shifts the date by whole days and keeps the time of day', () => {
    const realNow = new Date('2026-11-24T02:30:00Z'); // 10:30 in Shanghai
    const clock = new ShiftedClock('2023-04-10', 'Asia/Shanghai', realNow);
    expect(new Date(realNow.getTime() + clock.offsetMs).toISOString()).toBe('2023-04-10T02:30:00.000Z');
  });

  it('uses the zone, not UTC, to decide what "today" is', () => {
    const realNow = new Date('2026-11-24T17:00:00Z'); // already 25 Nov in Shanghai
    const clock = new ShiftedClock('2023-04-10', 'Asia/Shanghai', realNow);
    expect(new Date(realNow.getTime() + clock.offsetMs).toISOString()).toBe('2023-04-09T17:00:00.000Z');
  });

  it('prefers a frozen instant over a shifted date', () => {
    const clock = createClock({
      APP_NOW: '2023-04-10T09:00:00+08:00',
      APP_TODAY: '2023-01-01',
      APP_TIMEZONE: 'Asia/Shanghai',
    });
    expect(clock).toBeInstanceOf(FixedClock);
    expect(clock.now().toISOString()).toBe('2023-04-10T01:00:00.000Z');
  });

  it('falls back to the system clock', () => {
    expect(createClock({ APP_TIMEZONE: 'Asia/Shanghai' })).toBeInstanceOf(SystemClock);
  });
});

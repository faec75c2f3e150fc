import { describe, expect, it } from '@jest/globals';
import {
  WorkingCalendar,
  addDays,
  chinaWorkingCalendar2023,
  dayOfWeek,
  localDate,
  localDateFromParts,
  localDateTimeOf,
  localTime,
  type LocalDate,
} from '../calendar/index.js';
import { DEFAULT_DEADLINE_RULE, type DeadlineRule } from './deadline-rule.js';
import { monthlyPeriod, monthlyPeriods, parsePeriodKey, periodKey, periodPhase } from './periods.js';

const SHANGHAI = 'Asia/Shanghai';
const cal2023 = chinaWorkingCalendar2023();

describe('monthlyPeriods 2023, default rule (5th, 17:00, moved past days off), 2023 calendar', () => {
  const periods = monthlyPeriods(2023, DEFAULT_DEADLINE_RULE, cal2023, SHANGHAI);

  it.each([
    { month: 1, key: '2023-01', due: '2023-02-06', why: '02-05 is a Sunday' },
    { month: 2, key: '2023-02', due: '2023-03-06', why: '03-05 is a Sunday' },
    { month: 3, key: '2023-03', due: '2023-04-06', why: '04-05 is 清明' },
    { month: 4, key: '2023-04', due: '2023-05-05', why: 'a Friday after 劳动节: stays' },
    { month: 5, key: '2023-05', due: '2023-06-05', why: 'a Monday' },
    { month: 6, key: '2023-06', due: '2023-07-05', why: 'a Wednesday' },
    { month: 7, key: '2023-07', due: '2023-08-07', why: '08-05 is a Saturday' },
    { month: 8, key: '2023-08', due: '2023-09-05', why: 'a Tuesday' },
    { month: 9, key: '2023-09', due: '2023-10-07', why: '10-05 is 国庆; 10-07 is a make-up Saturday' },
    { month: 10, key: '2023-10', due: '2023-11-06', why: '11-05 is a Sunday' },
    { month: 11, key: '2023-11', due: '2023-12-05', why: 'a Tuesday' },
    { month: 12, key: '2023-12', due: '2024-01-05', why: 'next January, a Friday' },
  ])('$key is due $due ($why)', ({ month, key, due }) => {
    const period = periods[month - 1];
    expect(period).toMatchObject({ year: 2023, month, key, opensOn: `${key}-01`, dueDate: due, closesAt: null });
    expect(period?.deadline.toISOString()).toBe(`${due}T09:00:00.000Z`);
    expect(period?.opensAt.toISOString()).toBe(addDays(localDate(`${key}-01`), -1) + 'T16:00:00.000Z');
  });

  it('without a calendar nothing moves, not even off a Sunday', () => {
    const plain = monthlyPeriods(2023, DEFAULT_DEADLINE_RULE, null, SHANGHAI);
    expect(plain.map((p) => p.dueDate)).toEqual([
      '2023-02-05',
      '2023-03-05',
      '2023-04-05',
      '2023-05-05',
      '2023-06-05',
      '2023-07-05',
      '2023-08-05',
      '2023-09-05',
      '2023-10-05',
      '2023-11-05',
      '2023-12-05',
      '2024-01-05',
    ]);
  });

  it('moveToNextWorkingDay: false keeps the nominal day even with a calendar', () => {
    const p = monthlyPeriod(2023, 9, { ...DEFAULT_DEADLINE_RULE, moveToNextWorkingDay: false }, cal2023, SHANGHAI);
    expect(p.dueDate).toBe('2023-10-05');
  });

  it('closesAt is closeAfterDays calendar days later at the same wall-clock time', () => {
    const rule: DeadlineRule = {
      dayOfFollowingMonth: 10,
      time: localTime('18:00'),
      moveToNextWorkingDay: true,
      closeAfterDays: 5,
    };
    const p = monthlyPeriod(2023, 2, rule, cal2023, SHANGHAI);
    expect(p.dueDate).toBe('2023-03-10');
    expect(p.deadline.toISOString()).toBe('2023-03-10T10:00:00.000Z');
    expect(p.closesAt?.toISOString()).toBe('2023-03-15T10:00:00.000Z');
  });

  it('keeps the wall-clock time across a DST change (Berlin, 2023-03-26)', () => {
    const rule: DeadlineRule = {
      dayOfFollowingMonth: 24,
      time: localTime('17:00'),
      moveToNextWorkingDay: false,
      closeAfterDays: 3,
    };
    const p = monthlyPeriod(2023, 2, rule, null, 'Europe/Berlin');
    expect(p.deadline.toISOString()).toBe('2023-03-24T16:00:00.000Z');
    expect(p.closesAt?.toISOString()).toBe('2023-03-27T15:00:00.000Z');
  });

  it('refuses a rule that cannot make a date every month', () => {
    const bad = { ...DEFAULT_DEADLINE_RULE, dayOfFollowingMonth: 30 };
    expect(() => monthlyPeriods(2023, bad, null, SHANGHAI)).toThrow(/报送时限规则无效/);
  });
});

describe('periodPhase (period 2023-02, due 2023-03-06 17:00, closes 3 days later)', () => {
  const p = monthlyPeriod(2023, 2, { ...DEFAULT_DEADLINE_RULE, closeAfterDays: 3 }, cal2023, SHANGHAI);
  it.each([
    { now: '2023-01-31T15:59:59.999Z', phase: 'upcoming' },
    { now: '2023-01-31T16:00:00.000Z', phase: 'open' },
    { now: '2023-03-06T09:00:00.000Z', phase: 'open' },
    { now: '2023-03-06T09:00:00.001Z', phase: 'overdue' },
    { now: '2023-03-09T08:59:59.999Z', phase: 'overdue' },
    { now: '2023-03-09T09:00:00.000Z', phase: 'closed' },
  ])('$now → $phase', ({ now, phase }) => {
    expect(periodPhase(p, new Date(now))).toBe(phase);
  });

  it('a period that never closes stays overdue', () => {
    const open = monthlyPeriod(2023, 2, DEFAULT_DEADLINE_RULE, cal2023, SHANGHAI);
    expect(periodPhase(open, new Date('2030-01-01T00:00:00Z'))).toBe('overdue');
  });
});

describe('period keys', () => {
  it('formats and parses', () => {
    expect(periodKey(2023, 3)).toBe('2023-03');
    expect(parsePeriodKey('2023-12')).toEqual({ year: 2023, month: 12 });
    expect(parsePeriodKey('2023-13')).toBeNull();
    expect(parsePeriodKey('2023-3')).toBeNull();
    for (const key of ['x2023-03', '2023-03x', '2023-00', '0000-01', '2023-03-01'])
      expect({ key, parsed: parsePeriodKey(key) }).toEqual({ key, parsed: null });
    expect(() => periodKey(2023, 0)).toThrow(RangeError);
  });
});

/** mulberry32: a small seeded PRNG, so failures are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A made-up holiday arrangement for a year: a few runs of days off and some make-up weekend days. */
function randomCalendar(year: number, random: () => number): WorkingCalendar {
  const holidays = new Set<LocalDate>();
  const runs = Math.floor(random() * 7);
  for (let r = 0; r < runs; r += 1) {
    const start = localDateFromParts(year, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    const length = 1 + Math.floor(random() * 9);
    for (let i = 0; i < length; i += 1) holidays.add(addDays(start, i));
  }
  const makeUp = new Set<LocalDate>();
  for (let i = 0; i < 6; i += 1) {
    const day = localDateFromParts(year, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    if (dayOfWeek(day) >= 6 && !holidays.has(day)) makeUp.add(day);
  }
  return new WorkingCalendar({ holidays: [...holidays], makeUpWorkdays: [...makeUp] });
}

describe('property: deadlines of every valid rule, 2020–2030', () => {
  const random = prng(20230405);
  const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC'];
  const times = ['00:00', '02:30', '09:00', '17:00', '23:59'];

  it('are strictly increasing, fall in the following month or later, and land on working days when the rule says so', () => {
    let checked = 0;
    const failures: string[] = [];
    for (let year = 2020; year <= 2030; year += 1) {
      const calendars = [
        cal2023,
        WorkingCalendar.weekdaysOnly(),
        randomCalendar(year, random),
        randomCalendar(year + 1, random),
      ];
      for (let day = 1; day <= 28; day += 1) {
        for (const move of [true, false]) {
          const rule: DeadlineRule = {
            dayOfFollowingMonth: day,
            time: localTime(times[Math.floor(random() * times.length)] ?? '17:00'),
            moveToNextWorkingDay: move,
            closeAfterDays: random() < 0.5 ? null : Math.floor(random() * 40),
          };
          const zone = zones[Math.floor(random() * zones.length)] ?? 'UTC';
          for (const calendar of [...calendars, null]) {
            const periods = monthlyPeriods(year, rule, calendar, zone);
            const fail = (what: string) =>
              failures.push(
                `${year} ${JSON.stringify(rule)} ${zone} calendar=${calendar === null ? 'none' : calendars.indexOf(calendar)}: ${what}`,
              );
            if (periods.length !== 12) fail('not 12 periods');
            periods.forEach((p, i) => {
              const nominal = localDateFromParts(
                p.month === 12 ? year + 1 : year,
                p.month === 12 ? 1 : p.month + 1,
                day,
              );
              if (p.dueDate < nominal) fail(`${p.key} due ${p.dueDate} before ${nominal}`);
              if (move && calendar && !calendar.isWorkingDay(p.dueDate)) fail(`${p.key} due on a day off ${p.dueDate}`);
              if (!(move && calendar) && p.dueDate !== nominal) fail(`${p.key} moved without reason`);
              if (zone === 'Asia/Shanghai' || zone === 'UTC') {
                const local = localDateTimeOf(p.deadline, zone);
                if (local.date !== p.dueDate || local.time !== rule.time)
                  fail(`${p.key} deadline ${p.deadline.toISOString()} is not ${p.dueDate} ${rule.time}`);
              }
              if (p.closesAt && p.closesAt < p.deadline) fail(`${p.key} closes before its deadline`);
              const next = periods[i + 1];
              if (next && next.deadline.getTime() <= p.deadline.getTime()) fail(`${next.key} not after ${p.key}`);
              if (p.opensAt >= p.deadline) fail(`${p.key} opens after its deadline`);
            });
            checked += 1;
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(11 * 28 * 2 * 5);
  });
});

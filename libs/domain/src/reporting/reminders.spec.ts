import { describe, expect, it } from '@jest/globals';
import { chinaWorkingCalendar2023, localTime } from '../calendar/index.js';
import { DEFAULT_DEADLINE_RULE } from './deadline-rule.js';
import { monthlyPeriod } from './periods.js';
import { dueReminders, reminderSchedule, type ReminderEntry } from './reminders.js';

const SHANGHAI = 'Asia/Shanghai';
const show = (entries: ReminderEntry[]) => entries.map((e) => `${e.kind} ${e.offset} ${e.at.toISOString()}`);

// 2023-02's report: due Monday 2023-03-06 17:00 Shanghai (09:00Z).
const feb = monthlyPeriod(2023, 2, DEFAULT_DEADLINE_RULE, chinaWorkingCalendar2023(), SHANGHAI);

describe('reminderSchedule', () => {
  it('defaults: D-3 and D-1 at 09:00, escalation at the next 09:00 after the deadline', () => {
    expect(show(reminderSchedule(feb.deadline, {}, SHANGHAI))).toEqual([
      'reminder D-3 2023-03-03T01:00:00.000Z',
      'reminder D-1 2023-03-05T01:00:00.000Z',
      'escalation D+1 2023-03-07T01:00:00.000Z',
    ]);
  });

  it.each([
    {
      name: 'same-day reminder before a 17:00 deadline, duplicates dropped',
      options: { beforeDays: [0, 1, 1, 7] },
      expected: [
        'reminder D-7 2023-02-27T01:00:00.000Z',
        'reminder D-1 2023-03-05T01:00:00.000Z',
        'reminder D-0 2023-03-06T01:00:00.000Z',
        'escalation D+1 2023-03-07T01:00:00.000Z',
      ],
    },
    {
      name: 'a D-0 reminder after the deadline is dropped (send 18:00, deadline 17:00)',
      options: { beforeDays: [1, 0], sendTime: localTime('18:00') },
      expected: ['reminder D-1 2023-03-05T10:00:00.000Z', 'escalation D+0 2023-03-06T10:00:00.000Z'],
    },
    {
      name: 'a D-0 reminder exactly at the deadline is kept',
      options: { beforeDays: [0], sendTime: localTime('17:00') },
      expected: ['reminder D-0 2023-03-06T09:00:00.000Z', 'escalation D+1 2023-03-07T09:00:00.000Z'],
    },
    {
      name: 'escalation a fixed number of hours after the deadline',
      options: { beforeDays: [], escalateAfterHours: 24 },
      expected: ['escalation D+1 2023-03-07T09:00:00.000Z'],
    },
    {
      name: 'escalation two hours after the deadline, same day',
      options: { beforeDays: [2], escalateAfterHours: 2 },
      expected: ['reminder D-2 2023-03-04T01:00:00.000Z', 'escalation D+0 2023-03-06T11:00:00.000Z'],
    },
  ])('$name', ({ options, expected }) => {
    expect(show(reminderSchedule(feb.deadline, options, SHANGHAI))).toEqual(expected);
  });

  it('escalates on the same day when the deadline is before the send time', () => {
    const deadline = new Date('2023-03-06T00:00:00.000Z'); // 08:00 Shanghai
    expect(show(reminderSchedule(deadline, { beforeDays: [0] }, SHANGHAI))).toEqual([
      'escalation D+0 2023-03-06T01:00:00.000Z',
    ]);
  });

  it('counts calendar days in the zone across a DST change (Berlin, deadline Monday 2023-03-27 17:00 CEST)', () => {
    const deadline = new Date('2023-03-27T15:00:00.000Z');
    expect(show(reminderSchedule(deadline, { beforeDays: [3, 1] }, 'Europe/Berlin'))).toEqual([
      'reminder D-3 2023-03-24T08:00:00.000Z', // 09:00 CET
      'reminder D-1 2023-03-26T07:00:00.000Z', // 09:00 CEST
      'escalation D+1 2023-03-28T07:00:00.000Z',
    ]);
  });

  it('uses the local date of the deadline, not the UTC one', () => {
    // 2023-03-06 07:00 Shanghai is still 2023-03-05 in UTC.
    const deadline = new Date('2023-03-05T23:00:00.000Z');
    expect(show(reminderSchedule(deadline, { beforeDays: [1] }, SHANGHAI))).toEqual([
      'reminder D-1 2023-03-05T01:00:00.000Z',
      'escalation D+0 2023-03-06T01:00:00.000Z',
    ]);
  });

  it('refuses bad options', () => {
    expect(() => reminderSchedule(feb.deadline, { beforeDays: [-1] }, SHANGHAI)).toThrow(/提前天数/);
    expect(() => reminderSchedule(feb.deadline, { beforeDays: [1.5] }, SHANGHAI)).toThrow(/提前天数/);
    expect(() =>
      reminderSchedule(feb.deadline, { sendTime: '25:00' as ReturnType<typeof localTime> }, SHANGHAI),
    ).toThrow(/发送时间/);
    expect(() => reminderSchedule(feb.deadline, { escalateAfterHours: -1 }, SHANGHAI)).toThrow(/催报/);
    expect(() => reminderSchedule(new Date(Number.NaN), {}, SHANGHAI)).toThrow(/截止时间/);
  });
});

describe('dueReminders', () => {
  const schedule = reminderSchedule(feb.deadline, {}, SHANGHAI);
  const offsets = (lastRunAt: string | null, now: string) =>
    dueReminders(schedule, lastRunAt === null ? null : new Date(lastRunAt), new Date(now)).map((e) => e.offset);

  it.each([
    { lastRunAt: '2023-03-03T00:45:00.000Z', now: '2023-03-03T01:00:00.000Z', due: ['D-3'], why: 'at exactly `at`' },
    {
      lastRunAt: '2023-03-03T01:00:00.000Z',
      now: '2023-03-03T01:15:00.000Z',
      due: [],
      why: 'not again on the next run',
    },
    { lastRunAt: '2023-03-02T00:00:00.000Z', now: '2023-03-02T00:15:00.000Z', due: [], why: 'nothing yet' },
    {
      lastRunAt: '2023-03-02T00:00:00.000Z',
      now: '2023-03-08T00:00:00.000Z',
      due: ['D-3', 'D-1', 'D+1'],
      why: 'a worker down for days catches up',
    },
    { lastRunAt: null, now: '2023-03-05T12:00:00.000Z', due: ['D-3', 'D-1'], why: 'never ran: everything up to now' },
    {
      lastRunAt: '2023-03-08T00:00:00.000Z',
      now: '2023-03-07T00:00:00.000Z',
      due: [],
      why: 'a clock going backwards fires nothing',
    },
  ])('$why', ({ lastRunAt, now, due }) => {
    expect(offsets(lastRunAt, now)).toEqual(due);
  });

  it('a job every 15 minutes through the month fires each entry exactly once', () => {
    const fired: string[] = [];
    let last: Date | null = new Date('2023-02-25T16:00:00.000Z');
    for (let t = last.getTime() + 15 * 60_000; t <= Date.parse('2023-03-10T00:00:00.000Z'); t += 15 * 60_000) {
      const now = new Date(t);
      fired.push(...dueReminders(schedule, last, now).map((e) => `${e.offset}@${now.toISOString()}`));
      last = now;
    }
    expect(fired).toEqual([
      'D-3@2023-03-03T01:00:00.000Z',
      'D-1@2023-03-05T01:00:00.000Z',
      'D+1@2023-03-07T01:00:00.000Z',
    ]);
  });
});

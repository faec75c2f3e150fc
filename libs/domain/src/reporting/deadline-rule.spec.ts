import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DEADLINE_RULE, assertDeadlineRule, validateDeadlineRule } from './deadline-rule.js';

describe('validateDeadlineRule', () => {
  it('fills missing fields from the default {5, 17:00, true, null}', () => {
    expect(validateDeadlineRule({})).toEqual({
      ok: true,
      rule: { dayOfFollowingMonth: 5, time: '17:00', moveToNextWorkingDay: true, closeAfterDays: null },
    });
    expect(validateDeadlineRule({})).toEqual({ ok: true, rule: DEFAULT_DEADLINE_RULE });
  });

  it.each([
    { raw: { dayOfFollowingMonth: 1, time: '00:00', moveToNextWorkingDay: false, closeAfterDays: 0 } },
    { raw: { dayOfFollowingMonth: 28, time: '23:59', moveToNextWorkingDay: true, closeAfterDays: 366 } },
    { raw: { dayOfFollowingMonth: 10, time: '12:00', moveToNextWorkingDay: true, closeAfterDays: 10 } },
  ])('accepts $raw', ({ raw }) => {
    expect(validateDeadlineRule(raw)).toEqual({ ok: true, rule: raw });
  });

  it.each<{ raw: unknown; field: string; reason: RegExp }>([
    { raw: { dayOfFollowingMonth: 0 }, field: 'dayOfFollowingMonth', reason: /1–28/ },
    { raw: { dayOfFollowingMonth: 29 }, field: 'dayOfFollowingMonth', reason: /2 月等月份没有这一天/ },
    { raw: { dayOfFollowingMonth: 31 }, field: 'dayOfFollowingMonth', reason: /2 月/ },
    { raw: { dayOfFollowingMonth: 32 }, field: 'dayOfFollowingMonth', reason: /1–28/ },
    { raw: { dayOfFollowingMonth: -5 }, field: 'dayOfFollowingMonth', reason: /1–28/ },
    { raw: { dayOfFollowingMonth: 5.5 }, field: 'dayOfFollowingMonth', reason: /整数/ },
    { raw: { dayOfFollowingMonth: '5' }, field: 'dayOfFollowingMonth', reason: /整数/ },
    { raw: { dayOfFollowingMonth: null }, field: 'dayOfFollowingMonth', reason: /整数/ },
    { raw: { dayOfFollowingMonth: Number.NaN }, field: 'dayOfFollowingMonth', reason: /整数/ },
    { raw: { time: '25:00' }, field: 'time', reason: /HH:mm/ },
    { raw: { time: '24:00' }, field: 'time', reason: /HH:mm/ },
    { raw: { time: '17:60' }, field: 'time', reason: /HH:mm/ },
    { raw: { time: '9:00' }, field: 'time', reason: /HH:mm/ },
    { raw: { time: '17:00:00' }, field: 'time', reason: /HH:mm/ },
    { raw: { time: 1700 }, field: 'time', reason: /HH:mm/ },
    { raw: { moveToNextWorkingDay: 'yes' }, field: 'moveToNextWorkingDay', reason: /true 或 false/ },
    { raw: { closeAfterDays: -1 }, field: 'closeAfterDays', reason: /0–366/ },
    { raw: { closeAfterDays: 1.5 }, field: 'closeAfterDays', reason: /整数/ },
    { raw: { closeAfterDays: 400 }, field: 'closeAfterDays', reason: /0–366/ },
    { raw: { closeAfterDays: '3' }, field: 'closeAfterDays', reason: /整数/ },
    { raw: { dayOfFolowingMonth: 5 }, field: 'dayOfFolowingMonth', reason: /未知字段/ },
    { raw: null, field: '', reason: /对象/ },
    { raw: [5], field: '', reason: /对象/ },
    { raw: '5', field: '', reason: /对象/ },
  ])('rejects $raw ($field)', ({ raw, field, reason }) => {
    const result = validateDeadlineRule(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.field).toBe(field);
      expect(result.errors[0]?.reason).toMatch(reason);
    }
  });

  it('reports every problem at once', () => {
    const result = validateDeadlineRule({
      dayOfFollowingMonth: 31,
      time: '25:00',
      moveToNextWorkingDay: 1,
      closeAfterDays: -3,
    });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      'dayOfFollowingMonth',
      'time',
      'moveToNextWorkingDay',
      'closeAfterDays',
    ]);
  });

  it('assertDeadlineRule throws a RangeError listing the reasons', () => {
    expect(() => assertDeadlineRule({ dayOfFollowingMonth: 30 })).toThrow(/报送时限规则无效：dayOfFollowingMonth/);
    expect(() => assertDeadlineRule({ dayOfFollowingMonth: 0, time: '9:00' })).toThrow(
      new RangeError(
        '报送时限规则无效：dayOfFollowingMonth：截止日必须在 1–28 之间（每个月都有的日期），收到 0；' +
          'time：截止时间必须是 HH:mm 格式（00:00–23:59），收到 “9:00”',
      ),
    );
  });

  // The office reads these under the form's field: the value as typed, and why 29–31 is not a rule.
  it.each<{ day: unknown; reason: string }>([
    { day: 29, reason: '截止日必须在 1–28 之间（每个月都有的日期），收到 29：2 月等月份没有这一天' },
    { day: 31, reason: '截止日必须在 1–28 之间（每个月都有的日期），收到 31：2 月等月份没有这一天' },
    { day: 32, reason: '截止日必须在 1–28 之间（每个月都有的日期），收到 32' },
    { day: 0, reason: '截止日必须在 1–28 之间（每个月都有的日期），收到 0' },
    { day: -30, reason: '截止日必须在 1–28 之间（每个月都有的日期），收到 -30' },
    { day: '5', reason: '截止日必须是 1–28 的整数，收到 “5”' },
    { day: 5.5, reason: '截止日必须是 1–28 的整数，收到 5.5' },
    { day: undefined, reason: '截止日必须是 1–28 的整数，收到 空值' },
    { day: null, reason: '截止日必须是 1–28 的整数，收到 null' },
    { day: [5], reason: '截止日必须是 1–28 的整数，收到 [5]' },
  ])('dayOfFollowingMonth $day: $reason', ({ day, reason }) => {
    expect(validateDeadlineRule({ dayOfFollowingMonth: day })).toEqual({
      ok: false,
      errors: [{ field: 'dayOfFollowingMonth', reason }],
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REMINDER_RULE, reminderRuleOrDefault, validateReminderRule } from './reminder-rule.js';

describe('validateReminderRule', () => {
  it('{} is the defaults: D-3 and D-1 at 09:00, escalation at the next send time, nudges after 30 days', () => {
    expect(validateReminderRule({})).toEqual({
      ok: true,
      rule: { beforeDays: [3, 1], sendTime: '09:00', escalateAfterHours: 0, nudgeAfterDays: 30 },
    });
  });

  it('takes given fields, sorting and de-duplicating offsets', () => {
    expect(
      validateReminderRule({ beforeDays: [1, 5, 1], sendTime: '08:30', escalateAfterHours: 24, nudgeAfterDays: 0 }),
    ).toEqual({
      ok: true,
      rule: { beforeDays: [5, 1], sendTime: '08:30', escalateAfterHours: 24, nudgeAfterDays: 0 },
    });
  });

  it.each([
    [{ beforeDays: 3 }, 'beforeDays'],
    [{ beforeDays: [-1] }, 'beforeDays'],
    [{ beforeDays: [29] }, 'beforeDays'],
    [{ beforeDays: [1.5] }, 'beforeDays'],
    [{ sendTime: '9:00' }, 'sendTime'],
    [{ escalateAfterHours: -2 }, 'escalateAfterHours'],
    [{ escalateAfterHours: 1000 }, 'escalateAfterHours'],
    [{ nudgeAfterDays: 'x' }, 'nudgeAfterDays'],
    [{ nudgeAfterDay: 10 }, 'nudgeAfterDay'],
  ])('refuses %j naming %s', (raw, field) => {
    const result = validateReminderRule(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses a non-object', () => {
    expect(validateReminderRule([]).ok).toBe(false);
    expect(validateReminderRule(null).ok).toBe(false);
  });

  it('falls back to the defaults for a broken stored rule, reporting why', () => {
    const { rule, errors } = reminderRuleOrDefault({ beforeDays: 'soon' });
    expect(rule).toBe(DEFAULT_REMINDER_RULE);
    expect(errors[0]!.reason).toContain('提前提醒天数');
  });
});

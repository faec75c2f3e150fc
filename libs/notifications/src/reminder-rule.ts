/** A plan's reminder settings (plans.reminder_rule), stored as JSON; `{}` means the defaults. */
import { DEFAULT_REMINDER_OPTIONS, isLocalTime, type LocalTime, type ReminderOptions } from '@app/domain';

export interface ReminderRule extends ReminderOptions {
  /** Nudge the liaisons of an assignment with no update for this many days; 0 turns nudges off. */
  nudgeAfterDays: number;
}

export interface ReminderRuleIssue {
  field: string;
  reason: string;
}

export type ReminderRuleValidation = { ok: true; rule: ReminderRule } | { ok: false; errors: ReminderRuleIssue[] };

export const DEFAULT_NUDGE_AFTER_DAYS = 30;
/** Reminders further ahead than four weeks belong to the previous month's period. */
export const MAX_BEFORE_DAYS = 28;
/** An escalation more than a month late is no longer an escalation. */
export const MAX_ESCALATE_AFTER_HOURS = 720;
export const MAX_NUDGE_AFTER_DAYS = 365;

export const DEFAULT_REMINDER_RULE: Readonly<ReminderRule> = Object.freeze({
  beforeDays: DEFAULT_REMINDER_OPTIONS.beforeDays,
  sendTime: DEFAULT_REMINDER_OPTIONS.sendTime,
  escalateAfterHours: DEFAULT_REMINDER_OPTIONS.escalateAfterHours,
  nudgeAfterDays: DEFAULT_NUDGE_AFTER_DAYS,
});

const FIELDS = ['beforeDays', 'sendTime', 'escalateAfterHours', 'nudgeAfterDays'] as const;

/**
 * Checks a stored rule. A missing field takes its default; an unknown field is an error so a
 * misspelt key is caught. Reasons are Chinese, for the office's form.
 */
export function validateReminderRule(raw: unknown): ReminderRuleValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, errors: [{ field: '', reason: '提醒规则必须是对象' }] };
  const record = raw as Record<string, unknown>;
  const errors: ReminderRuleIssue[] = [];
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) errors.push({ field: key, reason: `未知字段 ${key}` });
  }
  const beforeDays = record['beforeDays'] ?? DEFAULT_REMINDER_RULE.beforeDays;
  if (
    !Array.isArray(beforeDays) ||
    beforeDays.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_BEFORE_DAYS)
  ) {
    errors.push({ field: 'beforeDays', reason: `提前提醒天数必须是 0–${MAX_BEFORE_DAYS} 的整数数组，如 [3, 1]` });
  }
  const sendTime = record['sendTime'] ?? DEFAULT_REMINDER_RULE.sendTime;
  if (!isLocalTime(sendTime)) errors.push({ field: 'sendTime', reason: '发送时间必须是 HH:mm 格式（00:00–23:59）' });
  const escalate = record['escalateAfterHours'] ?? DEFAULT_REMINDER_RULE.escalateAfterHours;
  if (
    typeof escalate !== 'number' ||
    !Number.isInteger(escalate) ||
    escalate < 0 ||
    escalate > MAX_ESCALATE_AFTER_HOURS
  ) {
    errors.push({
      field: 'escalateAfterHours',
      reason: `逾期催报延后小时数必须是 0–${MAX_ESCALATE_AFTER_HOURS} 的整数（0 表示截止后的第一个发送时间）`,
    });
  }
  const nudge = record['nudgeAfterDays'] ?? DEFAULT_REMINDER_RULE.nudgeAfterDays;
  if (typeof nudge !== 'number' || !Number.isInteger(nudge) || nudge < 0 || nudge > MAX_NUDGE_AFTER_DAYS) {
    errors.push({
      field: 'nudgeAfterDays',
      reason: `未更新提醒天数必须是 0–${MAX_NUDGE_AFTER_DAYS} 的整数（0 表示不提醒）`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    rule: {
      beforeDays: [...new Set(beforeDays as number[])].sort((a, b) => b - a),
      sendTime: sendTime as LocalTime,
      escalateAfterHours: escalate as number,
      nudgeAfterDays: nudge as number,
    },
  };
}

/** The rule, or the defaults when the stored JSON is broken (reminders still go out; the caller logs the problems). */
export function reminderRuleOrDefault(raw: unknown): { rule: ReminderRule; errors: ReminderRuleIssue[] } {
  const result = validateReminderRule(raw);
  return result.ok ? { rule: result.rule, errors: [] } : { rule: DEFAULT_REMINDER_RULE, errors: result.errors };
}

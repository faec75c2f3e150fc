/** When a month's report is due (报送时限), as data a plan stores and an office can edit. */
import { isLocalTime, localTime, type LocalTime } from '../calendar/index.js';

export interface DeadlineRule {
  /** Day of the month after the reporting month, 1–28 so that every month has it. */
  dayOfFollowingMonth: number;
  /** Wall-clock time of the deadline in the plan's time zone, 'HH:mm'. */
  time: LocalTime;
  /** A due date that falls on a day off moves to the next working day (when a calendar is given). */
  moveToNextWorkingDay: boolean;
  /** Whole days after the deadline when the period stops accepting reports; null = never closes. */
  closeAfterDays: number | null;
}

export interface DeadlineRuleIssue {
  field: string;
  reason: string;
}

export type DeadlineRuleValidation = { ok: true; rule: DeadlineRule } | { ok: false; errors: DeadlineRuleIssue[] };

/** The 5th of the following month at 17:00, moved past holidays, never closing. */
export const DEFAULT_DEADLINE_RULE: Readonly<DeadlineRule> = Object.freeze({
  dayOfFollowingMonth: 5,
  time: localTime('17:00'),
  moveToNextWorkingDay: true,
  closeAfterDays: null,
});

/** A grace period beyond a year is a typo, not a rule. */
export const MAX_CLOSE_AFTER_DAYS = 366;

const FIELDS = ['dayOfFollowingMonth', 'time', 'moveToNextWorkingDay', 'closeAfterDays'] as const;

/**
 * Checks a rule stored as JSON. A missing field takes its default (so `{ dayOfFollowingMonth: 10 }`
 * is a whole rule); an unknown field is an error, so that a misspelt key is not silently ignored.
 * Reasons are in Chinese, for the office's form.
 */
export function validateDeadlineRule(raw: unknown): DeadlineRuleValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', reason: '报送时限规则必须是对象' }] };
  }
  const record = raw as Record<string, unknown>;
  const errors: DeadlineRuleIssue[] = [];
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) errors.push({ field: key, reason: `未知字段 ${key}` });
  }

  const day =
    'dayOfFollowingMonth' in record ? record['dayOfFollowingMonth'] : DEFAULT_DEADLINE_RULE.dayOfFollowingMonth;
  if (typeof day !== 'number' || !Number.isInteger(day)) {
    errors.push({ field: 'dayOfFollowingMonth', reason: `截止日必须是 1–28 的整数，收到 ${shown(day)}` });
  } else if (day < 1 || day > 28) {
    errors.push({
      field: 'dayOfFollowingMonth',
      reason:
        `截止日必须在 1–28 之间（每个月都有的日期），收到 ${day}` +
        (day > 28 && day <= 31 ? '：2 月等月份没有这一天' : ''),
    });
  }

  const time = 'time' in record ? record['time'] : DEFAULT_DEADLINE_RULE.time;
  if (!isLocalTime(time))
    errors.push({ field: 'time', reason: `截止时间必须是 HH:mm 格式（00:00–23:59），收到 ${shown(time)}` });

  const move =
    'moveToNextWorkingDay' in record ? record['moveToNextWorkingDay'] : DEFAULT_DEADLINE_RULE.moveToNextWorkingDay;
  if (typeof move !== 'boolean')
    errors.push({ field: 'moveToNextWorkingDay', reason: `“遇节假日顺延”必须是 true 或 false，收到 ${shown(move)}` });

  const close = 'closeAfterDays' in record ? record['closeAfterDays'] : DEFAULT_DEADLINE_RULE.closeAfterDays;
  if (
    close !== null &&
    (typeof close !== 'number' || !Number.isInteger(close) || close < 0 || close > MAX_CLOSE_AFTER_DAYS)
  ) {
    errors.push({
      field: 'closeAfterDays',
      reason: `关闭天数必须是 0–${MAX_CLOSE_AFTER_DAYS} 的整数，或 null 表示不关闭，收到 ${shown(close)}`,
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    rule: {
      dayOfFollowingMonth: day as number,
      time: time as LocalTime,
      moveToNextWorkingDay: move as boolean,
      closeAfterDays: close as number | null,
    },
  };
}

/** The rule, or a RangeError listing every problem (for rules that should already be valid). */
export function assertDeadlineRule(raw: unknown): DeadlineRule {
  const result = validateDeadlineRule(raw);
  if (!result.ok)
    throw new RangeError(`报送时限规则无效：${result.errors.map((e) => `${e.field}：${e.reason}`).join('；')}`);
  return result.rule;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `“${value}”`;
  if (value === undefined) return '空值';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** When to remind liaisons before a deadline (提醒) and when to escalate after it (催报). */
import {
  addDays,
  daysBetween,
  isLocalTime,
  localDateOf,
  localTime,
  zonedInstant,
  type LocalTime,
} from '../calendar/index.js';

export type ReminderKind = 'reminder' | 'escalation';

export interface ReminderEntry {
  kind: ReminderKind;
  /** Calendar days from the deadline's local date: 'D-3', 'D-1', 'D-0' (same day), 'D+1'. Stable, for idempotency keys. */
  offset: string;
  at: Date;
}

export interface ReminderOptions {
  /** Calendar days before the deadline's local date to remind on (non-negative integers). */
  beforeDays: readonly number[];
  /** Wall-clock time in the plan's zone at which reminders (and a default escalation) go out. */
  sendTime: LocalTime;
  /** 0: escalate at the first `sendTime` strictly after the deadline; h > 0: exactly h hours after it. */
  escalateAfterHours: number;
}

export const DEFAULT_REMINDER_OPTIONS: Readonly<ReminderOptions> = Object.freeze({
  beforeDays: Object.freeze([3, 1]),
  sendTime: localTime('09:00'),
  escalateAfterHours: 0,
});

const MS_PER_HOUR = 3_600_000;

/**
 * The reminders and the escalation for one deadline, sorted by time (a reminder before an
 * escalation at the same instant). Day offsets count calendar days in `timeZone`, not working
 * days. A reminder that would fall after the deadline (D-0 at 09:00 for a 08:00 deadline) is dropped;
 * one exactly at the deadline is kept. Duplicate `beforeDays` give one reminder.
 */
export function reminderSchedule(deadline: Date, options: Partial<ReminderOptions>, timeZone: string): ReminderEntry[] {
  const { beforeDays, sendTime, escalateAfterHours } = { ...DEFAULT_REMINDER_OPTIONS, ...options };
  if (!isLocalTime(sendTime)) throw new RangeError(`发送时间必须是 HH:mm 格式：${String(sendTime)}`);
  for (const n of beforeDays) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`提前天数必须是非负整数：${n}`);
  }
  if (!Number.isFinite(escalateAfterHours) || escalateAfterHours < 0)
    throw new RangeError(`催报延后小时数必须是非负数：${escalateAfterHours}`);
  const due = deadline.getTime();
  if (!Number.isFinite(due)) throw new RangeError('无效的截止时间');

  const dueDate = localDateOf(deadline, timeZone);
  const entries: ReminderEntry[] = [];
  for (const n of [...new Set(beforeDays)].sort((a, b) => b - a)) {
    const at = zonedInstant(addDays(dueDate, -n), sendTime, timeZone);
    if (at.getTime() <= due) entries.push({ kind: 'reminder', offset: `D-${n}`, at });
  }

  const escalationAt =
    escalateAfterHours === 0
      ? firstSendTimeAfter(deadline, sendTime, timeZone)
      : new Date(due + escalateAfterHours * MS_PER_HOUR);
  const escalationDays = daysBetween(dueDate, localDateOf(escalationAt, timeZone));
  entries.push({ kind: 'escalation', offset: `D+${escalationDays}`, at: escalationAt });

  return entries.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'reminder' ? -1 : 1),
  );
}

/**
 * The entries with lastRunAt < at ≤ now, in schedule order. A job that passes its previous run
 * time fires each entry exactly once; one that was down catches up on everything it missed.
 * lastRunAt = null (never ran) returns every entry up to now. Sending once is still guarded by a
 * unique key in the database (e.g. period × unit × offset).
 */
export function dueReminders<T extends { at: Date }>(schedule: readonly T[], lastRunAt: Date | null, now: Date): T[] {
  const from = lastRunAt === null ? Number.NEGATIVE_INFINITY : lastRunAt.getTime();
  const to = now.getTime();
  return schedule.filter((entry) => entry.at.getTime() > from && entry.at.getTime() <= to);
}

function firstSendTimeAfter(instant: Date, sendTime: LocalTime, timeZone: string): Date {
  const day = localDateOf(instant, timeZone);
  const sameDay = zonedInstant(day, sendTime, timeZone);
  return sameDay.getTime() > instant.getTime() ? sameDay : zonedInstant(addDays(day, 1), sendTime, timeZone);
}

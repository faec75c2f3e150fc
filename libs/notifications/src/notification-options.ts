import { intSetting } from '@app/mail';

/**
 * Queue and delivery settings of the notification pipeline, read from the environment with
 * defaults (a wrong value stops the process at start, naming the variable). Tests shorten them.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | MAIL_BATCH | 5 | emails per send job: one row lock, one commit and one queue job for them all |
 * | MAIL_CONCURRENCY | 2 | send jobs a worker runs at once; a crash leaves at most this × MAIL_BATCH messages unmarked (resent) |
 * | MAIL_ATTEMPTS | 8 | tries per email before it is marked failed |
 * | MAIL_BACKOFF_MS | 30000 | first retry delay; doubles each time (30 s … 64 min) |
 * | NOTIFY_DISPATCH_EVERY_MS | 5000 | how often undispatched rows are moved onto the mail queue |
 * | NOTIFY_DISPATCH_BATCH | 1000 | rows per dispatch transaction |
 * | NOTIFY_CATCHUP_HOURS | 48 | how far back a first (or long-delayed) reminder tick looks for due reminders |
 * | NOTIFY_TICK_ON_START | 0 | 1: a worker runs the reminder tick as soon as it starts, not at the next 5-minute mark (the demo sets it) |
 * | WORKER_LOCK_MS | 30000 | BullMQ job lock; a killed worker's jobs are retried after about this long |
 * | WORKER_STALLED_INTERVAL_MS | 30000 | how often a worker looks for stalled jobs |
 */
export interface NotificationOptions {
  mailBatch: number;
  mailConcurrency: number;
  mailAttempts: number;
  mailBackoffMs: number;
  dispatchEveryMs: number;
  dispatchBatch: number;
  catchUpHours: number;
  tickOnStart: boolean;
  lockDurationMs: number;
  stalledIntervalMs: number;
}

export const NOTIFICATION_OPTIONS = Symbol('NOTIFICATION_OPTIONS');

export function readNotificationOptions(raw: Record<string, string | undefined> = process.env): NotificationOptions {
  return {
    mailBatch: intSetting(raw, 'MAIL_BATCH', 5, 1, 100),
    mailConcurrency: intSetting(raw, 'MAIL_CONCURRENCY', 2, 1, 100),
    mailAttempts: intSetting(raw, 'MAIL_ATTEMPTS', 8, 1, 50),
    mailBackoffMs: intSetting(raw, 'MAIL_BACKOFF_MS', 30_000, 10, 3_600_000),
    dispatchEveryMs: intSetting(raw, 'NOTIFY_DISPATCH_EVERY_MS', 5_000, 100, 600_000),
    dispatchBatch: intSetting(raw, 'NOTIFY_DISPATCH_BATCH', 1_000, 1, 10_000),
    catchUpHours: intSetting(raw, 'NOTIFY_CATCHUP_HOURS', 48, 1, 24 * 31),
    tickOnStart: intSetting(raw, 'NOTIFY_TICK_ON_START', 0, 0, 1) === 1,
    lockDurationMs: intSetting(raw, 'WORKER_LOCK_MS', 30_000, 500, 600_000),
    stalledIntervalMs: intSetting(raw, 'WORKER_STALLED_INTERVAL_MS', 30_000, 200, 600_000),
  };
}

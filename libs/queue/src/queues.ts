/** One queue per concern. Job names and payloads are typed here so producers and processors agree. */
export const QueueName = {
  Maintenance: 'maintenance',
  /** Reminder ticks, digests and nudges: they decide who gets what and write rows to `notifications`. */
  Reminders: 'reminders',
  /** Moves undispatched `notifications` rows from PostgreSQL onto the mail queue. */
  MailDispatch: 'mail-dispatch',
  /** One job per email; the job id is the notification id, so a second enqueue is dropped. */
  Mail: 'mail',
  /** Quarterly rankings: publishes each plan's bulletin for the quarter just ended (idempotent). */
  Rankings: 'rankings',
  /** One job per group-chat post (企业微信 / 钉钉); the job id is the post id. */
  ChannelPosts: 'channel-posts',
  /** Year-end results: one job per scoring run (approval, upheld appeal); the job id is the run's id. */
  Scoring: 'scoring',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const MaintenanceJob = {
  PurgeSessions: 'purge-sessions',
  /** Every published plan has its monthly reporting periods (a new plan year, a calendar change). */
  EnsurePeriods: 'ensure-periods',
  /** Evidence files nothing references and uploads abandoned while staged, older than an hour. */
  SweepEvidence: 'sweep-evidence',
} as const;

export const RankingsJob = {
  /** Publishes the bulletin of the quarter that has just ended for every plan that can be ranked. */
  PublishDue: 'publish-due',
} as const;

export interface MaintenancePayloads {
  [MaintenanceJob.PurgeSessions]: Record<string, never>;
  [MaintenanceJob.EnsurePeriods]: Record<string, never>;
  [MaintenanceJob.SweepEvidence]: Record<string, never>;
}

export const RemindersJob = {
  /** Deadline reminders (提醒), escalations (催报) and the office's overdue digest that are due since the last tick. */
  Tick: 'tick',
  /** One email per user in daily mode with yesterday's messages (每日汇总). */
  DailyDigest: 'daily-digest',
  /** The office's weekly summary (每周汇总). */
  WeeklyDigest: 'weekly-digest',
  /** Liaisons of assignments without an update for `nudgeAfterDays`. */
  Nudges: 'nudges',
  /** Contacts of special funds whose spending is behind the time-elapsed plan (预算执行提醒). */
  FundLag: 'fund-lag',
} as const;
export type RemindersJob = (typeof RemindersJob)[keyof typeof RemindersJob];

export interface RemindersPayloads {
  [RemindersJob.Tick]: Record<string, never>;
  [RemindersJob.DailyDigest]: Record<string, never>;
  [RemindersJob.WeeklyDigest]: Record<string, never>;
  [RemindersJob.Nudges]: Record<string, never>;
  [RemindersJob.FundLag]: Record<string, never>;
}

export const MailDispatchJob = { Dispatch: 'dispatch' } as const;

export interface MailDispatchPayloads {
  [MailDispatchJob.Dispatch]: Record<string, never>;
}

export const ScoringJob = { Score: 'score' } as const;

export interface ScoringPayloads {
  [ScoringJob.Score]: { runId: string; assessmentId: string };
}

export const ChannelPostJob = { Send: 'send' } as const;

export interface ChannelPostPayloads {
  [ChannelPostJob.Send]: { postId: string };
}

export const MailJob = { Send: 'send' } as const;

/** Emails of one send job: a batch of outbox rows (`notificationId` alone: a job queued before batches). */
export interface MailPayloads {
  [MailJob.Send]: { notificationIds: string[] } | { notificationId: string };
}

/** How a recurring schedule repeats: a cron pattern in the platform's zone, or a fixed interval. */
export type ScheduleRepeat = { pattern: string } | { everyMs: number };

export interface ScheduleDefinition {
  queue: QueueName;
  job: string;
  repeat: ScheduleRepeat;
  /** Chinese label for the admin screens. */
  label: string;
}

/** Scheduler ids, as registered with `upsertJobScheduler` and named in POST /api/admin/schedules/:name/run. */
export const ScheduleName = {
  PurgeSessions: 'purge-sessions-daily',
  RemindersTick: 'reminders-tick',
  Dispatch: 'dispatch',
  DailyDigest: 'daily-digest',
  WeeklyDigest: 'weekly-digest',
  Nudges: 'nudges',
  EnsurePeriods: 'ensure-periods-daily',
  QuarterlyRanking: 'quarterly-ranking',
  FundLag: 'fund-lag-monthly',
  SweepEvidence: 'sweep-evidence-hourly',
} as const;
export type ScheduleName = (typeof ScheduleName)[keyof typeof ScheduleName];

/**
 * Every recurring job. Cron patterns have six fields (seconds first) and are read in APP_TIMEZONE;
 * the dispatch interval comes from the notification options (NOTIFY_DISPATCH_EVERY_MS).
 */
export function scheduleCatalogue(dispatchEveryMs: number): Record<ScheduleName, ScheduleDefinition> {
  return {
    [ScheduleName.PurgeSessions]: {
      queue: QueueName.Maintenance,
      job: MaintenanceJob.PurgeSessions,
      repeat: { pattern: '0 30 3 * * *' },
      label: '清理过期会话',
    },
    [ScheduleName.RemindersTick]: {
      queue: QueueName.Reminders,
      job: RemindersJob.Tick,
      repeat: { pattern: '0 */5 * * * *' },
      label: '报送提醒与逾期催报',
    },
    [ScheduleName.Dispatch]: {
      queue: QueueName.MailDispatch,
      job: MailDispatchJob.Dispatch,
      repeat: { everyMs: dispatchEveryMs },
      label: '邮件投递',
    },
    [ScheduleName.DailyDigest]: {
      queue: QueueName.Reminders,
      job: RemindersJob.DailyDigest,
      repeat: { pattern: '0 0 8 * * *' },
      label: '每日汇总',
    },
    [ScheduleName.WeeklyDigest]: {
      queue: QueueName.Reminders,
      job: RemindersJob.WeeklyDigest,
      repeat: { pattern: '0 0 9 * * 1' },
      label: '每周汇总',
    },
    [ScheduleName.Nudges]: {
      queue: QueueName.Reminders,
      job: RemindersJob.Nudges,
      repeat: { pattern: '0 0 10 * * *' },
      label: '长期未更新提醒',
    },
    [ScheduleName.EnsurePeriods]: {
      queue: QueueName.Maintenance,
      job: MaintenanceJob.EnsurePeriods,
      repeat: { pattern: '0 10 1 * * *' },
      label: '生成月度报送期',
    },
    // Ten days after each quarter ends (its last month's reports are due by the 5th–7th), 09:00.
    [ScheduleName.QuarterlyRanking]: {
      queue: QueueName.Rankings,
      job: RankingsJob.PublishDue,
      repeat: { pattern: '0 0 9 11 1,4,7,10 *' },
      label: '季度排名通报',
    },
    // After each month's execution figures are in (the 10th), 09:30.
    [ScheduleName.FundLag]: {
      queue: QueueName.Reminders,
      job: RemindersJob.FundLag,
      repeat: { pattern: '0 30 9 10 * *' },
      label: '专项资金执行进度提醒',
    },
    [ScheduleName.SweepEvidence]: {
      queue: QueueName.Maintenance,
      job: MaintenanceJob.SweepEvidence,
      repeat: { pattern: '0 20 * * * *' },
      label: '清理无引用的佐证材料',
    },
  };
}

export function isScheduleName(value: string): value is ScheduleName {
  return (Object.values(ScheduleName) as string[]).includes(value);
}

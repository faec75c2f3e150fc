import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NotificationKind = {
  Reminder: 'reminder',
  Escalation: 'escalation',
  OfficeDigest: 'office_digest',
  WeeklyDigest: 'weekly_digest',
  Nudge: 'nudge',
  Event: 'event',
  Digest: 'digest',
  YearEnd: 'year_end',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];

export const NotificationStatus = { Pending: 'pending', Sent: 'sent', Failed: 'failed' } as const;
export type NotificationStatus = (typeof NotificationStatus)[keyof typeof NotificationStatus];

/**
 * One email. The idempotency key (period, unit, recipient, kind, offset) is claimed by inserting
 * this row before sending, so a retried job, a restarted worker or a second worker sends it once;
 * the Message-ID is derived from the key, so the rare resend after a crash is recognisable.
 */
@Entity('notifications')
@Index('uq_notifications_key', ['idempotencyKey'], { unique: true })
@Index('ix_notifications_status', ['status', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300, name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: NotificationKind;

  @Column({ type: 'uuid', name: 'city_id', nullable: true })
  cityId!: string | null;

  @Column({ type: 'uuid', name: 'period_id', nullable: true })
  periodId!: string | null;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId!: string | null;

  @Column({ type: 'uuid', name: 'recipient_contact_id', nullable: true })
  recipientContactId!: string | null;

  @Column({ type: 'uuid', name: 'recipient_user_id', nullable: true })
  recipientUserId!: string | null;

  @Column({ type: 'varchar', length: 200, name: 'recipient_email' })
  recipientEmail!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text', name: 'body_text' })
  bodyText!: string;

  @Column({ type: 'text', name: 'body_html' })
  bodyHtml!: string;

  @Column({ type: 'varchar', length: 300, name: 'message_id' })
  messageId!: string;

  @Column({ type: 'varchar', length: 12, default: NotificationStatus.Pending })
  status!: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  /** When it was handed to the queue; null rows are picked up by the dispatcher. */
  @Column({ type: 'timestamptz', name: 'enqueued_at', nullable: true })
  enqueuedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

/** The in-app inbox: what a user sees under 我的消息, read or unread. */
@Entity('inbox_messages')
@Index('ix_inbox_user', ['userId', 'createdAt'])
@Index('uq_inbox_key', ['idempotencyKey'], { unique: true })
export class InboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300, name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  link!: string;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

/** When a recurring schedule last looked for work, so each due reminder fires exactly once. */
@Entity('schedule_runs')
export class ScheduleRun {
  @Column({ type: 'varchar', length: 100, primary: true })
  name!: string;

  @Column({ type: 'timestamptz', name: 'last_run_at' })
  lastRunAt!: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelMessage } from './channel-messages.js';
import type { ChannelKind } from './webhook-url.js';

export const ChannelScope = { Plan: 'plan', Unit: 'unit' } as const;
export type ChannelScope = (typeof ChannelScope)[keyof typeof ChannelScope];

/**
 * A group robot the office posts reminders to: one per plan or per unit. The webhook URL (its
 * token) and the 钉钉 secret are stored sealed (AES-256-GCM, channel-secrets.ts).
 */
@Entity('notification_channels')
@Index('ix_notification_channels_city', ['cityId'])
export class NotificationChannel {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: ChannelKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'text', name: 'webhook_sealed' })
  webhookSealed!: string;

  @Column({ type: 'text', name: 'secret_sealed', nullable: true })
  secretSealed!: string | null;

  /** Shown instead of the URL: host and last four characters. */
  @Column({ type: 'varchar', length: 120, name: 'webhook_hint' })
  webhookHint!: string;

  @Column({ type: 'varchar', length: 10 })
  scope!: ChannelScope;

  @Column({ type: 'uuid', name: 'plan_id', nullable: true })
  planId!: string | null;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'boolean', name: 'mention_by_phone', default: false })
  mentionByPhone!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}

export const ChannelPostStatus = {
  Pending: 'pending',
  /** Claimed by a worker that is talking to the service now. */
  Sending: 'sending',
  Sent: 'sent',
  Failed: 'failed',
  /** Claimed by a worker that died before it learnt the answer: perhaps posted, never retried blindly. */
  Unknown: 'unknown',
} as const;
export type ChannelPostStatus = (typeof ChannelPostStatus)[keyof typeof ChannelPostStatus];

/** One message to one channel, claimed once by its key and once more by the worker that sends it. */
@Entity('channel_posts')
@Index('uq_channel_posts_key', ['idempotencyKey'], { unique: true })
@Index('ix_channel_posts_status', ['status', 'createdAt'])
export class ChannelPost {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300, name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column({ type: 'uuid', name: 'channel_id' })
  channelId!: string;

  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'jsonb' })
  message!: ChannelMessage;

  @Column({ type: 'varchar', length: 10, default: ChannelPostStatus.Pending })
  status!: ChannelPostStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', name: 'enqueued_at', nullable: true })
  enqueuedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

import { Column, DeleteDateColumn, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '@app/common';
import type { DeadlineRule, ReminderOptions } from '@app/domain';

export const PlanStatus = { Draft: 'draft', Published: 'published', Archived: 'archived' } as const;
export type PlanStatus = (typeof PlanStatus)[keyof typeof PlanStatus];
export const planStatuses = Object.values(PlanStatus);

/** One action plan (工作方案 / 实施方案) of a city, issued as a numbered document. */
@Entity('plans')
@Index('ix_plans_city', ['cityId'])
export class Plan extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 200, name: 'issuing_body', default: '' })
  issuingBody!: string;

  /** 文号, e.g. 赣市科赋字〔2023〕1号. */
  @Column({ type: 'varchar', length: 100, name: 'doc_number', default: '' })
  docNumber!: string;

  @Column({ type: 'date', name: 'issue_date', nullable: true })
  issueDate!: string | null;

  @Column({ type: 'smallint', name: 'start_year' })
  startYear!: number;

  @Column({ type: 'smallint', name: 'end_year' })
  endYear!: number;

  @Column({ type: 'varchar', length: 16, default: PlanStatus.Draft })
  status!: PlanStatus;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  /** When monthly reports fall due (see the domain's DeadlineRule); `{}` means the defaults. */
  @Column({ type: 'jsonb', name: 'deadline_rule', default: () => "'{}'" })
  deadlineRule!: Partial<DeadlineRule>;

  /** Reminder offsets, send time, escalation delay and nudge interval; `{}` means the defaults. */
  @Column({ type: 'jsonb', name: 'reminder_rule', default: () => "'{}'" })
  reminderRule!: Partial<ReminderOptions> & { nudgeAfterDays?: number };

  @VersionColumn({ default: 1 })
  version!: number;

  @DeleteDateColumn({ type: 'timestamptz', name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}

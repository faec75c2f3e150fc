import { Column, Entity, Index, Unique, VersionColumn } from 'typeorm';
import { BaseEntity } from '@app/common';

export const SubjectType = { Assignment: 'assignment', Indicators: 'indicators', Project: 'project' } as const;
export type SubjectType = (typeof SubjectType)[keyof typeof SubjectType];
export const subjectTypes = Object.values(SubjectType);

export const ReportStatus = {
  Draft: 'draft',
  Submitted: 'submitted',
  Returned: 'returned',
  Accepted: 'accepted',
} as const;
export type ReportStatus = (typeof ReportStatus)[keyof typeof ReportStatus];
export const reportStatuses = Object.values(ReportStatus);

export const ProgressStatus = { OnTrack: 'on_track', AtRisk: 'at_risk', Lagging: 'lagging', Done: 'done' } as const;
export type ProgressStatus = (typeof ProgressStatus)[keyof typeof ProgressStatus];
export const progressStatuses = Object.values(ProgressStatus);

/**
 * A unit's report for one month about one subject: an assignment's progress, a county's
 * indicator values (the values themselves live in indicator_values), or a key project's investment.
 */
@Entity('reports')
@Unique('uq_reports_subject', ['periodId', 'subjectType', 'subjectId'])
@Index('ix_reports_unit', ['unitId', 'periodId'])
@Index('ix_reports_plan', ['planId', 'status'])
export class Report extends BaseEntity {
  @Column({ type: 'uuid', name: 'period_id' })
  periodId!: string;

  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  /** The reporting unit: whose liaison writes it, and whose scope it is private to. */
  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 16, name: 'subject_type' })
  subjectType!: SubjectType;

  @Column({ type: 'uuid', name: 'subject_id' })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16, default: ReportStatus.Draft })
  status!: ReportStatus;

  @VersionColumn({ default: 1 })
  version!: number;

  @Column({ type: 'varchar', length: 16, name: 'progress_status', nullable: true })
  progressStatus!: ProgressStatus | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'completion_percent', nullable: true })
  completionPercent!: string | null;

  @Column({ type: 'text', default: '' })
  narrative!: string;

  /** 存在问题 */
  @Column({ type: 'text', default: '' })
  problems!: string;

  /** 下步计划 */
  @Column({ type: 'text', name: 'next_steps', default: '' })
  nextSteps!: string;

  /** Key projects: investment completed this year to date, 万元. */
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'investment_to_date', nullable: true })
  investmentToDate!: string | null;

  /** Stamped at the first submission against the period's deadline; a resubmission keeps it. */
  @Column({ type: 'timestamptz', name: 'first_submitted_at', nullable: true })
  firstSubmittedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'boolean', nullable: true })
  late!: boolean | null;

  @Column({ type: 'varchar', length: 1000, name: 'returned_reason', nullable: true })
  returnedReason!: string | null;

  @Column({ type: 'timestamptz', name: 'reviewed_at', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'uuid', name: 'reviewed_by_user_id', nullable: true })
  reviewedByUserId!: string | null;

  @Column({ type: 'uuid', name: 'updated_by_user_id', nullable: true })
  updatedByUserId!: string | null;
}

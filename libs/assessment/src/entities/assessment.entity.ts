import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';
import type { LeafInput, UnitInput, UnitResult } from '@app/domain';

export const AssessmentStatus = {
  SelfAssessment: 'self_assessment',
  Review: 'review',
  /** The leadership approved; the worker is computing the results (审定计算中). */
  Scoring: 'scoring',
  Approved: 'approved',
  Published: 'published',
} as const;
export type AssessmentStatus = (typeof AssessmentStatus)[keyof typeof AssessmentStatus];

export const EntryStage = { Self: 'self', Review: 'review' } as const;
export type EntryStage = (typeof EntryStage)[keyof typeof EntryStage];

/**
 * A year-end assessment of a plan's counties or departments against one scheme version:
 * self-assessment → office review (初审) → leadership approval (审定, locks) → publication.
 */
@Entity('assessments')
@Unique('uq_assessments_plan_scheme', ['planId', 'schemeId'])
export class Assessment extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'uuid', name: 'scheme_id' })
  schemeId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'varchar', length: 12, name: 'subject_kind' })
  subjectKind!: 'county' | 'department';

  @Column({ type: 'varchar', length: 16, default: AssessmentStatus.SelfAssessment })
  status!: AssessmentStatus;

  /** Bumped by an upheld appeal or an administrator's reopening; results of each stay in the audit trail. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  /** The evaluation as approved: every input, leaf score, explanation, rank and commendation. */
  @Column({ type: 'jsonb', nullable: true })
  results!: object | null;

  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'uuid', name: 'approved_by_user_id', nullable: true })
  approvedByUserId!: string | null;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'appeal_until', nullable: true })
  appealUntil!: Date | null;

  /** Why an administrator reopened approved results: the reason of the next approval's revision. */
  @Column({ type: 'varchar', length: 1000, name: 'reopen_reason', nullable: true })
  reopenReason!: string | null;
}

/** A unit's value for one leaf: what it claimed (self) or what the office settled on (review). */
@Entity('assessment_entries')
@Unique('uq_assessment_entries', ['assessmentId', 'unitId', 'criterionId', 'stage'])
@Index('ix_assessment_entries_unit', ['assessmentId', 'unitId'])
export class AssessmentEntry extends BaseEntity {
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 64, name: 'criterion_id' })
  criterionId!: string;

  @Column({ type: 'varchar', length: 8 })
  stage!: EntryStage;

  /** The leaf's input as the scoring library reads it ({score, reason} for manual leaves …). */
  @Column({ type: 'jsonb' })
  input!: object;

  @Column({ type: 'varchar', length: 1000, default: '' })
  reason!: string;

  /** SHA-256 references of evidence files. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidence!: string[];

  @Column({ type: 'uuid', name: 'entered_by_user_id' })
  enteredByUserId!: string;
}

/** A bonus, penalty or veto event of a unit (加分 / 扣分 / 一票否决), always with evidence. */
@Entity('assessment_events')
@Index('ix_assessment_events_unit', ['assessmentId', 'unitId'])
export class AssessmentEvent extends BaseEntity {
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'bonus' | 'penalty' | 'veto';

  @Column({ type: 'varchar', length: 64, name: 'item_id' })
  itemId!: string;

  @Column({ type: 'integer', default: 1 })
  count!: number;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  @Column({ type: 'text', array: true })
  evidence!: string[];

  @Column({ type: 'uuid', name: 'recorded_by_user_id' })
  recordedByUserId!: string;
}

export const AppealStatus = { Open: 'open', Upheld: 'upheld', Rejected: 'rejected' } as const;
export type AppealStatus = (typeof AppealStatus)[keyof typeof AppealStatus];

/** A unit contests one leaf of its published result within the appeal window (申诉). */
@Entity('appeals')
@Index('ix_appeals_assessment', ['assessmentId', 'status'])
export class Appeal extends BaseEntity {
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 64, name: 'criterion_id' })
  criterionId!: string;

  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidence!: string[];

  @Column({ type: 'varchar', length: 10, default: AppealStatus.Open })
  status!: AppealStatus;

  @Column({ type: 'varchar', length: 1000, name: 'decision_reason', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'uuid', name: 'created_by_user_id' })
  createdByUserId!: string;

  @Column({ type: 'uuid', name: 'decided_by_user_id', nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt!: Date | null;
}

/** One unit's inputs as frozen: a value for every leaf (a revision is made only when none is missing). */
export interface FrozenUnitInput extends Omit<UnitInput, 'leaves'> {
  leaves: Record<string, LeafInput>;
}

/** What a revision froze: every unit's inputs (platform-fed and entered, events included) and the results. */
export interface FrozenResults {
  revision: number;
  schemeVersion: number;
  inputs: FrozenUnitInput[];
  results: UnitResult[];
}

export const RevisionKind = { Approval: 'approval', Appeal: 'appeal' } as const;
export type RevisionKind = (typeof RevisionKind)[keyof typeof RevisionKind];

/**
 * One revision of an assessment's results, kept for good: the leadership's approval freezes every input; an upheld
 * appeal makes the next revision from the frozen inputs with only the appealed one changed. Who made it and why.
 */
@Entity('assessment_revisions')
@Unique('uq_assessment_revisions', ['assessmentId', 'revision'])
export class AssessmentRevision extends BaseEntity {
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: RevisionKind;

  @Column({ type: 'jsonb' })
  frozen!: FrozenResults;

  /** When it was made, on the platform's clock. */
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid', name: 'created_by_user_id' })
  createdByUserId!: string;

  @Column({ type: 'varchar', length: 100, name: 'created_by_name' })
  createdByName!: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  reason!: string;

  /** The appeal an appeal revision decided. */
  @Column({ type: 'uuid', name: 'appeal_id', nullable: true })
  appealId!: string | null;
}

/** What a year-end evidence file was uploaded for. */
export const EvidencePurpose = { Self: 'self', Review: 'review', Event: 'event', Appeal: 'appeal' } as const;
export type EvidencePurpose = (typeof EvidencePurpose)[keyof typeof EvidencePurpose];

/**
 * A file uploaded for a unit's year-end assessment, under the name it was uploaded with: for one leaf
 * of its self-assessment or of the office's review, or (criterionId '') for its events or its appeals.
 */
@Entity('assessment_entry_evidence')
@Index('ix_assessment_entry_evidence_sha256', ['sha256'])
export class EntryEvidence {
  @PrimaryColumn({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  purpose!: EvidencePurpose;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'criterion_id' })
  criterionId!: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'uuid', name: 'uploaded_by_user_id' })
  uploadedByUserId!: string;

  @Column({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt!: Date;
}

export const SubmissionStatus = { Submitted: 'submitted', Returned: 'returned' } as const;
export type SubmissionStatus = (typeof SubmissionStatus)[keyof typeof SubmissionStatus];

/** A unit handed in its self-assessment (提交); the office may hand it back with a reason (退回). */
@Entity('self_assessment_submissions')
@Unique('uq_self_assessment_submissions', ['assessmentId', 'unitId'])
export class SelfAssessmentSubmission extends BaseEntity {
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: SubmissionStatus;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt!: Date;

  @Column({ type: 'uuid', name: 'submitted_by_user_id' })
  submittedByUserId!: string;

  @Column({ type: 'timestamptz', name: 'returned_at', nullable: true })
  returnedAt!: Date | null;

  @Column({ type: 'uuid', name: 'returned_by_user_id', nullable: true })
  returnedByUserId!: string | null;

  @Column({ type: 'varchar', length: 1000, name: 'return_reason', nullable: true })
  returnReason!: string | null;
}

/**
 * The office's finding that one leaf cannot be measured for one unit in one assessment (不可单独统计), with a reason:
 * the scheme's tier-average substitution scores it. Changed only before approval; afterwards through a reopening.
 */
@Entity('assessment_not_measurable')
@Unique('uq_assessment_not_measurable', ['assessmentId', 'unitId', 'criterionId'])
export class NotMeasurableMark extends BaseEntity {
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 64, name: 'criterion_id' })
  criterionId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'uuid', name: 'marked_by_user_id' })
  markedByUserId!: string;

  @Column({ type: 'varchar', length: 100, name: 'marked_by_name' })
  markedByName!: string;

  @Column({ type: 'timestamptz', name: 'marked_at' })
  markedAt!: Date;
}

export const ScoringRunStatus = { Queued: 'queued', Running: 'running', Done: 'done', Failed: 'failed' } as const;
export type ScoringRunStatus = (typeof ScoringRunStatus)[keyof typeof ScoringRunStatus];

// The job that computes a run is keyed by its row, and the row by assessment and revision: the work is done once.
/** A revision of an assessment's results asked of the worker: the leadership's approval or an upheld appeal. */
@Entity('assessment_scoring_runs')
@Unique('uq_assessment_scoring_runs', ['assessmentId', 'revision'])
export class ScoringRun extends BaseEntity {
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 12 })
  kind!: RevisionKind;

  @Column({ type: 'varchar', length: 12, default: ScoringRunStatus.Queued })
  status!: ScoringRunStatus;

  /** Times a worker started it: more than one means a worker died or the database failed in between. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Why it failed, in the office's words (data the engine refused) or the error's own. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  error!: string | null;

  @Column({ type: 'uuid', name: 'appeal_id', nullable: true })
  appealId!: string | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  reason!: string;

  @Column({ type: 'uuid', name: 'requested_by_user_id' })
  requestedByUserId!: string;

  @Column({ type: 'varchar', length: 100, name: 'requested_by_name' })
  requestedByName!: string;

  /** When the leadership approved or the office decided, on the platform's clock. */
  @Column({ type: 'timestamptz', name: 'requested_at' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}

import { Column, Entity, Index, VersionColumn } from 'typeorm';
import type { UnitResult } from '@app/domain';
import { BaseEntity } from '@app/common';
import type { EvaluatorInputs, FundEvaluationStatus as Status, ReportNarrative } from '../views.js';

export const FundEvaluationStatus = { Draft: 'draft', Final: 'final' } as const satisfies Record<string, Status>;
export type FundEvaluationStatus = Status;

/**
 * A performance evaluation (绩效评价) of one budget project against a fund scheme. Inputs that
 * come from the platform (execution, actuals, survey) are read at evaluation time; the result is
 * stored as evaluated so the report does not change under the reader until the next evaluation.
 */
@Entity('fund_evaluations')
@Index('uq_fund_evaluations_project', ['projectId'], { unique: true })
export class FundEvaluation extends BaseEntity {
  @Column({ type: 'uuid', name: 'project_id' })
  projectId!: string;

  @Column({ type: 'uuid', name: 'scheme_id' })
  schemeId!: string;

  @Column({ type: 'jsonb', name: 'evaluator_inputs', default: () => "'{}'" })
  evaluatorInputs!: EvaluatorInputs;

  /** The scoring library's result, null until the first evaluation. */
  @Column({ type: 'jsonb', nullable: true })
  result!: UnitResult | null;

  /** Inputs the platform supplied, as they were when evaluated (rates, misses, satisfaction). */
  @Column({ type: 'jsonb', name: 'platform_inputs', default: () => "'{}'" })
  platformInputs!: Record<string, unknown>;

  /** The report's sections the evaluator writes (目的、方法、过程、经验、问题、建议、其他). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  narrative!: Partial<ReportNarrative>;

  @Column({ type: 'varchar', length: 6, default: FundEvaluationStatus.Draft })
  status!: FundEvaluationStatus;

  @Column({ type: 'timestamptz', name: 'evaluated_at', nullable: true })
  evaluatedAt!: Date | null;

  @Column({ type: 'uuid', name: 'evaluated_by_user_id', nullable: true })
  evaluatedByUserId!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;
}

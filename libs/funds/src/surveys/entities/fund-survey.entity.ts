import { Column, Entity, Index } from 'typeorm';
import type { SurveyOption } from '@app/domain';
import { BaseEntity } from '@app/common';
import type { SurveyStatus as Status } from '../../views.js';

export const SurveyStatus = { Open: 'open', Closed: 'closed' } as const satisfies Record<string, Status>;
export type SurveyStatus = Status;

/**
 * A satisfaction survey (满意度调查) of a budget project: a questionnaire whose every question is
 * answered on one scale. Respondents reach it through one-use links, never through an account.
 */
@Entity('fund_surveys')
@Index('ix_fund_surveys_project', ['projectId', 'createdAt'])
export class FundSurvey extends BaseEntity {
  @Column({ type: 'uuid', name: 'project_id' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** 说明: shown above the questions (who runs the survey, what it is for). */
  @Column({ type: 'text', default: '' })
  intro!: string;

  /** The answer scale, best first, weights in percent (validated by the domain's `validateScale`). */
  @Column({ type: 'jsonb' })
  options!: SurveyOption[];

  @Column({ type: 'boolean', name: 'allow_dont_know', default: true })
  allowDontKnow!: boolean;

  @Column({ type: 'varchar', length: 6, default: SurveyStatus.Open })
  status!: SurveyStatus;

  /** After this instant no answer is accepted; null keeps the survey open until the office closes it. */
  @Column({ type: 'timestamptz', name: 'closes_at', nullable: true })
  closesAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', name: 'created_by_user_id' })
  createdByUserId!: string;
}

import { Column, Entity, Index, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** One submitted questionnaire. The unique token is what makes a link one-use, whatever the timing. */
@Entity('fund_survey_responses')
@Unique('uq_fund_survey_responses_token', ['tokenId'])
@Unique('uq_fund_survey_responses_survey_id', ['id', 'surveyId'])
@Index('ix_fund_survey_responses_survey', ['surveyId'])
export class FundSurveyResponse extends BaseEntity {
  @Column({ type: 'uuid', name: 'survey_id' })
  surveyId!: string;

  @Column({ type: 'uuid', name: 'token_id' })
  tokenId!: string;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt!: Date;
}

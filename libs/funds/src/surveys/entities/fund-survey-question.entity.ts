import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** One question of a survey, answered on the survey's scale. */
@Entity('fund_survey_questions')
@Unique('uq_fund_survey_questions_position', ['surveyId', 'position'])
@Unique('uq_fund_survey_questions_survey_id', ['id', 'surveyId'])
export class FundSurveyQuestion extends BaseEntity {
  @Column({ type: 'uuid', name: 'survey_id' })
  surveyId!: string;

  /** 1-based order on the questionnaire. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 500 })
  text!: string;
}

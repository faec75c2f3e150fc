import { Column, Entity, Index, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** The answer to one question: an option of the scale (0 = best) or 不了解, never both. */
@Entity('fund_survey_answers')
@Unique('uq_fund_survey_answers_question', ['responseId', 'questionId'])
@Index('ix_fund_survey_answers_tally', ['surveyId', 'questionId', 'optionIndex', 'dontKnow'])
export class FundSurveyAnswer extends BaseEntity {
  /** Copied from the response so the results are one GROUP BY on one index. */
  @Column({ type: 'uuid', name: 'survey_id' })
  surveyId!: string;

  @Column({ type: 'uuid', name: 'response_id' })
  responseId!: string;

  @Column({ type: 'uuid', name: 'question_id' })
  questionId!: string;

  @Column({ type: 'smallint', name: 'option_index', nullable: true })
  optionIndex!: number | null;

  @Column({ type: 'boolean', name: 'dont_know', default: false })
  dontKnow!: boolean;
}

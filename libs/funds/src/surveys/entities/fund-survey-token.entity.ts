import { Column, Entity, Index, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/**
 * A one-use questionnaire link. Only the SHA-256 of its token is stored: whoever reads the
 * database cannot answer in a respondent's place, and the plaintext is shown once, when issued.
 */
@Entity('fund_survey_tokens')
@Unique('uq_fund_survey_tokens_hash', ['tokenHash'])
@Unique('uq_fund_survey_tokens_survey_id', ['id', 'surveyId'])
@Index('ix_fund_survey_tokens_survey', ['surveyId'])
export class FundSurveyToken extends BaseEntity {
  @Column({ type: 'uuid', name: 'survey_id' })
  surveyId!: string;

  /** Hex SHA-256 of the token. */
  @Column({ type: 'char', length: 64, name: 'token_hash' })
  tokenHash!: string;

  /** The respondent group the link was handed to (受益企业, 高校院所 …), for the office's own bookkeeping. */
  @Column({ type: 'varchar', length: 100, default: '' })
  label!: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt!: Date | null;
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction surveys of budget projects: the questionnaire, one-use links (only their SHA-256
 * is kept), responses and answers. Answers carry their survey so the results are one GROUP BY over
 * one index, and composite keys make an answer to another survey's question impossible.
 */
export class FundSurveys1700000008000 implements MigrationInterface {
  name = 'FundSurveys1700000008000';

  async up(q: QueryRunner): Promise<void> {
    const base = `"id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()`;

    await q.query(`CREATE TABLE "fund_surveys" (
      ${base},
      "project_id" uuid NOT NULL,
      "title" varchar(200) NOT NULL,
      "intro" text NOT NULL DEFAULT '',
      "options" jsonb NOT NULL,
      "allow_dont_know" boolean NOT NULL DEFAULT true,
      "status" varchar(6) NOT NULL DEFAULT 'open',
      "closes_at" timestamptz,
      "closed_at" timestamptz,
      "created_by_user_id" uuid NOT NULL,
      CONSTRAINT "pk_fund_surveys" PRIMARY KEY ("id"),
      CONSTRAINT "fk_fund_surveys_project" FOREIGN KEY ("project_id") REFERENCES "budget_projects"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_fund_surveys_title" CHECK (btrim("title") <> ''),
      CONSTRAINT "ck_fund_surveys_status" CHECK ("status" IN ('open','closed')),
      CONSTRAINT "ck_fund_surveys_options" CHECK (jsonb_typeof("options") = 'array' AND jsonb_array_length("options") BETWEEN 2 AND 10),
      CONSTRAINT "ck_fund_surveys_closed_at" CHECK (("status" = 'closed') = ("closed_at" IS NOT NULL))
    )`);
    // The latest survey of a project is what the fund evaluation reads.
    await q.query(`CREATE INDEX "ix_fund_surveys_project" ON "fund_surveys" ("project_id", "created_at" DESC)`);

    await q.query(`CREATE TABLE "fund_survey_questions" (
      ${base},
      "survey_id" uuid NOT NULL,
      "position" smallint NOT NULL,
      "text" varchar(500) NOT NULL,
      CONSTRAINT "pk_fund_survey_questions" PRIMARY KEY ("id"),
      CONSTRAINT "fk_fund_survey_questions_survey" FOREIGN KEY ("survey_id") REFERENCES "fund_surveys"("id") ON DELETE CASCADE,
      CONSTRAINT "uq_fund_survey_questions_position" UNIQUE ("survey_id", "position"),
      CONSTRAINT "uq_fund_survey_questions_survey_id" UNIQUE ("id", "survey_id"),
      CONSTRAINT "ck_fund_survey_questions_position" CHECK ("position" >= 1),
      CONSTRAINT "ck_fund_survey_questions_text" CHECK (btrim("text") <> '')
    )`);

    await q.query(`CREATE TABLE "fund_survey_tokens" (
      ${base},
      "survey_id" uuid NOT NULL,
      "token_hash" char(64) NOT NULL,
      "label" varchar(100) NOT NULL DEFAULT '',
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      CONSTRAINT "pk_fund_survey_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "fk_fund_survey_tokens_survey" FOREIGN KEY ("survey_id") REFERENCES "fund_surveys"("id") ON DELETE CASCADE,
      CONSTRAINT "uq_fund_survey_tokens_hash" UNIQUE ("token_hash"),
      CONSTRAINT "uq_fund_survey_tokens_survey_id" UNIQUE ("id", "survey_id"),
      CONSTRAINT "ck_fund_survey_tokens_hash" CHECK ("token_hash" ~ '^[0-9a-f]{64}$')
    )`);
    await q.query(`CREATE INDEX "ix_fund_survey_tokens_survey" ON "fund_survey_tokens" ("survey_id")`);

    await q.query(`CREATE TABLE "fund_survey_responses" (
      ${base},
      "survey_id" uuid NOT NULL,
      "token_id" uuid NOT NULL,
      "submitted_at" timestamptz NOT NULL,
      CONSTRAINT "pk_fund_survey_responses" PRIMARY KEY ("id"),
      CONSTRAINT "fk_fund_survey_responses_token" FOREIGN KEY ("token_id", "survey_id") REFERENCES "fund_survey_tokens"("id", "survey_id") ON DELETE CASCADE,
      CONSTRAINT "uq_fund_survey_responses_token" UNIQUE ("token_id"),
      CONSTRAINT "uq_fund_survey_responses_survey_id" UNIQUE ("id", "survey_id")
    )`);
    await q.query(`CREATE INDEX "ix_fund_survey_responses_survey" ON "fund_survey_responses" ("survey_id")`);

    await q.query(`CREATE TABLE "fund_survey_answers" (
      ${base},
      "survey_id" uuid NOT NULL,
      "response_id" uuid NOT NULL,
      "question_id" uuid NOT NULL,
      "option_index" smallint,
      "dont_know" boolean NOT NULL DEFAULT false,
      CONSTRAINT "pk_fund_survey_answers" PRIMARY KEY ("id"),
      CONSTRAINT "fk_fund_survey_answers_response" FOREIGN KEY ("response_id", "survey_id")
        REFERENCES "fund_survey_responses"("id", "survey_id") ON DELETE CASCADE,
      CONSTRAINT "fk_fund_survey_answers_question" FOREIGN KEY ("question_id", "survey_id")
        REFERENCES "fund_survey_questions"("id", "survey_id") ON DELETE CASCADE,
      CONSTRAINT "uq_fund_survey_answers_question" UNIQUE ("response_id", "question_id"),
      CONSTRAINT "ck_fund_survey_answers_choice" CHECK (("option_index" IS NULL) = "dont_know"),
      CONSTRAINT "ck_fund_survey_answers_option_index" CHECK ("option_index" BETWEEN 0 AND 9)
    )`);
    // Covers the results query (WHERE survey_id GROUP BY question_id, option_index, dont_know) as an
    // index-only scan, and the question foreign key's cascade.
    await q.query(
      `CREATE INDEX "ix_fund_survey_answers_tally" ON "fund_survey_answers" ("survey_id", "question_id", "option_index", "dont_know")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'fund_survey_answers',
      'fund_survey_responses',
      'fund_survey_tokens',
      'fund_survey_questions',
      'fund_surveys',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}

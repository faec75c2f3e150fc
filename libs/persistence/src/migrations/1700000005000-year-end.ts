import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Year-end assessments: their entries (self and review), bonus/penalty/veto events. */
export class YearEnd1700000005000 implements MigrationInterface {
  name = 'YearEnd1700000005000';

  async up(q: QueryRunner): Promise<void> {
    const stamps = `"id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()`;
    await q.query(`CREATE TABLE "assessments" (${stamps},
      "city_id" uuid NOT NULL,
      "plan_id" uuid NOT NULL,
      "scheme_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "subject_kind" varchar(12) NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'self_assessment',
      "revision" integer NOT NULL DEFAULT 1,
      "results" jsonb,
      "approved_at" timestamptz,
      "approved_by_user_id" uuid,
      "published_at" timestamptz,
      "appeal_until" timestamptz,
      CONSTRAINT "pk_assessments" PRIMARY KEY ("id"),
      CONSTRAINT "uq_assessments_plan_scheme" UNIQUE ("plan_id", "scheme_id"),
      CONSTRAINT "fk_assessments_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_assessments_scheme" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assessments_kind" CHECK ("subject_kind" IN ('county','department')),
      CONSTRAINT "ck_assessments_status" CHECK ("status" IN ('self_assessment','review','approved','published')),
      CONSTRAINT "ck_assessments_locked" CHECK ("status" IN ('self_assessment','review') OR "results" IS NOT NULL)
    )`);
    await q.query(`CREATE TABLE "assessment_entries" (${stamps},
      "assessment_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "criterion_id" varchar(64) NOT NULL,
      "stage" varchar(8) NOT NULL,
      "input" jsonb NOT NULL,
      "reason" varchar(1000) NOT NULL DEFAULT '',
      "evidence" text array NOT NULL DEFAULT '{}',
      "entered_by_user_id" uuid NOT NULL,
      CONSTRAINT "pk_assessment_entries" PRIMARY KEY ("id"),
      CONSTRAINT "uq_assessment_entries" UNIQUE ("assessment_id", "unit_id", "criterion_id", "stage"),
      CONSTRAINT "fk_assessment_entries_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assessment_entries_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assessment_entries_stage" CHECK ("stage" IN ('self','review'))
    )`);
    await q.query(`CREATE INDEX "ix_assessment_entries_unit" ON "assessment_entries" ("assessment_id", "unit_id")`);
    await q.query(`CREATE TABLE "assessment_events" (${stamps},
      "assessment_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "kind" varchar(8) NOT NULL,
      "item_id" varchar(64) NOT NULL,
      "count" integer NOT NULL DEFAULT 1,
      "note" varchar(1000) NOT NULL DEFAULT '',
      "evidence" text array NOT NULL,
      "recorded_by_user_id" uuid NOT NULL,
      CONSTRAINT "pk_assessment_events" PRIMARY KEY ("id"),
      CONSTRAINT "fk_assessment_events_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assessment_events_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assessment_events_kind" CHECK ("kind" IN ('bonus','penalty','veto')),
      CONSTRAINT "ck_assessment_events_count" CHECK ("count" > 0),
      CONSTRAINT "ck_assessment_events_evidence" CHECK (cardinality("evidence") > 0)
    )`);
    await q.query(`CREATE INDEX "ix_assessment_events_unit" ON "assessment_events" ("assessment_id", "unit_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "assessment_events"`);
    await q.query(`DROP TABLE "assessment_entries"`);
    await q.query(`DROP TABLE "assessments"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Appeals against a leaf of a published year-end result. */
export class Appeals1700000006000 implements MigrationInterface {
  name = 'Appeals1700000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "appeals" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "assessment_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "criterion_id" varchar(64) NOT NULL,
      "reason" varchar(2000) NOT NULL,
      "evidence" text array NOT NULL DEFAULT '{}',
      "status" varchar(10) NOT NULL DEFAULT 'open',
      "decision_reason" varchar(1000),
      "created_by_user_id" uuid NOT NULL,
      "decided_by_user_id" uuid,
      "decided_at" timestamptz,
      CONSTRAINT "pk_appeals" PRIMARY KEY ("id"),
      CONSTRAINT "fk_appeals_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_appeals_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_appeals_status" CHECK ("status" IN ('open','upheld','rejected')),
      CONSTRAINT "ck_appeals_decided" CHECK ("status" = 'open' OR "decision_reason" IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX "ix_appeals_assessment" ON "appeals" ("assessment_id", "status")`);
    // One open appeal per unit and leaf at a time.
    await q.query(
      `CREATE UNIQUE INDEX "uq_appeals_open" ON "appeals" ("assessment_id", "unit_id", "criterion_id") WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "appeals"`);
  }
}

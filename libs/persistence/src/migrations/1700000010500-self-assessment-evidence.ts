import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files uploaded for one leaf of a unit's self-assessment (the bytes in the shared evidence
 * store, the same as reports'), and each unit's self-assessment submission (提交 / 退回). The
 * evidence sweep reads the links through a published view, as it reads the entries.
 */
const published: [schema: string, table: string, columns: string[]][] = [
  [
    'assessment',
    'assessment_entry_evidence',
    ['assessment_id', 'unit_id', 'criterion_id', 'sha256', 'filename', 'uploaded_by_user_id', 'uploaded_at'],
  ],
];

export class SelfAssessmentEvidence1700000010500 implements MigrationInterface {
  name = 'SelfAssessmentEvidence1700000010500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "assessment_entry_evidence" (
      "assessment_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "criterion_id" varchar(64) NOT NULL,
      "sha256" char(64) NOT NULL,
      "filename" varchar(255) NOT NULL,
      "uploaded_by_user_id" uuid NOT NULL,
      "uploaded_at" timestamptz NOT NULL,
      CONSTRAINT "pk_assessment_entry_evidence" PRIMARY KEY ("assessment_id", "unit_id", "criterion_id", "sha256"),
      CONSTRAINT "fk_assessment_entry_evidence_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assessment_entry_evidence_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_assessment_entry_evidence_file" FOREIGN KEY ("sha256") REFERENCES "evidence_files"("sha256") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "ix_assessment_entry_evidence_sha256" ON "assessment_entry_evidence" ("sha256")`);
    await q.query(`CREATE TABLE "self_assessment_submissions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "assessment_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "status" varchar(10) NOT NULL,
      "submitted_at" timestamptz NOT NULL,
      "submitted_by_user_id" uuid NOT NULL,
      "returned_at" timestamptz,
      "returned_by_user_id" uuid,
      "return_reason" varchar(1000),
      CONSTRAINT "pk_self_assessment_submissions" PRIMARY KEY ("id"),
      CONSTRAINT "uq_self_assessment_submissions" UNIQUE ("assessment_id", "unit_id"),
      CONSTRAINT "fk_self_assessment_submissions_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_self_assessment_submissions_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_self_assessment_submissions_status" CHECK ("status" IN ('submitted','returned')),
      CONSTRAINT "ck_self_assessment_submissions_returned" CHECK ("status" = 'submitted' OR "return_reason" IS NOT NULL)
    )`);
    for (const [schema, table, columns] of published) {
      const list = columns.map((c) => `"${c}"`).join(', ');
      await q.query(`CREATE VIEW "${schema}"."${table}" AS SELECT ${list} FROM "public"."${table}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "assessment"."assessment_entry_evidence"`);
    await q.query(`DROP TABLE "self_assessment_submissions"`);
    await q.query(`DROP TABLE "assessment_entry_evidence"`);
  }
}

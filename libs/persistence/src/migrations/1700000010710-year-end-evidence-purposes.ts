import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files of the whole year-end cycle in the one table of self-assessment files: each link
 * says what the file was uploaded for (a self-assessment or review leaf, a bonus/penalty/veto event,
 * an appeal), and carries the file's size so a listing needs no other library's table. Event and
 * appeal files belong to the unit, not to a leaf (criterion_id ''). The published view the evidence
 * sweep reads keeps its columns.
 */
export class YearEndEvidencePurposes1700000010710 implements MigrationInterface {
  name = 'YearEndEvidencePurposes1700000010710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assessment_entry_evidence"
      ADD "purpose" varchar(8) NOT NULL DEFAULT 'self',
      ADD "size" integer`);
    await q.query(
      `UPDATE "assessment_entry_evidence" e SET "size" = f."size" FROM "evidence_files" f WHERE f."sha256" = e."sha256"`,
    );
    await q.query(`ALTER TABLE "assessment_entry_evidence"
      ALTER "size" SET NOT NULL,
      ALTER "purpose" DROP DEFAULT,
      ADD CONSTRAINT "ck_assessment_entry_evidence_purpose" CHECK ("purpose" IN ('self','review','event','appeal')),
      DROP CONSTRAINT "pk_assessment_entry_evidence",
      ADD CONSTRAINT "pk_assessment_entry_evidence" PRIMARY KEY ("assessment_id", "unit_id", "purpose", "criterion_id", "sha256")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "assessment_entry_evidence" WHERE "purpose" <> 'self'`);
    await q.query(`ALTER TABLE "assessment_entry_evidence"
      DROP CONSTRAINT "pk_assessment_entry_evidence",
      DROP CONSTRAINT "ck_assessment_entry_evidence_purpose",
      DROP COLUMN "purpose",
      DROP COLUMN "size",
      ADD CONSTRAINT "pk_assessment_entry_evidence" PRIMARY KEY ("assessment_id", "unit_id", "criterion_id", "sha256")`);
  }
}

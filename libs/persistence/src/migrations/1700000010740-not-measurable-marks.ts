import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leaves the office marks not measurable for a unit in one assessment (不可单独统计), with a reason: the scheme's
 * tier-average substitution applies to them instead of the statistic or the reviewed value.
 *
 * Also published: which statistics feed an approved or published assessment (by indicator name, city and year), so
 * the libraries that write statistics can ask for a reason before one of them changes.
 */
const published: [schema: string, view: string, columns: string[]][] = [
  ['assessment', 'frozen_statistics', ['assessment_id', 'city_id', 'year', 'status', 'indicator_name']],
];

export class NotMeasurableMarks1700000010740 implements MigrationInterface {
  name = 'NotMeasurableMarks1700000010740';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "assessment_not_measurable" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "assessment_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "criterion_id" varchar(64) NOT NULL,
      "reason" varchar(500) NOT NULL,
      "marked_by_user_id" uuid NOT NULL,
      "marked_by_name" varchar(100) NOT NULL,
      "marked_at" timestamptz NOT NULL,
      CONSTRAINT "pk_assessment_not_measurable" PRIMARY KEY ("id"),
      CONSTRAINT "uq_assessment_not_measurable" UNIQUE ("assessment_id", "unit_id", "criterion_id"),
      CONSTRAINT "fk_assessment_not_measurable_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assessment_not_measurable_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assessment_not_measurable_reason" CHECK (btrim("reason") <> '')
    )`);
    const [schema, view, columns] = published[0]!;
    await q.query(`CREATE VIEW "${schema}"."${view}" (${columns.map((c) => `"${c}"`).join(', ')}) AS
      SELECT a.id, a.city_id, a.year, a.status, leaf.source->>'indicatorName'
      FROM "public"."assessments" a
      JOIN "public"."schemes" s ON s.id = a.scheme_id
      CROSS JOIN LATERAL jsonb_each(s.input_map) AS leaf(criterion_id, source)
      WHERE a.status IN ('approved', 'published') AND leaf.source->>'type' = 'indicatorValue'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "assessment"."frozen_statistics"`);
    await q.query(`DROP TABLE "assessment_not_measurable"`);
  }
}

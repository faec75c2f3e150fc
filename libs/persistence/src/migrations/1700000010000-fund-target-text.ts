import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance targets as the office typed them (`=10%`, `100%`, `台、件、套、 项`) beside the
 * parsed operator, number and unit: the parsed values judge attainment, the text is what the
 * exports write back. Null for targets stored before, which are shown from the parsed values.
 */
export class FundTargetText1700000010000 implements MigrationInterface {
  name = 'FundTargetText1700000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "performance_indicators" ADD "half_year_text" varchar(200), ADD "full_year_text" varchar(200), ADD "target_text" jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "performance_indicators" DROP COLUMN "target_text", DROP COLUMN "full_year_text", DROP COLUMN "half_year_text"`,
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan targets and baselines as the office wrote the number (`1.80`, `6.0`) beside the numeric
 * value, so the goal and breakdown exports print the office's decimals. Null for values stored
 * before (and for values set without a written form), which print from the number.
 */
export class PlanValuesAsWritten1700000010300 implements MigrationInterface {
  name = 'PlanValuesAsWritten1700000010300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "targets" ADD "value_written" varchar(40)`);
    await q.query(`ALTER TABLE "indicator_values" ADD "value_written" varchar(40)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "indicator_values" DROP COLUMN "value_written"`);
    await q.query(`ALTER TABLE "targets" DROP COLUMN "value_written"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The evaluation report's sections the evaluator writes (财预〔2020〕10号 参考提纲 二、五、六、七). */
export class FundReportNarrative1700000010780 implements MigrationInterface {
  name = 'FundReportNarrative1700000010780';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fund_evaluations" ADD "narrative" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fund_evaluations" DROP COLUMN "narrative"`);
  }
}

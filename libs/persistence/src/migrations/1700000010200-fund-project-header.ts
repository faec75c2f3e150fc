import type { MigrationInterface, QueryRunner } from 'typeorm';

const SOURCES = [
  'general_budget',
  'government_funds',
  'special_accounts',
  'state_capital',
  'carried_over',
  'other_funds',
];
const WITH_SOCIAL_SECURITY = [
  'general_budget',
  'government_funds',
  'special_accounts',
  'state_capital',
  'social_security_funds',
  'carried_over',
  'other_funds',
];

/**
 * The whole header block of a 项目支出绩效目标表 on a budget project: 社会保障基金 as a seventh
 * source (counted in the generated annual budget, so that column is recreated), 项目类型 and
 * 开始 / 完成时间 as typed beside the kind and years parsed from them, 实施单位, 立项必要性, 实施可行性,
 * 项目实施内容 and 全年（程）预算数 (null: not stated). Texts default to '' and amounts to 0, so
 * existing projects read as before.
 */
export class FundProjectHeader1700000010200 implements MigrationInterface {
  name = 'FundProjectHeader1700000010200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "budget_projects"
      ADD "kind_text" varchar(50) NOT NULL DEFAULT '',
      ADD "start_text" varchar(30) NOT NULL DEFAULT '',
      ADD "end_text" varchar(30) NOT NULL DEFAULT '',
      ADD "implementing_unit" text NOT NULL DEFAULT '',
      ADD "necessity" text NOT NULL DEFAULT '',
      ADD "feasibility" text NOT NULL DEFAULT '',
      ADD "implementation_content" text NOT NULL DEFAULT '',
      ADD "social_security_funds" numeric(14,2) NOT NULL DEFAULT 0 CONSTRAINT "ck_budget_projects_social_security_funds" CHECK ("social_security_funds" >= 0),
      ADD "full_year_budget" numeric(14,2) CONSTRAINT "ck_budget_projects_full_year_budget" CHECK ("full_year_budget" >= 0)`);
    await q.query(`ALTER TABLE "budget_projects" DROP COLUMN "annual_budget"`);
    await q.query(
      `ALTER TABLE "budget_projects" ADD "annual_budget" numeric(14,2) GENERATED ALWAYS AS (${WITH_SOCIAL_SECURITY.join(' + ')}) STORED`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The old schema has no 社会保障基金: it goes to 其他资金, so every annual budget stays what it was.
    await q.query(
      `UPDATE "budget_projects" SET "other_funds" = "other_funds" + "social_security_funds" WHERE "social_security_funds" <> 0`,
    );
    await q.query(`ALTER TABLE "budget_projects" DROP COLUMN "annual_budget"`);
    await q.query(
      `ALTER TABLE "budget_projects" ADD "annual_budget" numeric(14,2) GENERATED ALWAYS AS (${SOURCES.join(' + ')}) STORED`,
    );
    await q.query(`ALTER TABLE "budget_projects"
      DROP COLUMN "full_year_budget",
      DROP COLUMN "social_security_funds",
      DROP COLUMN "implementation_content",
      DROP COLUMN "feasibility",
      DROP COLUMN "necessity",
      DROP COLUMN "implementing_unit",
      DROP COLUMN "end_text",
      DROP COLUMN "start_text",
      DROP COLUMN "kind_text"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Special funds: budget projects, sub-items, monthly execution, performance targets, actuals, evaluations. */
export class Funds1700000007000 implements MigrationInterface {
  name = 'Funds1700000007000';

  async up(q: QueryRunner): Promise<void> {
    const base = `"id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()`;
    const sources = [
      'general_budget',
      'government_funds',
      'special_accounts',
      'state_capital',
      'carried_over',
      'other_funds',
    ];
    await q.query(`CREATE TABLE "budget_projects" (
      ${base},
      "city_id" uuid NOT NULL,
      "owner_unit_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "name" varchar(300) NOT NULL,
      "kind" varchar(10) NOT NULL DEFAULT 'recurring',
      "level" varchar(20) NOT NULL DEFAULT '市级',
      "start_year" smallint NOT NULL,
      "end_year" smallint NOT NULL,
      "person_in_charge" varchar(100) NOT NULL DEFAULT '',
      ${sources.map((s) => `"${s}" numeric(14,2) NOT NULL DEFAULT 0 CHECK ("${s}" >= 0)`).join(',\n      ')},
      "annual_budget" numeric(14,2) GENERATED ALWAYS AS (${sources.join(' + ')}) STORED,
      "half_year_plan" numeric(14,2) NOT NULL DEFAULT 0,
      "mid_long_term_goal" text NOT NULL DEFAULT '',
      "annual_goal" text NOT NULL DEFAULT '',
      "version" integer NOT NULL DEFAULT 1,
      CONSTRAINT "pk_budget_projects" PRIMARY KEY ("id"),
      CONSTRAINT "fk_budget_projects_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_budget_projects_owner" FOREIGN KEY ("owner_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_budget_projects_kind" CHECK ("kind" IN ('recurring','one_off')),
      CONSTRAINT "ck_budget_projects_years" CHECK ("start_year" <= "year" AND "year" <= "end_year"),
      CONSTRAINT "ck_budget_projects_half_year" CHECK ("half_year_plan" >= 0)
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_budget_projects_name" ON "budget_projects" ("city_id", "year", "name")`);
    await q.query(`CREATE INDEX "ix_budget_projects_owner" ON "budget_projects" ("owner_unit_id")`);

    await q.query(`CREATE TABLE "budget_sub_items" (
      ${base},
      "project_id" uuid NOT NULL,
      "name" varchar(200) NOT NULL,
      "budget" numeric(14,2) NOT NULL CHECK ("budget" >= 0),
      "half_year_plan" numeric(14,2) NOT NULL DEFAULT 0 CHECK ("half_year_plan" >= 0),
      "position" integer NOT NULL DEFAULT 0,
      CONSTRAINT "pk_budget_sub_items" PRIMARY KEY ("id"),
      CONSTRAINT "fk_budget_sub_items_project" FOREIGN KEY ("project_id") REFERENCES "budget_projects"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_budget_sub_items_name" ON "budget_sub_items" ("project_id", "name")`);

    await q.query(`CREATE TABLE "fund_executions" (
      ${base},
      "sub_item_id" uuid NOT NULL,
      "month" char(7) NOT NULL CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      "received" numeric(14,2) NOT NULL CHECK ("received" >= 0),
      "spent" numeric(14,2) NOT NULL CHECK ("spent" >= 0),
      "advance_reason" varchar(500),
      "note" varchar(1000) NOT NULL DEFAULT '',
      "entered_by_user_id" uuid NOT NULL,
      CONSTRAINT "pk_fund_executions" PRIMARY KEY ("id"),
      CONSTRAINT "fk_fund_executions_sub_item" FOREIGN KEY ("sub_item_id") REFERENCES "budget_sub_items"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_fund_executions_month" ON "fund_executions" ("sub_item_id", "month")`);

    await q.query(`CREATE TABLE "performance_indicators" (
      ${base},
      "project_id" uuid NOT NULL,
      "position" integer NOT NULL,
      "level1" varchar(50) NOT NULL,
      "level2" varchar(50) NOT NULL,
      "level3" varchar(200) NOT NULL,
      "unit" varchar(20) NOT NULL DEFAULT '',
      "half_year_target" jsonb,
      "full_year_target" jsonb NOT NULL,
      CONSTRAINT "pk_performance_indicators" PRIMARY KEY ("id"),
      CONSTRAINT "fk_performance_indicators_project" FOREIGN KEY ("project_id") REFERENCES "budget_projects"("id") ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_performance_indicators_name" ON "performance_indicators" ("project_id", "level1", "level2", "level3")`,
    );

    await q.query(`CREATE TABLE "performance_actuals" (
      ${base},
      "indicator_id" uuid NOT NULL,
      "period" varchar(4) NOT NULL,
      "text" varchar(100) NOT NULL,
      "value" numeric(20,4),
      "date" date,
      "deviation_reason" varchar(1000) NOT NULL DEFAULT '',
      "note" varchar(1000) NOT NULL DEFAULT '',
      "evidence" uuid array NOT NULL DEFAULT '{}',
      "entered_by_user_id" uuid NOT NULL,
      CONSTRAINT "pk_performance_actuals" PRIMARY KEY ("id"),
      CONSTRAINT "fk_performance_actuals_indicator" FOREIGN KEY ("indicator_id") REFERENCES "performance_indicators"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_performance_actuals_period" CHECK ("period" IN ('half','full'))
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_performance_actuals_period" ON "performance_actuals" ("indicator_id", "period")`,
    );

    await q.query(`CREATE TABLE "fund_evaluations" (
      ${base},
      "project_id" uuid NOT NULL,
      "scheme_id" uuid NOT NULL,
      "evaluator_inputs" jsonb NOT NULL DEFAULT '{}',
      "result" jsonb,
      "platform_inputs" jsonb NOT NULL DEFAULT '{}',
      "status" varchar(6) NOT NULL DEFAULT 'draft',
      "evaluated_at" timestamptz,
      "evaluated_by_user_id" uuid,
      "version" integer NOT NULL DEFAULT 1,
      CONSTRAINT "pk_fund_evaluations" PRIMARY KEY ("id"),
      CONSTRAINT "fk_fund_evaluations_project" FOREIGN KEY ("project_id") REFERENCES "budget_projects"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_fund_evaluations_scheme" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_fund_evaluations_status" CHECK ("status" IN ('draft','final'))
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_fund_evaluations_project" ON "fund_evaluations" ("project_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'fund_evaluations',
      'performance_actuals',
      'performance_indicators',
      'fund_executions',
      'budget_sub_items',
      'budget_projects',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}

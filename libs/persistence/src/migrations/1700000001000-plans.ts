import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plans, sections, tasks and assignments, indicators, targets, measured values and key projects. */
export class Plans1700000001000 implements MigrationInterface {
  name = 'Plans1700000001000';

  async up(q: QueryRunner): Promise<void> {
    const stamps = `"id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()`;

    await q.query(`ALTER TABLE "audit_log" ADD "reason" varchar(500)`);

    await q.query(`CREATE TABLE "plans" (${stamps},
      "city_id" uuid NOT NULL,
      "title" varchar(300) NOT NULL,
      "issuing_body" varchar(200) NOT NULL DEFAULT '',
      "doc_number" varchar(100) NOT NULL DEFAULT '',
      "issue_date" date,
      "start_year" smallint NOT NULL,
      "end_year" smallint NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'draft',
      "published_at" timestamptz,
      "version" integer NOT NULL DEFAULT 1,
      "deleted_at" timestamptz,
      CONSTRAINT "pk_plans" PRIMARY KEY ("id"),
      CONSTRAINT "fk_plans_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_plans_status" CHECK ("status" IN ('draft','published','archived')),
      CONSTRAINT "ck_plans_years" CHECK ("start_year" BETWEEN 2000 AND 2100 AND "end_year" BETWEEN "start_year" AND 2100)
    )`);
    await q.query(`CREATE INDEX "ix_plans_city" ON "plans" ("city_id")`);

    await q.query(`CREATE TABLE "plan_sections" (${stamps},
      "plan_id" uuid NOT NULL,
      "number" varchar(10) NOT NULL,
      "title" varchar(300) NOT NULL,
      "sort_order" integer NOT NULL DEFAULT 0,
      CONSTRAINT "pk_plan_sections" PRIMARY KEY ("id"),
      CONSTRAINT "uq_plan_sections_number" UNIQUE ("plan_id", "number"),
      CONSTRAINT "fk_plan_sections_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE
    )`);

    await q.query(`CREATE TABLE "tasks" (${stamps},
      "plan_id" uuid NOT NULL,
      "section_id" uuid,
      "number" integer NOT NULL,
      "title" varchar(300) NOT NULL,
      "requirement" text NOT NULL,
      "due_date" date,
      "milestones" jsonb NOT NULL DEFAULT '[]',
      "deleted_at" timestamptz,
      CONSTRAINT "pk_tasks" PRIMARY KEY ("id"),
      CONSTRAINT "fk_tasks_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_tasks_section" FOREIGN KEY ("section_id") REFERENCES "plan_sections"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_tasks_number" CHECK ("number" > 0)
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_tasks_number" ON "tasks" ("plan_id", "number") WHERE deleted_at IS NULL`);

    await q.query(`CREATE TABLE "assignments" (${stamps},
      "task_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "role" varchar(16) NOT NULL,
      "sort_order" integer NOT NULL DEFAULT 0,
      "starts_on" date,
      "active" boolean NOT NULL DEFAULT true,
      CONSTRAINT "pk_assignments" PRIMARY KEY ("id"),
      CONSTRAINT "uq_assignments_task_unit" UNIQUE ("task_id", "unit_id"),
      CONSTRAINT "fk_assignments_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assignments_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assignments_role" CHECK ("role" IN ('lead','responsible'))
    )`);
    await q.query(`CREATE INDEX "ix_assignments_unit" ON "assignments" ("unit_id")`);

    await q.query(`CREATE TABLE "assignment_liaisons" (
      "assignment_id" uuid NOT NULL,
      "contact_id" uuid NOT NULL,
      CONSTRAINT "pk_assignment_liaisons" PRIMARY KEY ("assignment_id", "contact_id"),
      CONSTRAINT "fk_assignment_liaisons_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assignment_liaisons_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "ix_assignment_liaisons_contact" ON "assignment_liaisons" ("contact_id")`);

    await q.query(`CREATE TABLE "indicators" (${stamps},
      "city_id" uuid NOT NULL,
      "name" varchar(200) NOT NULL,
      "unit_of_measure" varchar(20) NOT NULL DEFAULT '',
      "direction" varchar(8) NOT NULL DEFAULT 'higher',
      "aggregation" varchar(10) NOT NULL DEFAULT 'additive',
      "decimals" smallint NOT NULL DEFAULT 2,
      "max_value" numeric(20,6),
      "sort_order" integer NOT NULL DEFAULT 0,
      "authority_unit_id" uuid,
      CONSTRAINT "pk_indicators" PRIMARY KEY ("id"),
      CONSTRAINT "fk_indicators_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_indicators_authority" FOREIGN KEY ("authority_unit_id") REFERENCES "units"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_indicators_direction" CHECK ("direction" IN ('higher','lower')),
      CONSTRAINT "ck_indicators_aggregation" CHECK ("aggregation" IN ('additive','ratio','latest')),
      CONSTRAINT "ck_indicators_decimals" CHECK ("decimals" BETWEEN 0 AND 6)
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_indicators_name" ON "indicators" ("city_id", "name")`);

    await q.query(`CREATE TABLE "targets" (${stamps},
      "plan_id" uuid,
      "indicator_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "period" varchar(8) NOT NULL DEFAULT 'year',
      "kind" varchar(12) NOT NULL DEFAULT 'numeric',
      "operator" varchar(2) NOT NULL DEFAULT '>=',
      "value" numeric(20,6),
      "text_value" varchar(100),
      "date_value" date,
      "note" varchar(500) NOT NULL DEFAULT '',
      CONSTRAINT "pk_targets" PRIMARY KEY ("id"),
      CONSTRAINT "fk_targets_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_targets_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_targets_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_targets_period" CHECK ("period" IN ('year','h1','q1','q2','q3','q4')),
      CONSTRAINT "ck_targets_kind" CHECK (
        ("kind" = 'numeric' AND "value" IS NOT NULL) OR
        ("kind" = 'qualitative' AND "text_value" IS NOT NULL) OR
        ("kind" = 'date' AND "date_value" IS NOT NULL)),
      CONSTRAINT "ck_targets_operator" CHECK ("operator" IN ('=','>=','<=','>','<'))
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_targets_key" ON "targets" ("indicator_id", "unit_id", "year", "period")`);
    await q.query(`CREATE INDEX "ix_targets_plan" ON "targets" ("plan_id")`);
    await q.query(`CREATE INDEX "ix_targets_unit" ON "targets" ("unit_id")`);

    await q.query(`CREATE TABLE "indicator_values" (${stamps},
      "indicator_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "month" smallint NOT NULL DEFAULT 0,
      "value" numeric(20,6),
      "text_value" varchar(100),
      "source" varchar(200) NOT NULL DEFAULT '',
      "confirmation" varchar(12) NOT NULL DEFAULT 'reported',
      "confirmed_at" timestamptz,
      CONSTRAINT "pk_indicator_values" PRIMARY KEY ("id"),
      CONSTRAINT "fk_indicator_values_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_indicator_values_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_indicator_values_month" CHECK ("month" BETWEEN 0 AND 12),
      CONSTRAINT "ck_indicator_values_confirmation" CHECK ("confirmation" IN ('reported','confirmed')),
      CONSTRAINT "ck_indicator_values_present" CHECK ("value" IS NOT NULL OR "text_value" IS NOT NULL)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_indicator_values_key" ON "indicator_values" ("indicator_id", "unit_id", "year", "month")`,
    );
    await q.query(`CREATE INDEX "ix_indicator_values_unit" ON "indicator_values" ("unit_id", "year")`);

    await q.query(`CREATE TABLE "projects" (${stamps},
      "plan_id" uuid NOT NULL,
      "number" integer NOT NULL,
      "name" varchar(300) NOT NULL,
      "county_unit_id" uuid NOT NULL,
      "category" varchar(100) NOT NULL DEFAULT '',
      "code" varchar(64),
      "content" text NOT NULL DEFAULT '',
      "start_month" char(7) NOT NULL,
      "end_month" char(7) NOT NULL,
      "builder" varchar(300) NOT NULL DEFAULT '',
      "total_investment" numeric(14,2) NOT NULL,
      "annual_investment" numeric(14,2) NOT NULL,
      "annual_year" smallint NOT NULL,
      "responsible_leader" varchar(300) NOT NULL DEFAULT '',
      "stage" varchar(12) NOT NULL,
      CONSTRAINT "pk_projects" PRIMARY KEY ("id"),
      CONSTRAINT "fk_projects_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_projects_county" FOREIGN KEY ("county_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_projects_stage" CHECK ("stage" IN ('new','continuing')),
      CONSTRAINT "ck_projects_months" CHECK ("start_month" ~ '^\\d{4}-(0[1-9]|1[0-2])$'
        AND "end_month" ~ '^\\d{4}-(0[1-9]|1[0-2])$' AND "end_month" >= "start_month"),
      CONSTRAINT "ck_projects_money" CHECK ("total_investment" >= 0 AND "annual_investment" >= 0)
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_projects_code" ON "projects" ("plan_id", "code") WHERE code IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_projects_name" ON "projects" ("plan_id", "name")`);
    await q.query(`CREATE INDEX "ix_projects_county" ON "projects" ("county_unit_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'projects',
      'indicator_values',
      'targets',
      'indicators',
      'assignment_liaisons',
      'assignments',
      'tasks',
      'plan_sections',
      'plans',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "reason"`);
  }
}

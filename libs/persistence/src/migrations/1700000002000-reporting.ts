import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly reporting: periods, reports, evidence, exceptions, calendars, notifications and the inbox. */
export class Reporting1700000002000 implements MigrationInterface {
  name = 'Reporting1700000002000';

  async up(q: QueryRunner): Promise<void> {
    const stamps = `"id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()`;

    await q.query(
      `ALTER TABLE "plans" ADD "deadline_rule" jsonb NOT NULL DEFAULT '{}', ADD "reminder_rule" jsonb NOT NULL DEFAULT '{}'`,
    );
    await q.query(
      `ALTER TABLE "users" ADD "digest_mode" varchar(10) NOT NULL DEFAULT 'immediate'
       CONSTRAINT "ck_users_digest_mode" CHECK ("digest_mode" IN ('immediate','daily'))`,
    );

    await q.query(`CREATE TABLE "calendar_days" (${stamps},
      "city_id" uuid NOT NULL,
      "date" date NOT NULL,
      "kind" varchar(10) NOT NULL,
      "note" varchar(100) NOT NULL DEFAULT '',
      CONSTRAINT "pk_calendar_days" PRIMARY KEY ("id"),
      CONSTRAINT "uq_calendar_days" UNIQUE ("city_id", "date"),
      CONSTRAINT "fk_calendar_days_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_calendar_days_kind" CHECK ("kind" IN ('holiday','workday'))
    )`);

    await q.query(`CREATE TABLE "reporting_periods" (${stamps},
      "plan_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "month" smallint NOT NULL,
      "opens_on" date NOT NULL,
      "due_date" date NOT NULL,
      "deadline" timestamptz NOT NULL,
      "closes_at" timestamptz,
      CONSTRAINT "pk_reporting_periods" PRIMARY KEY ("id"),
      CONSTRAINT "uq_reporting_periods_month" UNIQUE ("plan_id", "year", "month"),
      CONSTRAINT "fk_reporting_periods_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_reporting_periods_month" CHECK ("month" BETWEEN 1 AND 12)
    )`);
    await q.query(`CREATE INDEX "ix_reporting_periods_deadline" ON "reporting_periods" ("deadline")`);

    await q.query(`CREATE TABLE "plan_indicators" (${stamps},
      "plan_id" uuid NOT NULL,
      "indicator_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "reporter" varchar(12) NOT NULL DEFAULT 'unit',
      CONSTRAINT "pk_plan_indicators" PRIMARY KEY ("id"),
      CONSTRAINT "uq_plan_indicators" UNIQUE ("plan_id", "indicator_id", "unit_id"),
      CONSTRAINT "fk_plan_indicators_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_plan_indicators_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_plan_indicators_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_plan_indicators_reporter" CHECK ("reporter" IN ('unit','authority','office'))
    )`);
    await q.query(`CREATE INDEX "ix_plan_indicators_unit" ON "plan_indicators" ("unit_id")`);

    await q.query(`CREATE TABLE "reports" (${stamps},
      "period_id" uuid NOT NULL,
      "plan_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "subject_type" varchar(16) NOT NULL,
      "subject_id" uuid NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'draft',
      "version" integer NOT NULL DEFAULT 1,
      "progress_status" varchar(16),
      "completion_percent" numeric(5,2),
      "narrative" text NOT NULL DEFAULT '',
      "problems" text NOT NULL DEFAULT '',
      "next_steps" text NOT NULL DEFAULT '',
      "investment_to_date" numeric(14,2),
      "first_submitted_at" timestamptz,
      "submitted_at" timestamptz,
      "late" boolean,
      "returned_reason" varchar(1000),
      "reviewed_at" timestamptz,
      "reviewed_by_user_id" uuid,
      "updated_by_user_id" uuid,
      CONSTRAINT "pk_reports" PRIMARY KEY ("id"),
      CONSTRAINT "uq_reports_subject" UNIQUE ("period_id", "subject_type", "subject_id"),
      CONSTRAINT "fk_reports_period" FOREIGN KEY ("period_id") REFERENCES "reporting_periods"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_reports_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_reports_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_reports_subject_type" CHECK ("subject_type" IN ('assignment','indicators','project')),
      CONSTRAINT "ck_reports_status" CHECK ("status" IN ('draft','submitted','returned','accepted')),
      CONSTRAINT "ck_reports_progress_status" CHECK ("progress_status" IS NULL OR "progress_status" IN ('on_track','at_risk','lagging','done')),
      CONSTRAINT "ck_reports_completion" CHECK ("completion_percent" IS NULL OR "completion_percent" BETWEEN 0 AND 100),
      CONSTRAINT "ck_reports_investment" CHECK ("investment_to_date" IS NULL OR "investment_to_date" >= 0)
    )`);
    await q.query(`CREATE INDEX "ix_reports_unit" ON "reports" ("unit_id", "period_id")`);
    await q.query(`CREATE INDEX "ix_reports_plan" ON "reports" ("plan_id", "status")`);

    await q.query(`ALTER TABLE "indicator_values"
      ADD "report_id" uuid CONSTRAINT "fk_indicator_values_report" REFERENCES "reports"("id") ON DELETE SET NULL,
      ADD "reported_by_user_id" uuid,
      ADD "confirmed_by_user_id" uuid`);

    await q.query(`CREATE TABLE "evidence_files" (
      "sha256" char(64) NOT NULL,
      "size" bigint NOT NULL,
      "mime" varchar(100) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_evidence_files" PRIMARY KEY ("sha256")
    )`);
    await q.query(`CREATE TABLE "report_evidence" (
      "report_id" uuid NOT NULL,
      "sha256" char(64) NOT NULL,
      "filename" varchar(255) NOT NULL,
      "uploaded_by_user_id" uuid NOT NULL,
      "uploaded_at" timestamptz NOT NULL,
      CONSTRAINT "pk_report_evidence" PRIMARY KEY ("report_id", "sha256"),
      CONSTRAINT "fk_report_evidence_report" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_report_evidence_file" FOREIGN KEY ("sha256") REFERENCES "evidence_files"("sha256") ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE "entry_exceptions" (${stamps},
      "period_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "reason" varchar(500) NOT NULL,
      "open_until" timestamptz NOT NULL,
      "created_by_user_id" uuid NOT NULL,
      CONSTRAINT "pk_entry_exceptions" PRIMARY KEY ("id"),
      CONSTRAINT "uq_entry_exceptions" UNIQUE ("period_id", "unit_id"),
      CONSTRAINT "fk_entry_exceptions_period" FOREIGN KEY ("period_id") REFERENCES "reporting_periods"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_entry_exceptions_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE "notifications" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "idempotency_key" varchar(300) NOT NULL,
      "kind" varchar(20) NOT NULL,
      "city_id" uuid,
      "period_id" uuid,
      "unit_id" uuid,
      "recipient_contact_id" uuid,
      "recipient_user_id" uuid,
      "recipient_email" varchar(200) NOT NULL,
      "subject" varchar(300) NOT NULL,
      "body_text" text NOT NULL,
      "body_html" text NOT NULL,
      "message_id" varchar(300) NOT NULL,
      "status" varchar(12) NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      "enqueued_at" timestamptz,
      "sent_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_notifications" PRIMARY KEY ("id"),
      CONSTRAINT "ck_notifications_status" CHECK ("status" IN ('pending','sent','failed'))
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_notifications_key" ON "notifications" ("idempotency_key")`);
    await q.query(`CREATE INDEX "ix_notifications_status" ON "notifications" ("status", "created_at")`);
    await q.query(
      `CREATE INDEX "ix_notifications_undispatched" ON "notifications" ("created_at") WHERE enqueued_at IS NULL AND status = 'pending'`,
    );
    await q.query(`CREATE INDEX "ix_notifications_city" ON "notifications" ("city_id", "created_at")`);

    await q.query(`CREATE TABLE "inbox_messages" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "idempotency_key" varchar(300) NOT NULL,
      "user_id" uuid NOT NULL,
      "kind" varchar(20) NOT NULL,
      "title" varchar(300) NOT NULL,
      "body" text NOT NULL,
      "link" varchar(500) NOT NULL DEFAULT '',
      "read_at" timestamptz,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "pk_inbox_messages" PRIMARY KEY ("id"),
      CONSTRAINT "fk_inbox_messages_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_inbox_key" ON "inbox_messages" ("idempotency_key")`);
    await q.query(`CREATE INDEX "ix_inbox_user" ON "inbox_messages" ("user_id", "created_at")`);

    await q.query(`CREATE TABLE "schedule_runs" (
      "name" varchar(100) NOT NULL,
      "last_run_at" timestamptz NOT NULL,
      CONSTRAINT "pk_schedule_runs" PRIMARY KEY ("name")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'schedule_runs',
      'inbox_messages',
      'notifications',
      'entry_exceptions',
      'report_evidence',
      'evidence_files',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(
      `ALTER TABLE "indicator_values" DROP COLUMN "report_id", DROP COLUMN "reported_by_user_id", DROP COLUMN "confirmed_by_user_id"`,
    );
    for (const table of ['reports', 'plan_indicators', 'reporting_periods', 'calendar_days'])
      await q.query(`DROP TABLE "${table}"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "digest_mode"`);
    await q.query(`ALTER TABLE "plans" DROP COLUMN "deadline_rule", DROP COLUMN "reminder_rule"`);
  }
}

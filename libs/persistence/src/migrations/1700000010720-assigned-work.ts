import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 交办事项: work items the office assigns to units of its city with a due date, each unit's part
 * closed (办结) with a note and files from the shared evidence store, then confirmed or returned by
 * the office. The year-end late-work leaf (附表3-2) reads the items and parts through published
 * views; the evidence sweep reads the file links directly (same library).
 */
const published: [schema: string, table: string, columns: string[]][] = [
  ['reporting', 'assigned_work_items', ['id', 'city_id', 'content', 'due_date', 'plan_id', 'task_id']],
  ['reporting', 'assigned_work_units', ['item_id', 'unit_id', 'status', 'closed_on']],
];

export class AssignedWork1700000010720 implements MigrationInterface {
  name = 'AssignedWork1700000010720';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "assigned_work_items" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "city_id" uuid NOT NULL,
      "content" varchar(2000) NOT NULL,
      "basis" varchar(1000),
      "due_date" date NOT NULL,
      "plan_id" uuid,
      "task_id" uuid,
      "created_by_user_id" uuid NOT NULL,
      CONSTRAINT "pk_assigned_work_items" PRIMARY KEY ("id"),
      CONSTRAINT "fk_assigned_work_items_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_assigned_work_items_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_assigned_work_items_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assigned_work_items_task_plan" CHECK ("task_id" IS NULL OR "plan_id" IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX "ix_assigned_work_items_city_due" ON "assigned_work_items" ("city_id", "due_date")`);
    await q.query(`CREATE TABLE "assigned_work_units" (
      "item_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "status" varchar(10) NOT NULL,
      "closed_on" date,
      "closed_at" timestamptz,
      "closed_by_user_id" uuid,
      "close_note" varchar(2000),
      "confirmed_at" timestamptz,
      "confirmed_by_user_id" uuid,
      "returned_at" timestamptz,
      "return_reason" varchar(1000),
      CONSTRAINT "pk_assigned_work_units" PRIMARY KEY ("item_id", "unit_id"),
      CONSTRAINT "fk_assigned_work_units_item" FOREIGN KEY ("item_id") REFERENCES "assigned_work_items"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assigned_work_units_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assigned_work_units_status" CHECK ("status" IN ('open','closed','confirmed')),
      CONSTRAINT "ck_assigned_work_units_closed" CHECK (("status" = 'open') = ("closed_on" IS NULL))
    )`);
    await q.query(`CREATE INDEX "ix_assigned_work_units_unit" ON "assigned_work_units" ("unit_id", "status")`);
    await q.query(`CREATE TABLE "assigned_work_evidence" (
      "item_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "sha256" char(64) NOT NULL,
      "filename" varchar(255) NOT NULL,
      "uploaded_by_user_id" uuid NOT NULL,
      "uploaded_at" timestamptz NOT NULL,
      CONSTRAINT "pk_assigned_work_evidence" PRIMARY KEY ("item_id", "unit_id", "sha256"),
      CONSTRAINT "fk_assigned_work_evidence_part" FOREIGN KEY ("item_id", "unit_id")
        REFERENCES "assigned_work_units"("item_id", "unit_id") ON DELETE CASCADE,
      CONSTRAINT "fk_assigned_work_evidence_file" FOREIGN KEY ("sha256") REFERENCES "evidence_files"("sha256") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "ix_assigned_work_evidence_sha256" ON "assigned_work_evidence" ("sha256")`);
    for (const [schema, table, columns] of published) {
      const list = columns.map((c) => `"${c}"`).join(', ');
      await q.query(`CREATE VIEW "${schema}"."${table}" AS SELECT ${list} FROM "public"."${table}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [schema, table] of [...published].reverse()) await q.query(`DROP VIEW "${schema}"."${table}"`);
    await q.query(`DROP TABLE "assigned_work_evidence"`);
    await q.query(`DROP TABLE "assigned_work_units"`);
    await q.query(`DROP TABLE "assigned_work_items"`);
  }
}

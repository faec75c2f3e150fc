import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Assessment schemes as versioned data, and published quarterly bulletins. */
export class Assessment1700000003000 implements MigrationInterface {
  name = 'Assessment1700000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "schemes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "city_id" uuid NOT NULL,
      "code" varchar(64) NOT NULL,
      "name" varchar(200) NOT NULL,
      "kind" varchar(12) NOT NULL,
      "year" smallint NOT NULL,
      "version" integer NOT NULL,
      "status" varchar(8) NOT NULL DEFAULT 'draft',
      "definition" jsonb NOT NULL,
      "input_map" jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT "pk_schemes" PRIMARY KEY ("id"),
      CONSTRAINT "fk_schemes_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_schemes_kind" CHECK ("kind" IN ('quarterly','county','department','fund')),
      CONSTRAINT "ck_schemes_status" CHECK ("status" IN ('draft','active','frozen'))
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_schemes_version" ON "schemes" ("city_id", "code", "version")`);

    await q.query(`CREATE TABLE "bulletins" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "city_id" uuid NOT NULL,
      "plan_id" uuid NOT NULL,
      "scheme_id" uuid NOT NULL,
      "quarter_key" varchar(7) NOT NULL,
      "revision" integer NOT NULL,
      "reason" varchar(500),
      "snapshot" jsonb NOT NULL,
      "published_at" timestamptz NOT NULL,
      "published_by_user_id" uuid,
      CONSTRAINT "pk_bulletins" PRIMARY KEY ("id"),
      CONSTRAINT "fk_bulletins_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_bulletins_scheme" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_bulletins_quarter" CHECK ("quarter_key" ~ '^\\d{4}-Q[1-4]$'),
      CONSTRAINT "ck_bulletins_revision" CHECK ("revision" >= 1 AND ("revision" = 1 OR "reason" IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_bulletins_revision" ON "bulletins" ("plan_id", "quarter_key", "revision")`);
    // Published bulletins are immutable: no UPDATE reaches them, whatever the code does.
    await q.query(`CREATE FUNCTION bulletins_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'published bulletins are immutable' USING ERRCODE = 'check_violation'; END $$`);
    await q.query(
      `CREATE TRIGGER bulletins_no_update BEFORE UPDATE ON "bulletins" FOR EACH ROW EXECUTE FUNCTION bulletins_immutable()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "bulletins"`);
    await q.query(`DROP FUNCTION bulletins_immutable()`);
    await q.query(`DROP TABLE "schemes"`);
  }
}

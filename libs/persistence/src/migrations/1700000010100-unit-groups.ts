import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Named sets of a city's units (各县区, 开发区) that task lists name instead of the units. */
export class UnitGroups1700000010100 implements MigrationInterface {
  name = 'UnitGroups1700000010100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "unit_groups" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "city_id" uuid NOT NULL,
      "name" varchar(100) NOT NULL,
      "unit_ids" uuid array NOT NULL DEFAULT '{}',
      CONSTRAINT "pk_unit_groups" PRIMARY KEY ("id"),
      CONSTRAINT "uq_unit_groups_city_name" UNIQUE ("city_id", "name"),
      CONSTRAINT "fk_unit_groups_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "unit_groups"`);
  }
}

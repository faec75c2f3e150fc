import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform role and city onboarding.
 * - Platform accounts belong to no unit, and only they: `users.unit_id` becomes nullable with a
 *   check that ties "no unit" to the one role `platform` (and no linked contact).
 * - Accounts of units outside every city (province-level ones, which read every city because a
 *   null city meant "no filter") become platform accounts; their sessions end. What they were is
 *   kept in `platform_former_accounts` so that `down` can put them back.
 * - Cities can be disabled (`units.disabled_at`, on city roots only).
 * - Unit codes are unique within a city rather than across the deployment; a city root's code
 *   stays unique among cities, as it names the city.
 */
export class Platform1700000009800 implements MigrationInterface {
  name = 'Platform1700000009800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "units" ADD "disabled_at" timestamptz`);
    await q.query(
      `ALTER TABLE "units" ADD CONSTRAINT "ck_units_disabled_city" CHECK ("disabled_at" IS NULL OR "kind" = 'city')`,
    );
    await q.query(`DROP INDEX "uq_units_code"`);
    await q.query(`CREATE UNIQUE INDEX "uq_units_city_code" ON "units" ("city_id", "code") WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_units_city_root_code" ON "units" ("code") WHERE kind = 'city' AND deleted_at IS NULL`,
    );

    await q.query(`ALTER TABLE "users" ALTER COLUMN "unit_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_roles"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_roles"
      CHECK (cardinality("roles") > 0 AND "roles" <@ ARRAY['admin','office','leader','liaison','platform']::varchar[])`);

    await q.query(`CREATE TABLE "platform_former_accounts" (
      "user_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "contact_id" uuid,
      "roles" varchar(16) array NOT NULL,
      CONSTRAINT "pk_platform_former_accounts" PRIMARY KEY ("user_id"),
      CONSTRAINT "fk_platform_former_accounts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`INSERT INTO "platform_former_accounts" ("user_id", "unit_id", "contact_id", "roles")
      SELECT usr.id, usr.unit_id, usr.contact_id, usr.roles FROM "users" usr JOIN "units" u ON u.id = usr.unit_id WHERE u.city_id IS NULL`);
    await q.query(`UPDATE "users" SET "unit_id" = NULL, "contact_id" = NULL, "roles" = ARRAY['platform']::varchar[], "tokens_valid_after" = now()
      WHERE "id" IN (SELECT "user_id" FROM "platform_former_accounts")`);
    // What these accounts held was province-wide city access: it ends with the change of role.
    await q.query(`UPDATE "refresh_tokens" SET "revoked_at" = now()
      WHERE "revoked_at" IS NULL AND "user_id" IN (SELECT "user_id" FROM "platform_former_accounts")`);
    const [sessions]: { present: boolean }[] = await q.query(`SELECT to_regclass('sessions') IS NOT NULL AS present`);
    if (sessions?.present) {
      await q.query(`UPDATE "sessions" SET "revoked_at" = now(), "revoked_reason" = 'disabled'
        WHERE "revoked_at" IS NULL AND "user_id" IN (SELECT "user_id" FROM "platform_former_accounts")`);
    }

    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_platform" CHECK (
      ("unit_id" IS NULL AND "contact_id" IS NULL AND "roles" = ARRAY['platform']::varchar[])
      OR ("unit_id" IS NOT NULL AND NOT ('platform' = ANY ("roles")))
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const created: { n: number }[] = await q.query(
      `SELECT count(*)::int AS n FROM "users" WHERE "unit_id" IS NULL AND "id" NOT IN (SELECT "user_id" FROM "platform_former_accounts")`,
    );
    if ((created[0]?.n ?? 0) > 0) {
      throw new Error(
        `${created[0]!.n} platform accounts were created after this migration and have no unit to return to: delete them first`,
      );
    }
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_platform"`);
    await q.query(`UPDATE "users" usr SET "unit_id" = f."unit_id", "contact_id" = f."contact_id", "roles" = f."roles"
      FROM "platform_former_accounts" f WHERE f."user_id" = usr."id"`);
    await q.query(`DROP TABLE "platform_former_accounts"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_roles"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_roles"
      CHECK (cardinality("roles") > 0 AND "roles" <@ ARRAY['admin','office','leader','liaison']::varchar[])`);
    await q.query(`ALTER TABLE "users" ALTER COLUMN "unit_id" SET NOT NULL`);

    await q.query(`DROP INDEX "uq_units_city_root_code"`);
    await q.query(`DROP INDEX "uq_units_city_code"`);
    await q.query(`CREATE UNIQUE INDEX "uq_units_code" ON "units" ("code") WHERE deleted_at IS NULL`);
    await q.query(`ALTER TABLE "units" DROP CONSTRAINT "ck_units_disabled_city"`);
    await q.query(`ALTER TABLE "units" DROP COLUMN "disabled_at"`);
  }
}

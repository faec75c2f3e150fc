import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation registry, people, sessions and the audit trail. */
export class Foundation1700000000000 implements MigrationInterface {
  name = 'Foundation1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "units" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "code" varchar(64) NOT NULL,
      "name" varchar(200) NOT NULL,
      "short_name" varchar(100) NOT NULL,
      "kind" varchar(32) NOT NULL,
      "parent_id" uuid,
      "path" text NOT NULL,
      "city_id" uuid,
      "aliases" text array NOT NULL DEFAULT '{}',
      "sort_order" integer NOT NULL DEFAULT 0,
      "active" boolean NOT NULL DEFAULT true,
      "deleted_at" timestamptz,
      CONSTRAINT "pk_units" PRIMARY KEY ("id"),
      CONSTRAINT "fk_units_parent" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_units_city" FOREIGN KEY ("city_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_units_kind" CHECK ("kind" IN ('province','city','leadership_group','office','department','county','enterprise','institution','sub_unit'))
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_units_code" ON "units" ("code") WHERE deleted_at IS NULL`);
    // Subtree queries are `path LIKE '/a/b/%'`: text_pattern_ops makes that an index range scan.
    await q.query(`CREATE INDEX "ix_units_path" ON "units" ("path" text_pattern_ops)`);
    await q.query(`CREATE INDEX "ix_units_parent" ON "units" ("parent_id")`);
    await q.query(`CREATE INDEX "ix_units_city" ON "units" ("city_id")`);

    await q.query(`CREATE TABLE "county_tiers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "unit_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "tier" smallint NOT NULL,
      CONSTRAINT "pk_county_tiers" PRIMARY KEY ("id"),
      CONSTRAINT "uq_county_tiers_unit_year" UNIQUE ("unit_id", "year"),
      CONSTRAINT "fk_county_tiers_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_county_tiers_tier" CHECK ("tier" BETWEEN 1 AND 3)
    )`);

    await q.query(`CREATE TABLE "contacts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "unit_id" uuid NOT NULL,
      "workplace_unit_id" uuid,
      "section" varchar(100) NOT NULL DEFAULT '',
      "name" varchar(50) NOT NULL,
      "phone" varchar(30) NOT NULL DEFAULT '',
      "email" varchar(200) NOT NULL DEFAULT '',
      "role" varchar(16) NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "deleted_at" timestamptz,
      CONSTRAINT "pk_contacts" PRIMARY KEY ("id"),
      CONSTRAINT "fk_contacts_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_contacts_workplace" FOREIGN KEY ("workplace_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_contacts_role" CHECK ("role" IN ('liaison','leader'))
    )`);
    await q.query(`CREATE INDEX "ix_contacts_unit" ON "contacts" ("unit_id")`);

    await q.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "username" varchar(64) NOT NULL,
      "password_hash" varchar(100) NOT NULL,
      "display_name" varchar(100) NOT NULL,
      "unit_id" uuid NOT NULL,
      "contact_id" uuid,
      "roles" varchar(16) array NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "failed_logins" integer NOT NULL DEFAULT 0,
      "locked_until" timestamptz,
      "tokens_valid_after" timestamptz,
      CONSTRAINT "pk_users" PRIMARY KEY ("id"),
      CONSTRAINT "fk_users_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_users_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_users_roles" CHECK (cardinality("roles") > 0 AND "roles" <@ ARRAY['admin','office','leader','liaison']::varchar[])
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username")`);
    await q.query(`CREATE INDEX "ix_users_unit" ON "users" ("unit_id")`);

    await q.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "family_id" uuid NOT NULL,
      "token_hash" char(64) NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "revoked_at" timestamptz,
      "replaced_by_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id")`);
    await q.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")`);

    await q.query(`CREATE TABLE "audit_log" (
      "id" bigserial NOT NULL,
      "at" timestamptz NOT NULL,
      "actor_user_id" uuid,
      "actor_name" varchar(100) NOT NULL DEFAULT '',
      "city_id" uuid,
      "request_id" varchar(64),
      "entity" varchar(64) NOT NULL,
      "entity_id" varchar(64) NOT NULL,
      "action" varchar(32) NOT NULL,
      "before" jsonb,
      "after" jsonb,
      CONSTRAINT "pk_audit_log" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "ix_audit_entity" ON "audit_log" ("entity", "entity_id")`);
    await q.query(`CREATE INDEX "ix_audit_actor" ON "audit_log" ("actor_user_id")`);
    await q.query(`CREATE INDEX "ix_audit_at" ON "audit_log" ("at")`);
    await q.query(`CREATE INDEX "ix_audit_city_at" ON "audit_log" ("city_id", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP TABLE "refresh_tokens"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "contacts"`);
    await q.query(`DROP TABLE "county_tiers"`);
    await q.query(`DROP TABLE "units"`);
  }
}

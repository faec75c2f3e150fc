import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions checked on every request (the `sid` of access tokens), so logout, a password change or
 * disabling an account ends them at once; the refresh-token family becomes a session. The queue
 * board's cookie is an opaque pass bound to a session (only its SHA-256 is kept).
 */
export class Sessions1700000009700 implements MigrationInterface {
  name = 'Sessions1700000009700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "created_at" timestamptz NOT NULL,
      "revoked_at" timestamptz,
      "revoked_reason" varchar(16),
      CONSTRAINT "pk_sessions" PRIMARY KEY ("id"),
      CONSTRAINT "fk_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_sessions_revoked" CHECK (("revoked_at" IS NULL) = ("revoked_reason" IS NULL)),
      CONSTRAINT "ck_sessions_revoked_reason" CHECK ("revoked_reason" IN ('logout','password','disabled','replay'))
    )`);
    // Ending every open session of a user (password change, disabling) reads only the open ones.
    await q.query(`CREATE INDEX "ix_sessions_open_by_user" ON "sessions" ("user_id") WHERE "revoked_at" IS NULL`);

    // Existing refresh-token families become sessions, open while any of their tokens is, so
    // signed-in users keep their sessions through the upgrade (by refreshing once). Refreshing
    // checks the family's session, so no foreign key from refresh_tokens is needed to tie them.
    await q.query(`INSERT INTO "sessions" ("id", "user_id", "created_at", "revoked_at", "revoked_reason")
      SELECT "family_id", min("user_id"::text)::uuid, min("created_at"),
             CASE WHEN bool_and("revoked_at" IS NOT NULL) THEN max("revoked_at") END,
             CASE WHEN bool_and("revoked_at" IS NOT NULL) THEN 'logout' END
      FROM "refresh_tokens" GROUP BY "family_id"`);

    await q.query(`CREATE TABLE "queue_board_passes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "session_id" uuid NOT NULL,
      "token_hash" char(64) NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "pk_queue_board_passes" PRIMARY KEY ("id"),
      CONSTRAINT "fk_queue_board_passes_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_queue_board_passes_hash" ON "queue_board_passes" ("token_hash")`);
    await q.query(`CREATE INDEX "ix_queue_board_passes_session" ON "queue_board_passes" ("session_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "queue_board_passes"`);
    await q.query(`DROP TABLE "sessions"`);
  }
}

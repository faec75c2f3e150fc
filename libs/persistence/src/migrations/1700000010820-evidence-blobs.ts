import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence bytes kept in PostgreSQL (EVIDENCE_STORE=postgres): a blob is staged while `sha256` is
 * null and becomes addressable when its hash is set; its content is 1 MiB chunks, so no file needs
 * one giant value or all its bytes in memory.
 */
export class EvidenceBlobs1700000010820 implements MigrationInterface {
  name = 'EvidenceBlobs1700000010820';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "evidence_blobs" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "sha256" char(64) UNIQUE CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "size" bigint NOT NULL DEFAULT 0 CHECK ("size" >= 0),
        "staged_at" timestamptz NOT NULL,
        "stored_at" timestamptz,
        CHECK (("sha256" IS NULL) = ("stored_at" IS NULL))
      )`);
    await q.query(`CREATE INDEX "evidence_blobs_staged" ON "evidence_blobs" ("staged_at") WHERE "sha256" IS NULL`);
    await q.query(`
      CREATE TABLE "evidence_blob_chunks" (
        "blob_id" bigint NOT NULL REFERENCES "evidence_blobs" ("id") ON DELETE CASCADE,
        "seq" integer NOT NULL CHECK ("seq" >= 0),
        "data" bytea NOT NULL,
        PRIMARY KEY ("blob_id", "seq")
      )`);
    // The bytes are compressed already (PDF, images, zip-based Office files): not worth PostgreSQL's try.
    await q.query(`ALTER TABLE "evidence_blob_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "evidence_blob_chunks"`);
    await q.query(`DROP TABLE "evidence_blobs"`);
  }
}

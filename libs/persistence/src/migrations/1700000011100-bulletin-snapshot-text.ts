import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bulletin's snapshot is stored as the text its publisher serialised, not as `json`: the only writer is the
 * publisher's JSON.stringify, so the check `json` makes on every insert (parsing the whole text, about 35 ms of a
 * 3,000-county snapshot's 10 MB, most of storing it) proves nothing. The one reader inside the database, the
 * previous quarter's ranks, casts it to `json` where it reads it. The table's triggers refuse row changes; a type
 * change is not one.
 */
export class BulletinSnapshotText1700000011100 implements MigrationInterface {
  name = 'BulletinSnapshotText1700000011100';

  async up(q: QueryRunner): Promise<void> {
    // A type change forgets the column's compression (lz4, 1700000010900): set again.
    await q.query(
      `ALTER TABLE "bulletins" ALTER COLUMN "snapshot" TYPE text USING "snapshot"::text, ALTER COLUMN "snapshot" SET COMPRESSION lz4`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "bulletins" ALTER COLUMN "snapshot" TYPE json USING "snapshot"::json, ALTER COLUMN "snapshot" SET COMPRESSION lz4`,
    );
  }
}

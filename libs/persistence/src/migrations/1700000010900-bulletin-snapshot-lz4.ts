import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A large city's bulletin snapshot is tens of megabytes of JSON; compressing it with pglz took a good part of
 * publishing a quarter, lz4 does it several times faster for a similar size. Snapshots already stored keep
 * their pglz form (PostgreSQL reads both); only new revisions are written with lz4.
 */
export class BulletinSnapshotLz41700000010900 implements MigrationInterface {
  name = 'BulletinSnapshotLz41700000010900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bulletins" ALTER COLUMN "snapshot" SET COMPRESSION lz4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bulletins" ALTER COLUMN "snapshot" SET COMPRESSION pglz`);
  }
}

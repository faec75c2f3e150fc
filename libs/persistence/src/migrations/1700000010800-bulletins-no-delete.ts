import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Published bulletins refuse DELETE as they refuse UPDATE: a correction is a new revision, never a removal. */
export class BulletinsNoDelete1700000010800 implements MigrationInterface {
  name = 'BulletinsNoDelete1700000010800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TRIGGER bulletins_no_delete BEFORE DELETE ON "bulletins" FOR EACH ROW EXECUTE FUNCTION bulletins_immutable()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER bulletins_no_delete ON "bulletins"`);
  }
}

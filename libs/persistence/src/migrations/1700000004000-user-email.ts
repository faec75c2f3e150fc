import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users' own email, for accounts not linked to a contact (office staff receive digests there). */
export class UserEmail1700000004000 implements MigrationInterface {
  name = 'UserEmail1700000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "email" varchar(200) NOT NULL DEFAULT ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "email"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM keeps the expression of a generated column (budget_projects.annual_budget) in its own
 * table and reads it when it compares the entities with the database (`npm run migration:generate`);
 * without the table the comparison fails. The row holds the entity's expression as written there.
 */
export class TypeormMetadata1700000010410 implements MigrationInterface {
  name = 'TypeormMetadata1700000010410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar,
        "table" varchar, "name" varchar, "value" text)`,
    );
    await q.query(
      `INSERT INTO "typeorm_metadata" ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), 'public', 'budget_projects', 'annual_budget', $1)`,
      [
        'general_budget + government_funds + special_accounts + state_capital + social_security_funds + carried_over + ' +
          'other_funds',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "typeorm_metadata"`);
  }
}

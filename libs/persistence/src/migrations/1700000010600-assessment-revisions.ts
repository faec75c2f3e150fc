import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every revision of an assessment's results, kept: what the approval froze (all inputs and results), who made it,
 * why. Results approved before this table existed become their revision, made by whoever approved them.
 */
export class AssessmentRevisions1700000010600 implements MigrationInterface {
  name = 'AssessmentRevisions1700000010600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        assessment_id uuid NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('approval', 'appeal')),
        frozen jsonb NOT NULL,
        at timestamptz NOT NULL,
        created_by_user_id uuid NOT NULL,
        created_by_name varchar(100) NOT NULL,
        reason varchar(1000) NOT NULL DEFAULT '',
        appeal_id uuid REFERENCES appeals(id),
        CONSTRAINT uq_assessment_revisions UNIQUE (assessment_id, revision)
      )`);
    await q.query(`
      INSERT INTO assessment_revisions (assessment_id, revision, kind, frozen, at, created_by_user_id, created_by_name)
      SELECT a.id, a.revision, 'approval', a.results, a.approved_at, a.approved_by_user_id, COALESCE(u.display_name, '')
      FROM assessments a LEFT JOIN users u ON u.id = a.approved_by_user_id
      WHERE a.results IS NOT NULL AND a.approved_at IS NOT NULL AND a.approved_by_user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_revisions`);
  }
}

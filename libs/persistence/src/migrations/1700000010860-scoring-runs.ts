import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Year-end scoring runs on the worker: the leadership's approval and an upheld appeal each ask for one revision of
 * an assessment's results, and the worker computes it. One row per assessment and revision makes a second request
 * or a retried job find the work done; its state is what the office sees while it waits.
 *
 * The administrator's reason for reopening approved results is kept until the next approval, whose revision it explains.
 */
export class ScoringRuns1700000010860 implements MigrationInterface {
  name = 'ScoringRuns1700000010860';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "assessment_scoring_runs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "assessment_id" uuid NOT NULL,
      "revision" integer NOT NULL,
      "kind" varchar(12) NOT NULL,
      "status" varchar(12) NOT NULL DEFAULT 'queued',
      "attempts" integer NOT NULL DEFAULT 0,
      "error" varchar(2000),
      "appeal_id" uuid,
      "reason" varchar(1000) NOT NULL DEFAULT '',
      "requested_by_user_id" uuid NOT NULL,
      "requested_by_name" varchar(100) NOT NULL,
      "requested_at" timestamptz NOT NULL,
      "finished_at" timestamptz,
      CONSTRAINT "pk_assessment_scoring_runs" PRIMARY KEY ("id"),
      CONSTRAINT "uq_assessment_scoring_runs" UNIQUE ("assessment_id", "revision"),
      CONSTRAINT "fk_assessment_scoring_runs_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_assessment_scoring_runs_appeal" FOREIGN KEY ("appeal_id") REFERENCES "appeals"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_assessment_scoring_runs_kind" CHECK ("kind" IN ('approval', 'appeal')),
      CONSTRAINT "ck_assessment_scoring_runs_status" CHECK ("status" IN ('queued', 'running', 'done', 'failed'))
    )`);
    await q.query(
      `CREATE INDEX "ix_assessment_scoring_runs_pending" ON "assessment_scoring_runs" ("requested_at") WHERE "status" IN ('queued', 'running')`,
    );
    await q.query(`ALTER TABLE "assessments" ADD "reopen_reason" varchar(1000)`);
    await this.statuses(
      q,
      ['self_assessment', 'review', 'scoring', 'approved', 'published'],
      ['self_assessment', 'review', 'scoring'],
    );
    await this.frozenStatistics(q, ['scoring', 'approved', 'published']);
  }

  /** The statuses an assessment may take, and those in which it has no results yet. */
  private async statuses(q: QueryRunner, all: string[], open: string[]): Promise<void> {
    const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
    await q.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "ck_assessments_status", DROP CONSTRAINT "ck_assessments_locked"`,
    );
    await q.query(`ALTER TABLE "assessments"
      ADD CONSTRAINT "ck_assessments_status" CHECK ("status" IN (${list(all)})),
      ADD CONSTRAINT "ck_assessments_locked" CHECK ("status" IN (${list(open)}) OR "results" IS NOT NULL)`);
  }

  /** Statistics feeding an assessment being scored are as frozen as those of an approved one. */
  private async frozenStatistics(q: QueryRunner, statuses: string[]): Promise<void> {
    await q.query(`CREATE OR REPLACE VIEW "assessment"."frozen_statistics" (
        "assessment_id", "city_id", "year", "status", "indicator_name") AS
      SELECT a.id, a.city_id, a.year, a.status, leaf.source->>'indicatorName'
      FROM "public"."assessments" a
      JOIN "public"."schemes" s ON s.id = a.scheme_id
      CROSS JOIN LATERAL jsonb_each(s.input_map) AS leaf(criterion_id, source)
      WHERE a.status IN (${statuses.map((x) => `'${x}'`).join(', ')}) AND leaf.source->>'type' = 'indicatorValue'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.frozenStatistics(q, ['approved', 'published']);
    await this.statuses(q, ['self_assessment', 'review', 'approved', 'published'], ['self_assessment', 'review']);
    await q.query(`ALTER TABLE "assessments" DROP COLUMN "reopen_reason"`);
    await q.query(`DROP TABLE "assessment_scoring_runs"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The evidence sweep and every deletion of an `evidence_files` row (its foreign key from
 * `report_evidence` is ON DELETE RESTRICT) look links up by hash; without an index each of those
 * checks scans every link of every report.
 */
export class EvidenceByHash1700000009900 implements MigrationInterface {
  name = 'EvidenceByHash1700000009900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_report_evidence_sha256" ON "report_evidence" ("sha256")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_report_evidence_sha256"`);
  }
}

import { count, rows, type Db } from './sql.js';

/** A self-assessment entry of the unit (by code) in the first assessment, citing an evidence file by its hash. */
export async function citeEvidenceInAssessment(
  db: Db,
  unitCode: string,
  username: string,
  sha256: string,
): Promise<void> {
  const inserted = await rows<{ id: string }>(
    db,
    `INSERT INTO assessment_entries (assessment_id, unit_id, criterion_id, stage, input, evidence, entered_by_user_id)
     SELECT a.id, u.id, 'evidence-sweep', 'self', '{}', ARRAY[$1], us.id FROM assessments a, units u, users us
     WHERE u.code = $2 AND us.username = $3 ORDER BY a.id LIMIT 1 RETURNING id`,
    [sha256, unitCode, username],
  );
  if (inserted.length !== 1) throw new Error('no year-end assessment to cite evidence in: open one first');
}

/** Schemes with this code, every version. */
export async function schemesCoded(db: Db, code: string): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM schemes WHERE code = $1`, [code]);
}

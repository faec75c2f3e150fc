import { count, rows, type Db } from './sql.js';

/** An assessment of the plan, any of them. */
export async function anAssessmentOf(db: Db, planId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(db, `SELECT id FROM assessments WHERE plan_id = $1 LIMIT 1`, [planId]);
  if (!found) throw new Error(`no assessment of plan ${planId}`);
  return found.id;
}

/** A self-assessment entry of the unit (by code) in the first assessment, citing an evidence file by its hash. */
export async function citeEvidenceInAssessment(
  db: Db,
  unitCode: string,
  username: string,
  sha256: string,
): Promise<void> {
  await db.query(
    `INSERT INTO assessment_entries (assessment_id, unit_id, criterion_id, stage, input, evidence, entered_by_user_id)
     SELECT a.id, u.id, 'evidence-sweep', 'self', '{}', ARRAY[$1], us.id FROM assessments a, units u, users us
     WHERE u.code = $2 AND us.username = $3 ORDER BY a.id LIMIT 1`,
    [sha256, unitCode, username],
  );
}

/** Schemes with this code, every version. */
export async function schemesCoded(db: Db, code: string): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM schemes WHERE code = $1`, [code]);
}

import { count, rows } from './sql.js';
import type { Db } from './sql.js';

/** An assignment of the unit (by code) with no report yet in the period. */
export async function unreportedAssignmentOf(db: Db, unitCode: string, periodId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(
    db,
    `SELECT a.id FROM assignments a JOIN units u ON u.id = a.unit_id WHERE u.code = $1
     AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.subject_id = a.id AND r.period_id = $2) LIMIT 1`,
    [unitCode, periodId],
  );
  if (!found) throw new Error(`no unreported assignment of ${unitCode} in period ${periodId}`);
  return found.id;
}

/** Every report of every plan, whatever its state. */
export async function reportCount(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM reports`);
}

/** Reports of a plan in one status. */
export async function reportsInStatus(db: Db, planId: string, status: string): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM reports WHERE plan_id = $1 AND status = $2`, [planId, status]);
}

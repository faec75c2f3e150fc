import { count, rows, type Db } from './sql.js';

/** A bulletin of the plan, any of them. */
export async function aBulletinOf(db: Db, planId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(db, `SELECT id FROM bulletins WHERE plan_id = $1 LIMIT 1`, [planId]);
  if (!found) throw new Error(`no bulletin of plan ${planId}`);
  return found.id;
}

/** Every bulletin of every plan, revisions included. */
export async function bulletinCount(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM bulletins`);
}

/** Tries to change every published bulletin in place (which the database must refuse). */
export async function rewriteBulletins(db: Db): Promise<void> {
  await db.query(`UPDATE bulletins SET reason = 'x'`);
}

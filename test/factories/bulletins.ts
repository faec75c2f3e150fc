import { rows, type Db } from './sql.js';

/** A bulletin of the plan, any of them. */
export async function aBulletinOf(db: Db, planId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(db, `SELECT id FROM bulletins WHERE plan_id = $1 LIMIT 1`, [planId]);
  if (!found) throw new Error(`no bulletin of plan ${planId}`);
  return found.id;
}

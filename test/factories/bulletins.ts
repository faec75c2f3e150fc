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

/**
 * Publishes beside `from` a copy for `quarterKey` whose snapshot is `snapshot` as given: a bulletin
 * published in an earlier snapshot layout, which stays stored as it was.
 */
export async function insertBulletinLike(db: Db, from: string, quarterKey: string, snapshot: object): Promise<string> {
  const [inserted] = await rows<{ id: string }>(
    db,
    `INSERT INTO bulletins (city_id, plan_id, scheme_id, quarter_key, revision, reason, snapshot, published_at, published_by_user_id)
     SELECT city_id, plan_id, scheme_id, $2, 1, NULL, $3, published_at, published_by_user_id FROM bulletins WHERE id = $1
     RETURNING id`,
    [from, quarterKey, JSON.stringify(snapshot)],
  );
  if (!inserted) throw new Error(`no bulletin ${from}`);
  return inserted.id;
}

/** Whether the stored snapshot of a bulletin (as the database holds it, not as read) has a top-level `key`. */
export async function storedSnapshotHas(db: Db, id: string, key: string): Promise<boolean> {
  const [found] = await rows<{ has: boolean }>(db, `SELECT snapshot::jsonb ? $2 AS has FROM bulletins WHERE id = $1`, [
    id,
    key,
  ]);
  return found?.has ?? false;
}

/** The snapshot of a bulletin as the database holds it, not as read. */
export async function storedSnapshot(db: Db, id: string): Promise<Record<string, unknown>> {
  const [found] = await rows<{ snapshot: Record<string, unknown> }>(
    db,
    `SELECT snapshot::json AS snapshot FROM bulletins WHERE id = $1`,
    [id],
  );
  if (!found) throw new Error(`no bulletin ${id}`);
  return found.snapshot;
}

/** Tries to delete every published bulletin (which the database must refuse, as it refuses a rewrite). */
export async function deleteBulletins(db: Db): Promise<void> {
  await db.query(`DELETE FROM bulletins`);
}

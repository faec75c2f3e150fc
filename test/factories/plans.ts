import { count, one, rows } from './sql.js';
import type { Db } from './sql.js';

/** The assignment of a unit (by code) in a task (by number) of the demo plans. */
export async function assignmentOf(db: Db, unitCode: string, taskNumber: number): Promise<string> {
  const { id } = await one<{ id: string }>(
    db,
    `assignment of ${unitCode} in task ${taskNumber}`,
    `SELECT a.id FROM assignments a JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id
     WHERE u.code = $1 AND t.number = $2`,
    [unitCode, taskNumber],
  );
  return id;
}

/** An indicator by its name. */
export async function indicatorByName(db: Db, name: string): Promise<string> {
  const { id } = await one<{ id: string }>(db, `indicator ${name}`, `SELECT id FROM indicators WHERE name = $1`, [
    name,
  ]);
  return id;
}

/** The demo plan whose document number starts with `prefix` (赣市科赋字 for Ganzhou). */
export async function planByDocNumber(db: Db, prefix: string): Promise<string> {
  const { id } = await one<{ id: string }>(
    db,
    `plan ${prefix}…`,
    `SELECT id FROM plans WHERE doc_number LIKE $1 || '%'`,
    [prefix],
  );
  return id;
}

/** The demo plan whose title starts with `prefix`. */
export async function planByTitle(db: Db, prefix: string): Promise<string> {
  const { id } = await one<{ id: string }>(db, `plan ${prefix}…`, `SELECT id FROM plans WHERE title LIKE $1 || '%'`, [
    prefix,
  ]);
  return id;
}

/** The reporting period of a plan for one month. */
export async function periodOf(db: Db, planId: string, year: number, month: number): Promise<string> {
  const { id } = await one<{ id: string }>(
    db,
    `period ${year}-${month} of plan ${planId}`,
    `SELECT id FROM reporting_periods WHERE plan_id = $1 AND year = $2 AND month = $3`,
    [planId, year, month],
  );
  return id;
}

/** Every task of every plan. */
export async function taskCount(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM tasks`);
}

/** The units of one kind or another that hold an assignment in the plan, once each. */
export async function assignedUnits(
  db: Db,
  planId: string,
  kinds: readonly string[],
): Promise<{ id: string; code: string }[]> {
  return rows(
    db,
    `SELECT DISTINCT u.id, u.code FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id
     WHERE t.plan_id = $1 AND u.kind = ANY ($2)`,
    [planId, kinds],
  );
}

/** Tasks of a plan that some active unit holds an active assignment in. */
export async function tasksInHand(db: Db, planId: string): Promise<number> {
  return count(
    db,
    `SELECT count(DISTINCT t.id)::int AS n FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.active
     JOIN units u ON u.id = a.unit_id AND u.active AND u.deleted_at IS NULL WHERE t.plan_id = $1 AND t.deleted_at IS NULL`,
    [planId],
  );
}

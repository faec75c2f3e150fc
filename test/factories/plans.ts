import type { EntityManager } from 'typeorm';
import { Assignment, AssignmentLiaison, AssignmentRole, Plan, PlanStatus, Task } from '@app/plans';
import { count, one, rows } from './sql.js';
import type { Db } from './sql.js';

let serial = 0;
const next = () => ++serial;

/** A published 2023 plan of the city. */
export async function aPlan(m: EntityManager, city: { id: string }, fields: Partial<Plan> = {}): Promise<Plan> {
  return m.getRepository(Plan).save({
    cityId: city.id,
    title: `测试方案${next()}`,
    startYear: 2023,
    endYear: 2023,
    status: PlanStatus.Published,
    publishedAt: new Date('2023-02-01T09:00:00+08:00'),
    ...fields,
  });
}

/** A task of the plan, numbered after the ones made before. */
export async function aTask(m: EntityManager, plan: { id: string }, fields: Partial<Task> = {}): Promise<Task> {
  const n = next();
  return m
    .getRepository(Task)
    .save({ planId: plan.id, number: n, title: `任务${n}`, requirement: `要求${n}`, ...fields });
}

/** The unit's part in the task, as its lead. */
export async function anAssignment(
  m: EntityManager,
  task: { id: string },
  unit: { id: string },
  fields: Partial<Assignment> = {},
): Promise<Assignment> {
  return m.getRepository(Assignment).save({ taskId: task.id, unitId: unit.id, role: AssignmentRole.Lead, ...fields });
}

/** Names a contact the liaison of an assignment. */
export async function aNamedLiaison(
  m: EntityManager,
  assignment: { id: string },
  contact: { id: string },
): Promise<void> {
  await m.getRepository(AssignmentLiaison).insert({ assignmentId: assignment.id, contactId: contact.id });
}

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

/** Moves a plan's publication to `at` (so that its assignments without reports have gone stale since). */
export async function publishedAt(db: Db, planId: string, at: string): Promise<void> {
  await db.query(`UPDATE plans SET published_at = $2 WHERE id = $1`, [planId, at]);
}

/** The city a plan belongs to. */
export async function cityOfPlan(db: Db, planId: string): Promise<string> {
  const { city_id } = await one<{ city_id: string }>(db, `plan ${planId}`, `SELECT city_id FROM plans WHERE id = $1`, [
    planId,
  ]);
  return city_id;
}

/** A plan of the city, the first one stored. */
export async function aPlanOfCity(db: Db, cityId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(db, `SELECT id FROM plans WHERE city_id = $1 LIMIT 1`, [cityId]);
  if (!found) throw new Error(`no plan of city ${cityId}`);
  return found.id;
}

/** The assignments of a unit in a plan, with their task's number, by task number. */
export async function assignmentsOfUnit(
  db: Db,
  planId: string,
  unitId: string,
): Promise<{ id: string; taskNumber: number }[]> {
  return rows(
    db,
    `SELECT a.id, t.number AS "taskNumber" FROM assignments a JOIN tasks t ON t.id = a.task_id
     WHERE t.plan_id = $1 AND a.unit_id = $2 ORDER BY t.number, a.id`,
    [planId, unitId],
  );
}

/** Turns every assignment of the unit in the plan on or off (live data a frozen assessment must not follow). */
export async function setAssignmentsActive(db: Db, planId: string, unitId: string, active: boolean): Promise<number> {
  const changed = await rows<{ id: string }>(
    db,
    `UPDATE assignments a SET active = $3 FROM tasks t
     WHERE t.id = a.task_id AND t.plan_id = $1 AND a.unit_id = $2 AND a.active <> $3 RETURNING a.id`,
    [planId, unitId, active],
  );
  return changed.length;
}

/** A key project's months (YYYY-MM), as the plan's project list gives them. */
export async function projectSpan(db: Db, projectId: string): Promise<{ startMonth: string; endMonth: string }> {
  return one(
    db,
    `project ${projectId}`,
    `SELECT start_month AS "startMonth", end_month AS "endMonth" FROM projects WHERE id = $1`,
    [projectId],
  );
}

/** Removes a task as the plan editor does (soft delete), or brings it back. */
export async function setTaskRemoved(db: Db, taskId: string, removed: boolean): Promise<void> {
  await db.query(`UPDATE tasks SET deleted_at = CASE WHEN $2 THEN now() END WHERE id = $1`, [taskId, removed]);
}

/** Moves a key project to another plan (what a project of that plan looks like to this one). */
export async function moveProject(db: Db, projectId: string, planId: string): Promise<void> {
  await db.query(`UPDATE projects SET plan_id = $2 WHERE id = $1`, [projectId, planId]);
}

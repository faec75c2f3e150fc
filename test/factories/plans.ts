import { one } from './sql.js';
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

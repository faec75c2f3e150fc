import { rows, type Db } from './sql.js';

/** The fund project first by name. */
export async function firstFundProject(db: Db): Promise<string> {
  const [found] = await rows<{ id: string }>(db, `SELECT id FROM budget_projects ORDER BY name LIMIT 1`);
  if (!found) throw new Error('no fund project');
  return found.id;
}

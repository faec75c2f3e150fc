import { count, one, rows, type Db } from './sql.js';

/** The fund project first by name. */
export async function firstFundProject(db: Db): Promise<string> {
  const [found] = await rows<{ id: string }>(db, `SELECT id FROM budget_projects ORDER BY name LIMIT 1`);
  if (!found) throw new Error('no fund project');
  return found.id;
}

/** A 2023 fund project of the unit, bare (no indicators, no targets), with a budget of 1000. */
export async function aFundProject(db: Db, owner: { id: string; cityId: string }, name: string): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    db,
    `INSERT INTO budget_projects (city_id, owner_unit_id, year, name, start_year, end_year, general_budget)
     VALUES ($1, $2, 2023, $3, 2023, 2023, 1000) RETURNING id`,
    [owner.cityId, owner.id, name],
  );
  return id;
}

/** Responses and answers of every survey, and the links already used. */
export async function surveyTallies(db: Db): Promise<{ responses: number; answers: number; used: number }> {
  const [tallies] = await rows<{ responses: number; answers: number; used: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM fund_survey_responses) AS responses, (SELECT count(*)::int FROM fund_survey_answers) AS answers,
            (SELECT count(*)::int FROM fund_survey_tokens WHERE used_at IS NOT NULL) AS used`,
  );
  return tallies!;
}

/** The stored hashes of a survey's links, sorted. */
export async function surveyTokenHashes(db: Db, surveyId: string): Promise<string[]> {
  const found = await rows<{ token_hash: string }>(
    db,
    `SELECT token_hash FROM fund_survey_tokens WHERE survey_id = $1`,
    [surveyId],
  );
  return found.map((r) => r.token_hash).sort();
}

/** When a survey link was used, or null. */
export async function surveyTokenUsedAt(db: Db, tokenId: string): Promise<Date | null> {
  const { used_at } = await one<{ used_at: Date | null }>(
    db,
    `survey link ${tokenId}`,
    `SELECT used_at FROM fund_survey_tokens WHERE id = $1`,
    [tokenId],
  );
  return used_at;
}

export async function surveyCount(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM fund_surveys`);
}

export async function responsesTo(db: Db, surveyId: string): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM fund_survey_responses WHERE survey_id = $1`, [surveyId]);
}

/** Fund projects by name, with their owners. */
export async function fundProjectsNamed(db: Db, name: string): Promise<{ id: string; owner_unit_id: string }[]> {
  return rows(db, `SELECT id, owner_unit_id FROM budget_projects WHERE name = $1`, [name]);
}

/** A fund project's indicator rows in sheet order. */
export async function indicatorRowsOf(
  db: Db,
  projectId: string,
): Promise<{ id: string; level3: string; position: number; fullYear: string | null }[]> {
  return rows(
    db,
    `SELECT id, level3, position, full_year_text AS "fullYear" FROM performance_indicators WHERE project_id = $1
     ORDER BY position`,
    [projectId],
  );
}

/** A survey of a fund project of the city, any of them. */
export async function aSurveyOfCity(db: Db, cityId: string): Promise<{ id: string; projectId: string }> {
  const [found] = await rows<{ id: string; projectId: string }>(
    db,
    `SELECT s.id, s.project_id AS "projectId" FROM fund_surveys s JOIN budget_projects p ON p.id = s.project_id
     WHERE p.city_id = $1 LIMIT 1`,
    [cityId],
  );
  if (!found) throw new Error(`no fund survey of city ${cityId}`);
  return found;
}

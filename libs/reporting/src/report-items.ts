import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type ExpectedFilter, type ExpectedReport, expectedReportsSql } from './expected-reports.js';

/*
 * The item a report is about, named and ordered alike in every list: tasks by their number (任务2
 * before 任务10, which ordering the label as text gets wrong), then the county's indicators, then key
 * projects by number. Each helper takes the SQL expressions of the row's subject type and subject id.
 */

/** LEFT JOINs of the published plan views that name the item (aliases item_a, item_t, item_p). */
export function itemJoinsSql(type: string, id: string): string {
  return `LEFT JOIN plans.assignments item_a ON ${type} = 'assignment' AND item_a.id = ${id}
    LEFT JOIN plans.tasks item_t ON item_t.id = item_a.task_id
    LEFT JOIN plans.projects item_p ON ${type} = 'project' AND item_p.id = ${id}`;
}

/**
 * The LEFT JOIN behind an indicators report: the unit `id` reports indicators of the plan `planId` itself (alias
 * item_i; one row per indicator, so a caller wanting one row limits it).
 */
export function unitIndicatorsJoinSql(type: string, id: string, planId: string): string {
  return `LEFT JOIN plan_indicators item_i ON ${type} = 'indicators' AND item_i.plan_id = ${planId} AND item_i.unit_id = ${id}
    AND item_i.reporter = 'unit'`;
}

/**
 * Whether the item joined by itemJoinsSql and unitIndicatorsJoinSql is the plan's: a task's assignment (the task not
 * removed), a key project, or a unit reporting indicators, of that plan. The one rule every save, submission and form
 * applies; null (false) when the item is not found.
 */
export function itemOfPlanSql(type: string, planId: string): string {
  return `CASE ${type} WHEN 'assignment' THEN item_t.plan_id = ${planId} AND item_t.deleted_at IS NULL
    WHEN 'project' THEN item_p.plan_id = ${planId} ELSE item_i.unit_id IS NOT NULL END`;
}

/** The unit the item is reported by: the assignment's unit, the project's county, the indicators' unit. */
export function itemUnitSql(type: string): string {
  return `CASE ${type} WHEN 'assignment' THEN item_a.unit_id WHEN 'project' THEN item_p.county_unit_id ELSE item_i.unit_id END`;
}

/** The item's name as every list shows it: 任务2 支持企业… / 指标数据 / 项目12 … */
export function itemLabelSql(type: string): string {
  return `CASE ${type} WHEN 'assignment' THEN '任务' || item_t.number || ' ' || item_t.title
    WHEN 'project' THEN '项目' || item_p.number || ' ' || item_p.name ELSE '指标数据' END`;
}

/** The item's unit and label when it is the plan's (itemOfPlanSql), else null. */
export async function planItem(
  m: EntityManager,
  planId: string,
  type: string,
  id: string,
): Promise<{ unitId: string; label: string } | null> {
  const [row]: { valid: boolean | null; unitId: string; label: string }[] = await m.query(
    `SELECT ${itemOfPlanSql('$2::text', 'p.plan_id')} AS valid, ${itemUnitSql('$2::text')} AS "unitId",
            ${itemLabelSql('$2::text')} AS label
     FROM (SELECT $1::uuid AS plan_id) p
     ${itemJoinsSql('$2::text', '$3::uuid')}
     ${unitIndicatorsJoinSql('$2::text', '$3::uuid', 'p.plan_id')}
     LIMIT 1`,
    [planId, type, id],
  );
  return row?.valid ? { unitId: row.unitId, label: row.label } : null;
}

/** ORDER BY terms: tasks, then indicators, then projects, each by number. */
export function itemOrderTerms(type: string): string[] {
  return [
    `CASE ${type} WHEN 'assignment' THEN 0 WHEN 'indicators' THEN 1 ELSE 2 END`,
    'coalesce(item_t.number, item_p.number)',
  ];
}

/** The same joins for a query builder over reports aliased `r`. */
export function joinItems<T extends ObjectLiteral>(q: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return q
    .leftJoin(
      (sub) => sub.select('*').from('plans.assignments', 'pa'),
      'item_a',
      `r.subject_type = 'assignment' AND item_a.id = r.subject_id`,
    )
    .leftJoin((sub) => sub.select('*').from('plans.tasks', 'pt'), 'item_t', 'item_t.id = item_a.task_id')
    .leftJoin(
      (sub) => sub.select('*').from('plans.projects', 'pp'),
      'item_p',
      `r.subject_type = 'project' AND item_p.id = r.subject_id`,
    );
}

/** The expected reports (expected-reports.ts) by month, unit and item, tasks by number. */
export function expectedReportsInItemOrder(
  m: EntityManager,
  filter: ExpectedFilter,
  now: Date,
): Promise<ExpectedReport[]> {
  const { sql, params } = expectedReportsSql(filter, now);
  return m.query(
    `WITH x AS (${sql})
     SELECT x.* FROM x JOIN organisation.units ou ON ou.id = x."unitId"
     ${itemJoinsSql('x."subjectType"', 'x."subjectId"')}
     ORDER BY x.year, x.month, ou.path, ${itemOrderTerms('x."subjectType"').join(', ')}`,
    params,
  );
}

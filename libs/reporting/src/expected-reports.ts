import type { EntityManager } from 'typeorm';
import type { SubjectType } from './entities/report.entity.js';

/** Whether an expected report came in, and when. */
export type Timeliness = 'on_time' | 'late' | 'missing' | 'pending';

export interface ExpectedReport {
  periodId: string;
  planId: string;
  year: number;
  month: number;
  deadline: Date;
  unitId: string;
  subjectType: SubjectType;
  subjectId: string;
  /** Human label: 任务3 支持企业融通创新 / 指标报送 / 项目12 … */
  label: string;
  reportId: string | null;
  status: string | null;
  version: number | null;
  firstSubmittedAt: Date | null;
  /** The lateness stamped at the first submission (kept through returns); null before it. */
  firstLate: boolean | null;
  timeliness: Timeliness;
  /** Not submitted yet, or returned for correction. */
  outstanding: boolean;
}

export interface ExpectedFilter {
  planIds?: string[];
  periodIds?: string[];
  /** Only reports of units in this subtree (a materialised path prefix). */
  scopePath?: string;
  unitIds?: string[];
  /** Only periods whose month has started by this local date (YYYY-MM-DD in the platform's zone). */
  openedOn?: string;
}

/**
 * Every report the published plans expect, one row per period × subject, joined to the report
 * when there is one, in a single statement. A report is expected from an active assignment of an
 * active unit that had started by the end of the month, from a county for the indicators the plan
 * has it report itself, and from a county for each key project under construction that month.
 */
export function expectedReportsSql(filter: ExpectedFilter, now: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [now];
  const where: string[] = [`p.status = 'published'`];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.planIds) where.push(`rp.plan_id = ANY(${add(filter.planIds)}::uuid[])`);
  if (filter.periodIds) where.push(`rp.id = ANY(${add(filter.periodIds)}::uuid[])`);
  if (filter.openedOn) where.push(`rp.opens_on <= ${add(filter.openedOn)}::date`);
  const unitWhere: string[] = [];
  if (filter.scopePath) unitWhere.push(`u.path LIKE ${add(`${filter.scopePath}%`)}`);
  if (filter.unitIds) unitWhere.push(`u.id = ANY(${add(filter.unitIds)}::uuid[])`);
  const sql = `
    WITH periods AS (
      SELECT rp.*, (date_trunc('month', rp.opens_on) + interval '1 month - 1 day')::date AS month_end
      FROM reporting_periods rp JOIN plans.plans p ON p.id = rp.plan_id AND p.deleted_at IS NULL
      WHERE ${where.join(' AND ')}
    ),
    expected AS (
      SELECT pe.id AS period_id, pe.plan_id, pe.year, pe.month, pe.deadline, a.unit_id,
             'assignment'::varchar AS subject_type, a.id AS subject_id,
             '任务' || t.number || ' ' || t.title AS label
      FROM periods pe
      JOIN plans.tasks t ON t.plan_id = pe.plan_id AND t.deleted_at IS NULL
      JOIN plans.assignments a ON a.task_id = t.id AND a.active AND (a.starts_on IS NULL OR a.starts_on <= pe.month_end)
      UNION ALL
      SELECT DISTINCT pe.id, pe.plan_id, pe.year, pe.month, pe.deadline, pi.unit_id,
             'indicators', pi.unit_id, '指标数据'
      FROM periods pe JOIN plan_indicators pi ON pi.plan_id = pe.plan_id AND pi.reporter = 'unit'
      UNION ALL
      SELECT pe.id, pe.plan_id, pe.year, pe.month, pe.deadline, pr.county_unit_id,
             'project', pr.id, '项目' || pr.number || ' ' || pr.name
      FROM periods pe JOIN plans.projects pr ON pr.plan_id = pe.plan_id
        AND pr.start_month <= to_char(pe.opens_on, 'YYYY-MM') AND pr.end_month >= to_char(pe.opens_on, 'YYYY-MM')
    )
    SELECT e.period_id AS "periodId", e.plan_id AS "planId", e.year, e.month, e.deadline, e.unit_id AS "unitId",
           e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.label,
           r.id AS "reportId", r.status, r.version, r.first_submitted_at AS "firstSubmittedAt",
           CASE WHEN r.first_submitted_at IS NOT NULL THEN r.late END AS "firstLate",
           -- The one definition of done: submitted or accepted. A report returned and not resubmitted counts as
           -- not reported; once resubmitted it keeps the lateness stamped at its first submission (domain.md).
           CASE WHEN r.status IN ('submitted', 'accepted') THEN CASE WHEN r.late THEN 'late' ELSE 'on_time' END
                WHEN $1::timestamptz > e.deadline THEN 'missing' ELSE 'pending' END AS timeliness,
           (r.id IS NULL OR r.status IN ('draft', 'returned')) AS outstanding
    FROM expected e
    JOIN organisation.units u ON u.id = e.unit_id AND u.active AND u.deleted_at IS NULL
    LEFT JOIN reports r ON r.period_id = e.period_id AND r.subject_type = e.subject_type AND r.subject_id = e.subject_id
    ${unitWhere.length ? `WHERE ${unitWhere.join(' AND ')}` : ''}`;
  return { sql, params };
}

export async function expectedReports(m: EntityManager, filter: ExpectedFilter, now: Date): Promise<ExpectedReport[]> {
  const { sql, params } = expectedReportsSql(filter, now);
  return m.query(`${sql} ORDER BY e.year, e.month, u.path, e.subject_type, e.label`, params);
}

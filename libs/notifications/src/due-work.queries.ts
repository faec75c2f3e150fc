import type { EntityManager } from 'typeorm';
import type { PeriodContext, StaleAssignmentRow } from './messages.js';

/*
 * What the schedules fan out from: reporting periods and their deadlines, published plans and their
 * reminder rules, assignments gone without an update. Read from the views reporting, plans and
 * organisation publish (`reporting.reporting_periods`, `plans.plans`, `organisation.units` …), one
 * statement each. Cities the platform has disabled (`city.disabled_at`) are left out, so nothing
 * is written for them while they are.
 */

/** A period as the messages name it, with its plan's reminder rule as stored (checked where it is read). */
export interface PeriodRow extends PeriodContext {
  reminderRule: unknown;
}

/** Periods of published plans of enabled cities whose deadline lies in [from, to]. */
export function periodsWithDeadlineBetween(
  m: EntityManager,
  from: Date,
  to: Date,
  periodIds?: string[],
): Promise<PeriodRow[]> {
  return m.query(
    `SELECT rp.id AS "periodId", rp.plan_id AS "planId", p.title AS "planTitle", p.city_id AS "cityId",
            rp.year, rp.month, rp.deadline, p.reminder_rule AS "reminderRule"
     FROM reporting.reporting_periods rp JOIN plans.plans p ON p.id = rp.plan_id
     JOIN organisation.units city ON city.id = p.city_id AND city.disabled_at IS NULL
     WHERE p.status = 'published' AND p.deleted_at IS NULL AND rp.deadline BETWEEN $1 AND $2
       AND ($3::uuid[] IS NULL OR rp.id = ANY($3::uuid[]))
     ORDER BY rp.deadline, rp.id`,
    [from, to, periodIds ?? null],
  );
}

/** One period of a plan not removed, whatever its city's state (the office's manual chase). */
export async function findPeriod(m: EntityManager, periodId: string): Promise<PeriodRow | null> {
  const rows: PeriodRow[] = await m.query(
    `SELECT rp.id AS "periodId", rp.plan_id AS "planId", p.title AS "planTitle", p.city_id AS "cityId",
            rp.year, rp.month, rp.deadline, p.reminder_rule AS "reminderRule"
     FROM reporting.reporting_periods rp JOIN plans.plans p ON p.id = rp.plan_id AND p.deleted_at IS NULL
     WHERE rp.id = $1`,
    [periodId],
  );
  return rows[0] ?? null;
}

/** Enabled cities that have a published plan, with their names. */
export function citiesWithPublishedPlans(m: EntityManager): Promise<{ cityId: string; cityName: string }[]> {
  return m.query(
    `SELECT DISTINCT u.id AS "cityId", u.name AS "cityName"
     FROM plans.plans p JOIN organisation.units u ON u.id = p.city_id AND u.disabled_at IS NULL
     WHERE p.status = 'published' AND p.deleted_at IS NULL ORDER BY u.name`,
  );
}

/** Published plans of enabled cities. */
export function publishedPlans(m: EntityManager): Promise<{ planId: string; cityId: string; reminderRule: unknown }[]> {
  return m.query(
    `SELECT p.id AS "planId", p.city_id AS "cityId", p.reminder_rule AS "reminderRule"
     FROM plans.plans p JOIN organisation.units city ON city.id = p.city_id AND city.disabled_at IS NULL
     WHERE p.status = 'published' AND p.deleted_at IS NULL`,
  );
}

/**
 * Active assignments of these plans whose last update (latest submission of one of their
 * reports — a business time from the clock, unlike `updated_at` —, else the plan's publication,
 * else the assignment's creation) is at least the plan's
 * `nudgeAfterDays` before `now`; assignments that have not started are left alone.
 */
export async function staleAssignments(
  m: EntityManager,
  plans: { planId: string; days: number }[],
  now: Date,
  today: string,
): Promise<StaleAssignmentRow[]> {
  if (plans.length === 0) return [];
  return m.query(
    `WITH rule AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS r(plan_id, days) WHERE days > 0),
     latest AS (
       SELECT subject_id, max(submitted_at) AS at FROM reporting.reports
       WHERE subject_type = 'assignment' AND submitted_at IS NOT NULL GROUP BY subject_id
     )
     SELECT a.id AS "assignmentId", t.plan_id AS "planId", p.title AS "planTitle", p.city_id AS "cityId",
            a.unit_id AS "unitId", u.name AS "unitName", t.number AS "taskNumber", t.title AS "taskTitle",
            COALESCE(l.at, p.published_at, a.created_at) AS "lastUpdate", rule.days AS "nudgeAfterDays"
     FROM rule
     JOIN plans.plans p ON p.id = rule.plan_id
     JOIN plans.tasks t ON t.plan_id = p.id AND t.deleted_at IS NULL
     JOIN plans.assignments a ON a.task_id = t.id AND a.active AND (a.starts_on IS NULL OR a.starts_on <= $4::date)
     JOIN organisation.units u ON u.id = a.unit_id AND u.active AND u.deleted_at IS NULL
     LEFT JOIN latest l ON l.subject_id = a.id
     WHERE COALESCE(l.at, p.published_at, a.created_at) <= $3::timestamptz - make_interval(days => rule.days)
     ORDER BY u.path, t.number`,
    [plans.map((p) => p.planId), plans.map((p) => p.days), now, today],
  );
}

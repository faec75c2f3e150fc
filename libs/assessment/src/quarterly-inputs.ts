import type { EntityManager } from 'typeorm';
import { Decimal } from 'decimal.js';
import { elapsedShareByMonths, expectedCompletion, indicatorProgress, localDate, type LocalDate } from '@app/domain';
import { expectedReports } from '@app/reporting';
import type { LagKind } from './render/bulletin.types.js';

/** What the quarterly score reads for one county, with the figures behind each leaf. */
export interface CountyQuarterInputs {
  unitId: string;
  indicators: { name: string; target: string; value: string | null; ratio: string }[];
  tasks: { label: string; completion: string | null; expected: string; ratio: string }[];
  reports: { onTime: number; late: number; missing: number };
}

/**
 * A task, indicator or project of a unit behind the time-elapsed line. Both figures are in `unit`
 * (% for a task's completion, 万元 for a project's investment, the indicator's own unit) with
 * `decimals` places; actual is null when nothing was reported.
 */
export interface UnitLag {
  unitId: string;
  unitName: string;
  kind: LagKind;
  label: string;
  actual: string | null;
  expected: string;
  unit: string;
  decimals: number;
  ratio: Decimal;
}

/** Below this share of 序时进度 an item is lagging. */
const LAGGING_BELOW = 0.8;

/**
 * Gathers, in a handful of set-based queries, everything the quarterly score needs as of the end
 * of the quarter: indicator values to date against targets, assignments' latest completion against
 * expected completion, and the timeliness of the quarter's reports.
 */
export async function quarterInputs(
  m: EntityManager,
  planId: string,
  unitIds: string[],
  year: number,
  lastMonth: number,
  quarterEnd: LocalDate,
  now: Date,
): Promise<{
  counties: Map<string, CountyQuarterInputs>;
  lags: UnitLag[];
  lateness: { unitId: string; unitName: string; late: number; missing: number }[];
}> {
  const counties = new Map(
    unitIds.map((id) => [
      id,
      { unitId: id, indicators: [], tasks: [], reports: { onTime: 0, late: 0, missing: 0 } } as CountyQuarterInputs,
    ]),
  );
  const share = elapsedShareByMonths(lastMonth);

  const indicatorRows: {
    unitId: string;
    unitName: string;
    name: string;
    unitOfMeasure: string;
    decimals: number;
    direction: 'higher' | 'lower';
    target: string;
    value: string | null;
  }[] = await m.query(
    `SELECT pi.unit_id AS "unitId", u.short_name AS "unitName", i.name, i.unit_of_measure AS "unitOfMeasure", i.decimals,
            i.direction, t.value::text AS target, v.value::text AS value
     FROM reporting.plan_indicators pi
     JOIN plans.indicators i ON i.id = pi.indicator_id
     JOIN organisation.units u ON u.id = pi.unit_id
     JOIN plans.targets t ON t.indicator_id = pi.indicator_id AND t.unit_id = pi.unit_id
       AND t.year = $2 AND t.period = 'year' AND t.kind = 'numeric' AND t.value > 0
     LEFT JOIN LATERAL (
       SELECT v.value FROM plans.indicator_values v
       WHERE v.indicator_id = pi.indicator_id AND v.unit_id = pi.unit_id AND v.year = $2 AND v.month BETWEEN 1 AND $3 AND v.value IS NOT NULL
       ORDER BY v.month DESC, (v.confirmation = 'confirmed') DESC LIMIT 1) v ON true
     WHERE pi.plan_id = $1 AND pi.unit_id = ANY($4)
     ORDER BY i.sort_order, i.name`,
    [planId, year, lastMonth, unitIds],
  );
  const lags: UnitLag[] = [];
  for (const row of indicatorRows) {
    const measured = indicatorProgress({
      valueToDate: row.value ?? 0,
      annualTarget: row.target,
      elapsedShare: share,
      direction: row.direction,
    });
    const progress = row.value === null ? new Decimal(0) : measured.progress;
    counties.get(row.unitId)!.indicators.push({
      name: row.name,
      target: new Decimal(row.target).toFixed(),
      value: row.value === null ? null : new Decimal(row.value).toFixed(),
      ratio: Decimal.min(1, progress).toFixed(),
    });
    if (progress.lt(LAGGING_BELOW))
      lags.push({
        unitId: row.unitId,
        unitName: row.unitName,
        kind: 'indicator',
        label: `指标 ${row.name}`,
        actual: row.value === null ? null : new Decimal(row.value).toFixed(),
        expected: measured.expectedToDate.toDecimalPlaces(row.decimals).toFixed(),
        unit: row.unitOfMeasure,
        decimals: row.decimals,
        ratio: progress,
      });
  }

  const taskRows: {
    unitId: string;
    unitName: string;
    label: string;
    milestones: { dueDate: string; expectedPercent: number }[];
    completion: string | null;
    countyId: string | null;
  }[] = await m.query(
    `SELECT a.unit_id AS "unitId", u.short_name AS "unitName", '任务' || t.number || ' ' || t.title AS label, t.milestones,
            r.completion::text AS completion, c.id AS "countyId"
     FROM plans.assignments a JOIN plans.tasks t ON t.id = a.task_id AND t.plan_id = $1 AND t.deleted_at IS NULL
     JOIN organisation.units u ON u.id = a.unit_id
     LEFT JOIN organisation.units c ON c.id = ANY($4) AND u.path LIKE c.path || '%'
     LEFT JOIN LATERAL (
       SELECT r.completion_percent AS completion FROM reporting.reports r JOIN reporting.reporting_periods rp ON rp.id = r.period_id
       WHERE r.subject_type = 'assignment' AND r.subject_id = a.id AND r.status IN ('submitted', 'accepted') AND rp.year = $2 AND rp.month <= $3
       ORDER BY rp.month DESC LIMIT 1) r ON true
     WHERE a.active`,
    [planId, year, lastMonth, unitIds],
  );
  for (const row of taskRows) {
    const expected = expectedCompletion(
      row.milestones.map((ms) => ({ dueDate: localDate(ms.dueDate), expectedPercent: ms.expectedPercent })),
      quarterEnd,
    );
    const completion = row.completion === null ? new Decimal(0) : new Decimal(row.completion);
    const ratio = expected.isZero() ? new Decimal(1) : Decimal.min(1, completion.div(expected));
    if (row.countyId) {
      counties.get(row.countyId)!.tasks.push({
        label: row.label,
        completion: row.completion === null ? null : completion.toFixed(),
        expected: expected.toDecimalPlaces(2).toFixed(),
        ratio: ratio.toFixed(),
      });
    }
    if (ratio.lt(LAGGING_BELOW))
      lags.push({
        unitId: row.unitId,
        unitName: row.unitName,
        kind: 'task',
        label: row.label,
        actual: row.completion === null ? null : completion.toFixed(),
        expected: expected.toDecimalPlaces(2).toFixed(),
        unit: '%',
        decimals: 2,
        ratio,
      });
  }

  // A county's key projects count as its tasks: investment to date against the annual plan × elapsed share.
  const projectRows: {
    countyId: string;
    unitName: string;
    label: string;
    annual: string;
    done: string | null;
    startMonth: string;
  }[] = await m.query(
    `SELECT p.county_unit_id AS "countyId", u.short_name AS "unitName", '项目' || p.number || ' ' || p.name AS label,
            p.annual_investment::text AS annual, r.done::text AS done, p.start_month AS "startMonth"
     FROM plans.projects p JOIN organisation.units u ON u.id = p.county_unit_id
     LEFT JOIN LATERAL (
       SELECT r.investment_to_date AS done FROM reporting.reports r JOIN reporting.reporting_periods rp ON rp.id = r.period_id
       WHERE r.subject_type = 'project' AND r.subject_id = p.id AND r.status IN ('submitted', 'accepted') AND rp.year = $2 AND rp.month <= $3
       ORDER BY rp.month DESC LIMIT 1) r ON true
     WHERE p.plan_id = $1 AND p.county_unit_id = ANY($4) AND p.annual_investment > 0 AND p.start_month <= $5`,
    [planId, year, lastMonth, unitIds, `${year}-${String(lastMonth).padStart(2, '0')}`],
  );
  for (const row of projectRows) {
    const planned = new Decimal(row.annual).times(share);
    const done = new Decimal(row.done ?? 0);
    const ratio = Decimal.min(1, done.div(planned));
    counties.get(row.countyId)!.tasks.push({
      label: row.label,
      completion: row.done,
      expected: planned.toDecimalPlaces(2).toFixed(),
      ratio: ratio.toFixed(),
    });
    if (ratio.lt(LAGGING_BELOW))
      lags.push({
        unitId: row.countyId,
        unitName: row.unitName,
        kind: 'project',
        label: row.label,
        actual: row.done === null ? null : done.toFixed(),
        expected: planned.toDecimalPlaces(2).toFixed(),
        unit: '万元',
        decimals: 2,
        ratio,
      });
  }

  const months = Array.from({ length: 3 }, (_, i) => lastMonth - 2 + i);
  const periodIds: string[] = (
    await m.query(`SELECT id FROM reporting.reporting_periods WHERE plan_id = $1 AND year = $2 AND month = ANY($3)`, [
      planId,
      year,
      months,
    ])
  ).map((r: { id: string }) => r.id);
  const expected = periodIds.length ? await expectedReports(m, { planIds: [planId], periodIds }, now) : [];
  const lateness = new Map<string, { unitId: string; unitName: string; late: number; missing: number }>();
  // Each reporting unit's name and the county it belongs to (itself, or the county above it), in one query.
  const owners: Map<string, { name: string; countyId: string | null }> = new Map(
    (
      await m.query(
        `SELECT u.id, u.short_name AS name, c.id AS "countyId"
         FROM organisation.units u LEFT JOIN LATERAL (
           SELECT c.id FROM organisation.units c WHERE c.id = ANY($2) AND u.path LIKE c.path || '%' ORDER BY length(c.path) DESC LIMIT 1) c ON true
         WHERE u.id = ANY($1)`,
        [[...new Set(expected.map((e) => e.unitId))], unitIds],
      )
    ).map((u: { id: string; name: string; countyId: string | null }) => [u.id, { name: u.name, countyId: u.countyId }]),
  );
  for (const e of expected) {
    const owner = owners.get(e.unitId);
    if (owner?.countyId) {
      const r = counties.get(owner.countyId)!.reports;
      if (e.timeliness === 'on_time') r.onTime++;
      if (e.timeliness === 'late') r.late++;
      if (e.timeliness === 'missing') r.missing++;
    }
    if (e.timeliness === 'late' || e.timeliness === 'missing') {
      const entry = lateness.get(e.unitId) ?? { unitId: e.unitId, unitName: owner?.name ?? '', late: 0, missing: 0 };
      if (e.timeliness === 'late') entry.late++;
      else entry.missing++;
      lateness.set(e.unitId, entry);
    }
  }
  return { counties, lags, lateness: [...lateness.values()] };
}

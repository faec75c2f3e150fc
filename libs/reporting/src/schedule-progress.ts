import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { assessedCountyJoin } from '@app/organisation';
import {
  completionStanding,
  elapsedShareByMonths,
  projectElapsedShare,
  expectedCompletion,
  indicatorStanding,
  investmentStanding,
  localDate,
  type LocalDate,
  type Standing,
  type ProgressLight,
} from '@app/domain';

export type ScheduleKind = 'task' | 'indicator' | 'project';

/** One task assignment, county indicator or key project against the time-elapsed line (序时进度). */
export interface ScheduleItem {
  kind: ScheduleKind;
  /** The assignment, the indicator or the project. */
  subjectId: string;
  /** The task of an assignment; null for indicators and projects. */
  taskId: string | null;
  /** Task or project number, indicator order: what the lists sort by. */
  number: number;
  /** 任务3 …, the indicator's name, 项目12 … */
  label: string;
  unitId: string;
  unitName: string;
  /** The county (县市区) the unit is or belongs to: the one with a tier that year; null for city departments. */
  countyId: string | null;
  countyName: string | null;
  tier: number | null;
  /** Unit of `actual` and `expected`: % for completion, the indicator's unit of measure, 万元 for investment. */
  measure: string;
  /** Latest reported figure by the month, with `decimals` places (null: nothing reported, counted as 0). */
  actual: string | null;
  /** The year's target (indicators) or planned investment (projects, 万元); null for tasks. */
  target: string | null;
  /** What the time-elapsed line expects by the month, with `decimals` places. */
  expected: string;
  /** Places the figures are printed with: 2, or the indicator's own. */
  decimals: number;
  /** actual ÷ expected in [0, 1], exact (the quarterly score sums these). */
  ratio: string;
  light: ProgressLight;
  lagging: boolean;
  /** A task assignment reported at 100 %. */
  done: boolean;
  /** How far behind, two decimals, ≥ 0. */
  shortfall: string;
  shortfallUnit: '百分点' | '万元';
  /** The month the figure was reported for. */
  reportedMonth: number | null;
}

export interface ScheduleScope {
  planId: string;
  year: number;
  /** The reporting month the figures run to (1–12); expectations are as of its last day. */
  month: number;
}

interface Row {
  kind: ScheduleKind;
  subjectId: string;
  taskId: string | null;
  number: number;
  label: string;
  unitId: string;
  unitName: string;
  countyId: string | null;
  countyName: string | null;
  tier: number | null;
  measure: string;
  decimals: number;
  actual: string | null;
  target: string | null;
  milestones: { dueDate: string; expectedPercent: number }[] | null;
  direction: 'higher' | 'lower' | null;
  aggregation: string | null;
  reportedMonth: number | null;
  /** A project's months (YYYY-MM); null for tasks and indicators. */
  spanStart: string | null;
  spanEnd: string | null;
}

const kindOrder: Record<ScheduleKind, number> = { task: 0, indicator: 1, project: 2 };

/** The last day of a month: the date expectations are taken at. */
export function monthEnd(year: number, month: number): LocalDate {
  return localDate(new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
}

/**
 * Every active task assignment, every county indicator with a numeric target and every key project
 * under way of a plan, with its latest figure reported by `month` (submitted or accepted reports
 * only: a returned one is not reported), in one statement over the published views; each then
 * judged by the shared rule (completionStanding / indicatorStanding / investmentStanding).
 */
export async function scheduleProgress(m: EntityManager, scope: ScheduleScope): Promise<ScheduleItem[]> {
  return (await judgedSchedule(m, scope)).map((j) => j.item);
}

/** A schedule item with its ratio as the Decimal it was judged with, for callers that go on computing with it. */
export interface JudgedScheduleItem {
  item: ScheduleItem;
  ratio: Decimal;
}

/** scheduleProgress, each item with its exact ratio: a quarterly ranking sums tens of thousands of them. */
export async function judgedSchedule(m: EntityManager, scope: ScheduleScope): Promise<JudgedScheduleItem[]> {
  const { planId, year, month } = scope;
  const rows: Row[] = await m.query(
    `WITH items AS (
       SELECT 'task' AS kind, a.id AS subject_id, t.id AS task_id, t.number, '任务' || t.number || ' ' || t.title AS label,
              a.unit_id, '%' AS measure, 2 AS decimals, r.figure::text AS actual, NULL::text AS target, t.milestones,
              NULL::text AS direction, NULL::text AS aggregation, r.month AS reported_month,
              NULL::text AS span_start, NULL::text AS span_end
       FROM plans.assignments a JOIN plans.tasks t ON t.id = a.task_id AND t.plan_id = $1 AND t.deleted_at IS NULL
       LEFT JOIN LATERAL (
         SELECT r.completion_percent AS figure, rp.month FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
         WHERE r.subject_type = 'assignment' AND r.subject_id = a.id AND r.status IN ('submitted', 'accepted')
           AND rp.year = $2 AND rp.month <= $3
         ORDER BY rp.month DESC LIMIT 1) r ON true
       WHERE a.active
       UNION ALL
       SELECT 'indicator', i.id, NULL, i.sort_order, i.name, pi.unit_id, i.unit_of_measure, i.decimals, v.value::text,
              t.value::text, NULL,
              i.direction, i.aggregation, v.month, NULL, NULL
       FROM plan_indicators pi JOIN plans.indicators i ON i.id = pi.indicator_id
       JOIN plans.targets t ON t.indicator_id = pi.indicator_id AND t.unit_id = pi.unit_id
         AND t.year = $2 AND t.period = 'year' AND t.kind = 'numeric' AND t.value > 0
       LEFT JOIN LATERAL (
         SELECT v.value, v.month FROM plans.indicator_values v
         WHERE v.indicator_id = pi.indicator_id AND v.unit_id = pi.unit_id AND v.year = $2 AND v.month BETWEEN 1 AND $3
           AND v.value IS NOT NULL
         -- One value per indicator, unit and month (uq_indicator_values_key): the month alone orders them, so the
         -- latest is read along that index instead of sorted for every item.
         ORDER BY v.month DESC LIMIT 1) v ON true
       WHERE pi.plan_id = $1
       UNION ALL
       SELECT 'project', p.id, NULL, p.number, '项目' || p.number || ' ' || p.name, p.county_unit_id, '万元', 2, r.figure::text,
              p.annual_investment::text, NULL, NULL, NULL, r.month, p.start_month, p.end_month
       FROM plans.projects p
       LEFT JOIN LATERAL (
         SELECT r.investment_to_date AS figure, rp.month FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
         WHERE r.subject_type = 'project' AND r.subject_id = p.id AND r.status IN ('submitted', 'accepted')
           AND rp.year = $2 AND rp.month <= $3
         ORDER BY rp.month DESC LIMIT 1) r ON true
       WHERE p.plan_id = $1 AND p.annual_investment > 0 AND p.start_month <= $4
     )
     SELECT x.kind, x.subject_id AS "subjectId", x.task_id AS "taskId", x.number, x.label, x.unit_id AS "unitId",
            u.short_name AS "unitName", c.id AS "countyId", c.short_name AS "countyName", c.tier, x.measure, x.decimals, x.actual,
            x.target, x.milestones, x.direction, x.aggregation, x.reported_month AS "reportedMonth",
            x.span_start AS "spanStart", x.span_end AS "spanEnd"
     FROM items x JOIN organisation.units u ON u.id = x.unit_id AND u.active AND u.deleted_at IS NULL
     ${assessedCountyJoin('u', '$2', 'c')}
     ORDER BY x.number, u.sort_order, u.path`,
    [planId, year, month, `${year}-${String(month).padStart(2, '0')}`],
  );
  const asOf = monthEnd(year, month);
  const share = elapsedShareByMonths(month);
  return rows
    .map((row) => judge(row, asOf, share, { year, month }))
    .sort((a, b) => kindOrder[a.item.kind] - kindOrder[b.item.kind] || a.item.number - b.item.number);
}

function judge(row: Row, asOf: LocalDate, share: Decimal, at: { year: number; month: number }): JudgedScheduleItem {
  const { milestones, direction, aggregation, spanStart, spanEnd, target } = row;
  let standing: Standing;
  let expected: Decimal;
  if (row.kind === 'task') {
    expected = expectedCompletion(
      (milestones ?? []).map((ms) => ({ dueDate: localDate(ms.dueDate), expectedPercent: ms.expectedPercent })),
      asOf,
    );
    standing = completionStanding(row.actual, expected);
  } else if (row.kind === 'indicator') {
    const s = indicatorStanding({
      value: row.actual,
      annualTarget: target!,
      elapsedShare: share,
      direction: direction!,
      aggregation: aggregation!,
    });
    standing = s;
    expected = s.expected;
  } else {
    // A project's line runs over its own months of the year, as its report form shows it (one rule for both).
    const projectShare = projectElapsedShare({ startMonth: spanStart!, endMonth: spanEnd! }, at.year, at.month);
    const s = investmentStanding(row.actual, target!, projectShare);
    standing = s;
    expected = s.expected;
  }
  const places = Number(row.decimals);
  // Field by field rather than spreading the row: tens of thousands of items per call.
  const item: ScheduleItem = {
    kind: row.kind,
    subjectId: row.subjectId,
    taskId: row.taskId,
    label: row.label,
    unitId: row.unitId,
    unitName: row.unitName,
    countyId: row.countyId,
    countyName: row.countyName,
    measure: row.measure,
    target,
    reportedMonth: row.reportedMonth,
    number: Number(row.number),
    tier: row.tier === null ? null : Number(row.tier),
    decimals: places,
    actual:
      row.actual === null
        ? null
        : new Decimal(row.actual).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places),
    expected: expected.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places),
    ratio: standing.ratio.toFixed(),
    light: standing.light,
    lagging: standing.lagging,
    done: row.kind === 'task' && row.actual !== null && Number(row.actual) >= 100,
    shortfall: standing.shortfall.toDecimalPlaces(2).toFixed(2),
    shortfallUnit: row.kind === 'project' ? '万元' : '百分点',
  };
  return { item, ratio: standing.ratio };
}

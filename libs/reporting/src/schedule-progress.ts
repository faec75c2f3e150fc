import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { streamedQuery } from '@app/common';
import { assessedCountyJoin } from '@app/organisation';
import {
  completionStanding,
  D,
  elapsedShareByMonths,
  fixedOf,
  fixedFromText,
  fixedIndicatorStanding,
  fixedPlaces,
  fixedText,
  type Fixed,
  projectElapsedShare,
  expectedCompletion,
  smallFromText,
  smallIndicatorStanding,
  smallOfCoefficient,
  smallPlaces,
  type SmallDecimal,
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

/** What an item is and how it is printed: the statement's own for a task or project, the indicator's for an indicator. */
interface SubjectFacts {
  subjectId: string;
  number: number;
  label: string;
  measure: string;
  decimals: number;
  direction: 'higher' | 'lower' | null;
  aggregation: string | null;
}

/**
 * A task assignment or key project as the work statement reads it, with its own facts (its unit's names come from
 * the unit dictionary).
 */
interface WorkRow extends SubjectFacts {
  kind: 'task' | 'project';
  taskId: string | null;
  unitId: string;
  actual: string | null;
  /** A project's planned investment; null for a task. */
  target: string | null;
  milestones: { dueDate: string; expectedPercent: number }[] | null;
  reportedMonth: number | null;
  /** A project's months (YYYY-MM); null for a task. */
  spanStart: string | null;
  spanEnd: string | null;
}

/**
 * A county indicator as the indicator statement reads it: five columns, its facts from the indicator dictionary and
 * its unit's from the unit dictionary. A large plan has tens of thousands of these rows, and each column read is a
 * value parsed for every one of them.
 */
interface IndicatorRow {
  subjectId: string;
  unitId: string;
  actual: string | null;
  target: string;
  reportedMonth: number | null;
}

/** A scheduled unit with its assessed county; `order` is its place in the lists (sort order, then path). */
interface ScheduleUnit {
  id: string;
  unitName: string;
  countyId: string | null;
  countyName: string | null;
  tier: number | null;
  order: number;
}

/** What every item of one call is judged against, worked out once rather than per item. */
interface Period {
  year: number;
  month: number;
  /** The month's last day: where a task's milestones are read. */
  asOf: LocalDate;
  /** An additive indicator's elapsed share of the year. */
  share: ElapsedShare;
}

/**
 * An elapsed share every way an indicator is judged: as a small decimal when it is one (a quarter's end: 0.25, 0.5,
 * 0.75, 1), in fixed point, and as a Decimal.
 */
export interface ElapsedShare {
  decimal: Decimal;
  fixed: Fixed;
  small: SmallDecimal | null;
}

/** month ÷ 12 (elapsedShareByMonths), also in fixed point: as Decimal writes it, 12 ÷ 12 is 1, not 1.000…0. */
export function elapsedShareOfMonths(month: number): ElapsedShare {
  const decimal = elapsedShareByMonths(month);
  const fixed = fixedOf(decimal)!;
  return { decimal, fixed, small: smallOfCoefficient(fixed.coef, fixed.scale) };
}

const kindOrder: Record<ScheduleKind, number> = { task: 0, indicator: 1, project: 2 };

/** The last day of a month: the date expectations are taken at. */
export function monthEnd(year: number, month: number): LocalDate {
  return localDate(new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
}

/**
 * Every active task assignment, every county indicator with a numeric target and every key project
 * under way of a plan, with its latest figure reported by `month` (submitted or accepted reports
 * only: a returned one is not reported), in two statements over the published views: one for the work (tasks and
 * projects, each row with its own facts), one for the indicators (whose facts, like every unit's names, are looked
 * up once rather than read on every row). Each item is judged by the shared rule (completionStanding /
 * indicatorStanding / investmentStanding).
 */
export async function scheduleProgress(m: EntityManager, scope: ScheduleScope): Promise<ScheduleItem[]> {
  const indicators = await indicatorFacts(m, scope.planId);
  const units = await scheduleUnits(m, scope);
  const period: Period = {
    year: scope.year,
    month: scope.month,
    asOf: monthEnd(scope.year, scope.month),
    share: elapsedShareOfMonths(scope.month),
  };
  const judged: { item: ScheduleItem; order: number }[] = [];
  // Items of an inactive or deleted unit are nobody's schedule: the unit dictionary leaves them out.
  await streamedQuery<WorkRow>(m, WORK_ROWS, workParameters(scope), (row) => {
    const unit = units.get(row.unitId);
    if (unit) judged.push({ item: itemOf(row.kind, row, row, unit, judgeWork(row, period)), order: unit.order });
  });
  // Each indicator is judged as its row arrives, while PostgreSQL reads the next: a large plan's rows take as long to
  // judge as to read.
  await streamedQuery<IndicatorRow>(m, INDICATOR_ROWS, [scope.planId, scope.year, scope.month], (row) => {
    const unit = units.get(row.unitId);
    // An indicator added to the plan since its facts were read (between two statements) is left to the next
    // reading, as is an item of a unit added since.
    const facts = indicators.get(row.subjectId);
    if (unit && facts)
      judged.push({
        item: itemOf('indicator', row, facts, unit, judgeIndicatorRow(row, facts, period)),
        order: unit.order,
      });
  });
  return judged
    .sort(
      (a, b) => kindOrder[a.item.kind] - kindOrder[b.item.kind] || a.item.number - b.item.number || a.order - b.order,
    )
    .map((j) => j.item);
}

/**
 * Every active task assignment and every key project under way of the plan, with its latest figure by the month, over
 * the published views; in no order (scheduleProgress sorts them once judged, by its unit dictionary's order).
 */
const WORK_ROWS = `SELECT 'task' AS kind, a.id AS "subjectId", t.id AS "taskId", t.number, '任务' || t.number || ' ' || t.title AS label,
            '%' AS measure, 2 AS decimals, NULL::text AS direction, NULL::text AS aggregation, a.unit_id AS "unitId",
            r.figure::text AS actual, NULL::text AS target, t.milestones, r.month AS "reportedMonth",
            NULL::text AS "spanStart", NULL::text AS "spanEnd"
     FROM plans.assignments a JOIN plans.tasks t ON t.id = a.task_id AND t.plan_id = $1 AND t.deleted_at IS NULL
     LEFT JOIN LATERAL (
       SELECT r.completion_percent AS figure, rp.month FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
       WHERE r.subject_type = 'assignment' AND r.subject_id = a.id AND r.status IN ('submitted', 'accepted')
         AND rp.year = $2 AND rp.month <= $3
       ORDER BY rp.month DESC LIMIT 1) r ON true
     WHERE a.active
     UNION ALL
     SELECT 'project', p.id, NULL, p.number, '项目' || p.number || ' ' || p.name, '万元', 2, NULL, NULL, p.county_unit_id,
            r.figure::text, p.annual_investment::text, NULL, r.month, p.start_month, p.end_month
     FROM plans.projects p
     LEFT JOIN LATERAL (
       SELECT r.investment_to_date AS figure, rp.month FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
       WHERE r.subject_type = 'project' AND r.subject_id = p.id AND r.status IN ('submitted', 'accepted')
         AND rp.year = $2 AND rp.month <= $3
       ORDER BY rp.month DESC LIMIT 1) r ON true
     WHERE p.plan_id = $1 AND p.annual_investment > 0 AND p.start_month <= $4`;

function workParameters({ planId, year, month }: ScheduleScope): unknown[] {
  return [planId, year, month, `${year}-${String(month).padStart(2, '0')}`];
}

/** Every county indicator of the plan with a numeric target for the year, with its latest value by the month. */
const INDICATOR_ROWS = `SELECT pi.indicator_id AS "subjectId", pi.unit_id AS "unitId", v.value::text AS actual, t.value::text AS target,
            v.month AS "reportedMonth"
     FROM plan_indicators pi
     JOIN plans.targets t ON t.indicator_id = pi.indicator_id AND t.unit_id = pi.unit_id
       AND t.year = $2 AND t.period = 'year' AND t.kind = 'numeric' AND t.value > 0
     LEFT JOIN LATERAL (
       SELECT v.value, v.month FROM plans.indicator_values v
       WHERE v.indicator_id = pi.indicator_id AND v.unit_id = pi.unit_id AND v.year = $2 AND v.month BETWEEN 1 AND $3
         AND v.value IS NOT NULL
       -- One value per indicator, unit and month (uq_indicator_values_key): the month alone orders them, so the
       -- latest is read along that index instead of sorted for every item.
       ORDER BY v.month DESC LIMIT 1) v ON true
     WHERE pi.plan_id = $1`;

/** The facts of the plan's indicators, by id. */
async function indicatorFacts(m: EntityManager, planId: string): Promise<Map<string, SubjectFacts>> {
  const facts: SubjectFacts[] = await m.query(
    `SELECT i.id AS "subjectId", i.sort_order AS number, i.name AS label, i.unit_of_measure AS measure, i.decimals, i.direction, i.aggregation
     FROM plans.indicators i WHERE i.id IN (SELECT pi.indicator_id FROM plan_indicators pi WHERE pi.plan_id = $1)`,
    [planId],
  );
  return new Map(facts.map((f) => [f.subjectId, { ...f, number: Number(f.number), decimals: Number(f.decimals) }]));
}

/**
 * The active units with items in the plan (assignments, indicators, projects), each with its assessed county (the
 * roll-up rule) and its place in the lists: one lookup per unit rather than per item.
 */
async function scheduleUnits(m: EntityManager, { planId, year }: ScheduleScope): Promise<Map<string, ScheduleUnit>> {
  const units: (Omit<ScheduleUnit, 'order'> & { id: string })[] = await m.query(
    `SELECT u.id, u.short_name AS "unitName", c.id AS "countyId", c.short_name AS "countyName", c.tier
     FROM organisation.units u ${assessedCountyJoin('u', '$2', 'c')}
     WHERE u.id IN (SELECT a.unit_id FROM plans.assignments a JOIN plans.tasks t ON t.id = a.task_id AND t.plan_id = $1
                    UNION SELECT pi.unit_id FROM plan_indicators pi WHERE pi.plan_id = $1
                    UNION SELECT p.county_unit_id FROM plans.projects p WHERE p.plan_id = $1)
       AND u.active AND u.deleted_at IS NULL
     ORDER BY u.sort_order, u.path`,
    [planId, year],
  );
  return new Map(
    units.map((u, order) => [
      u.id,
      {
        id: u.id,
        unitName: u.unitName,
        countyId: u.countyId,
        countyName: u.countyName,
        tier: u.tier === null ? null : Number(u.tier),
        order,
      },
    ]),
  );
}

/**
 * Half-up to `places` and printed with them. toFixed rounds by itself, one copy fewer than rounding first, but for
 * a negative value that rounds to zero, which it prints as -0.00 where the rounded value prints 0.00.
 */
function fixed(value: Decimal, places: number): string {
  return value.isNeg()
    ? value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places)
    : value.toFixed(places, Decimal.ROUND_HALF_UP);
}

/** An item's judged figures as printed. */
export interface Judgement {
  actual: string | null;
  expected: string;
  /** actual ÷ expected in [0, 1], exact, as toFixed() writes it: the quarterly ranking sums these texts (decimalSum). */
  ratioText: string;
  light: ProgressLight;
  lagging: boolean;
  shortfall: string;
}

/** What an indicator is judged on: its figures as PostgreSQL prints them, and its own facts. */
export interface IndicatorFigures {
  actual: string | null;
  target: string;
  direction: 'higher' | 'lower';
  aggregation: string;
  decimals: number;
}

/**
 * An indicator against its target (indicatorStanding): in JS numbers when its figures and the share are small
 * (a county's figure at a quarter's end), else in fixed point when its figures are plain and short, as PostgreSQL's
 * nearly always are, else with Decimal: the same texts every way (schedule-judge.spec.ts).
 */
export function judgeIndicator(figures: IndicatorFigures, share: ElapsedShare): Judgement {
  return (
    judgeIndicatorSmall(figures, share) ??
    judgeIndicatorFixed(figures, share) ??
    judgeIndicatorDecimal(figures, share.decimal)
  );
}

/** Null when a figure, the share or the places are outside the small path (small-decimal.ts). */
function judgeIndicatorSmall(figures: IndicatorFigures, share: ElapsedShare): Judgement | null {
  const places = figures.decimals;
  if (share.small === null || !Number.isInteger(places) || places < 0 || places > 15) return null;
  const actual = figures.actual === null ? null : smallFromText(figures.actual);
  const target = smallFromText(figures.target);
  if (target === null || (figures.actual !== null && actual === null)) return null;
  const s = smallIndicatorStanding({
    value: actual,
    annualTarget: target,
    elapsedShare: share.small,
    direction: figures.direction,
    aggregation: figures.aggregation,
  });
  if (!s) return null;
  return {
    actual: actual === null ? null : smallPlaces(actual, places),
    expected: smallPlaces(s.expected, places),
    ratioText: s.ratioText,
    light: s.light,
    lagging: s.lagging,
    shortfall: s.shortfallText,
  };
}

/** Null when a figure or the places are outside the fixed-point path: the Decimal rule judges (or refuses) those. */
function judgeIndicatorFixed(figures: IndicatorFigures, share: ElapsedShare): Judgement | null {
  const places = figures.decimals;
  if (!Number.isInteger(places) || places < 0) return null;
  const actual = figures.actual === null ? null : fixedFromText(figures.actual);
  const target = fixedFromText(figures.target);
  if (target === null || (figures.actual !== null && actual === null)) return null;
  const s = fixedIndicatorStanding({
    value: actual,
    annualTarget: target,
    elapsedShare: share.fixed,
    direction: figures.direction,
    aggregation: figures.aggregation,
  });
  if (!s) return null;
  return {
    actual: actual === null ? null : fixedPlaces(actual, places),
    expected: fixedPlaces(s.expected, places),
    ratioText: fixedText(s.ratio),
    light: s.light,
    lagging: s.lagging,
    shortfall: fixedPlaces(s.shortfall, 2),
  };
}

function judgeIndicatorDecimal(figures: IndicatorFigures, share: Decimal): Judgement {
  // Parsed once: judged by the rule and printed from the same Decimal.
  const actual = figures.actual === null ? null : new D(figures.actual);
  const s = indicatorStanding({
    value: actual,
    annualTarget: figures.target,
    elapsedShare: share,
    direction: figures.direction,
    aggregation: figures.aggregation,
  });
  return judgement(actual, s.expected, s, figures.decimals);
}

function judgement(actual: Decimal | null, expected: Decimal, s: Standing, places: number): Judgement {
  return {
    actual: actual === null ? null : fixed(actual, places),
    expected: fixed(expected, places),
    ratioText: s.ratio.toFixed(),
    light: s.light,
    lagging: s.lagging,
    shortfall: fixed(s.shortfall, 2),
  };
}

/** A task assignment against its milestones, or a project against its plan over its own months. */
function judgeWork(row: WorkRow, period: Period): Judgement {
  const places = Number(row.decimals);
  // Parsed once: judged by the rule and printed from the same Decimal.
  const actual = row.actual === null ? null : new D(row.actual);
  if (row.kind === 'task') {
    const expected = expectedCompletion(
      (row.milestones ?? []).map((ms) => ({ dueDate: localDate(ms.dueDate), expectedPercent: ms.expectedPercent })),
      period.asOf,
    );
    return judgement(actual, expected, completionStanding(actual, expected), places);
  }
  // A project's line runs over its own months of the year, as its report form shows it (one rule for both).
  const share = projectElapsedShare({ startMonth: row.spanStart!, endMonth: row.spanEnd! }, period.year, period.month);
  const s = investmentStanding(actual, row.target!, share);
  return judgement(actual, s.expected, s, places);
}

function judgeIndicatorRow(row: IndicatorRow, facts: SubjectFacts, period: Period): Judgement {
  return judgeIndicator(
    {
      actual: row.actual,
      target: row.target,
      direction: facts.direction!,
      aggregation: facts.aggregation!,
      decimals: Number(facts.decimals),
    },
    period.share,
  );
}

function itemOf(
  kind: ScheduleKind,
  row: WorkRow | IndicatorRow,
  facts: SubjectFacts,
  unit: ScheduleUnit,
  judged: Judgement,
): ScheduleItem {
  // Field by field rather than spreading the row: tens of thousands of items per call.
  return {
    kind,
    // The dictionaries' ids rather than each row's copy: kept by tens of thousands of items, one string per
    // indicator and per unit costs the collector far less than two per item.
    subjectId: facts.subjectId,
    taskId: kind === 'task' ? (row as WorkRow).taskId : null,
    label: facts.label,
    unitId: unit.id,
    unitName: unit.unitName,
    countyId: unit.countyId,
    countyName: unit.countyName,
    measure: facts.measure,
    target: row.target,
    reportedMonth: row.reportedMonth,
    number: Number(facts.number),
    tier: unit.tier,
    decimals: Number(facts.decimals),
    actual: judged.actual,
    expected: judged.expected,
    ratio: judged.ratioText,
    light: judged.light,
    lagging: judged.lagging,
    done: kind === 'task' && row.actual !== null && Number(row.actual) >= 100,
    shortfall: judged.shortfall,
    shortfallUnit: kind === 'project' ? '万元' : '百分点',
  };
}

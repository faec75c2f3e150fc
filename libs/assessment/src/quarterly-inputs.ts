import type { EntityManager } from 'typeorm';
import { decimalSum, plainDecimalText, type LeafInput } from '@app/domain';
import { assessedPlaces, nameWithSubUnits } from '@app/organisation';
import { expectedReports, scheduleProgress } from '@app/reporting';
import type { LeafSource } from './entities/scheme.entity.js';
import type { LagKind } from './render/bulletin.types.js';

/** What the quarterly score reads for one county, with the figures behind each leaf. */
export interface CountyQuarterInputs {
  unitId: string;
  indicators: { name: string; target: string; value: string | null; ratio: string }[];
  tasks: { label: string; completion: string | null; expected: string; ratio: string }[];
  reports: { onTime: number; late: number; missing: number };
}

/**
 * What the ranking computes with besides a county's published inputs: its ratios, exact, as the schedule wrote them,
 * and whether an indicator is at red or a task short of green, as judged by the shared rule.
 */
export interface CountyQuarterFigures {
  indicatorRatios: string[];
  taskRatios: string[];
  redIndicator: boolean;
  taskBehind: boolean;
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
  /** actual ÷ expected, exact, as the schedule printed it: 0, 1 or 0.ddd… with no trailing zeros. */
  ratio: string;
  light: 'red' | 'yellow';
}

/**
 * Late and missing reports of an assessed unit in the quarter: a county with its sub-units (named
 * 赣县区（赣州高新区）（含赣州高新区管委会） when theirs are among them), or a unit under no county.
 */
export interface QuarterLateness {
  unitId: string;
  unitName: string;
  late: number;
  missing: number;
}

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
  now: Date,
): Promise<{
  counties: Map<string, CountyQuarterInputs>;
  figures: Map<string, CountyQuarterFigures>;
  lags: UnitLag[];
  lateness: QuarterLateness[];
}> {
  const counties = new Map(
    unitIds.map((id) => [
      id,
      { unitId: id, indicators: [], tasks: [], reports: { onTime: 0, late: 0, missing: 0 } } as CountyQuarterInputs,
    ]),
  );
  // The same judgement as the lagging list (序时进度, one rule for both): the bulletin lists what lags of the
  // counties and of the city's departments, and scores each assessed unit on its own items.
  const figures = new Map<string, CountyQuarterFigures>(
    unitIds.map((id) => [id, { indicatorRatios: [], taskRatios: [], redIndicator: false, taskBehind: false }]),
  );
  const schedule = await scheduleProgress(m, { planId, year, month: lastMonth });
  const lags: UnitLag[] = [];
  for (const item of schedule) {
    // Each item is scored to the county it is, or sits under, else to its own unit (the roll-up rule, assessed-county.ts).
    const county = counties.get(item.countyId ?? item.unitId);
    const figure = county && figures.get(county.unitId)!;
    const actual = item.actual === null ? null : plainDecimalText(item.actual);
    if (item.kind === 'indicator') {
      // An indicator is the assessed unit's own (a county's), never a department's under it.
      if (county?.unitId !== item.unitId) continue;
      county.indicators.push({
        name: item.label,
        target: plainDecimalText(item.target!),
        value: actual,
        ratio: item.ratio,
      });
      figure!.indicatorRatios.push(item.ratio);
      if (item.light === 'red') figure!.redIndicator = true;
    } else if (county) {
      // A county's key projects count as its tasks: investment to date against the annual plan × elapsed share.
      county.tasks.push({
        label: item.label,
        completion: item.kind === 'project' ? item.actual : actual,
        expected: item.expected,
        ratio: item.ratio,
      });
      figure!.taskRatios.push(item.ratio);
      if (item.light !== 'green') figure!.taskBehind = true;
    }
    if (item.lagging)
      lags.push({
        unitId: item.unitId,
        unitName: item.unitName,
        kind: item.kind,
        label: item.kind === 'indicator' ? `指标 ${item.label}` : item.label,
        actual,
        expected: item.expected,
        unit: item.measure,
        decimals: item.decimals,
        ratio: item.ratio,
        light: item.light === 'red' ? 'red' : 'yellow',
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
  // One roll-up rule for the score and the late list: a county's row counts its sub-units' reports too.
  const places = await assessedPlaces(m, [...new Set(expected.map((e) => e.unitId))], year);
  const lateness = new Map<string, QuarterLateness & { subUnits: string[] }>();
  for (const e of expected) {
    const place = places.get(e.unitId);
    if (!place) continue;
    const county = counties.get(place.assessedId);
    if (county) {
      const r = county.reports;
      if (e.timeliness === 'on_time') r.onTime++;
      if (e.timeliness === 'late') r.late++;
      if (e.timeliness === 'missing') r.missing++;
    }
    if (e.timeliness === 'late' || e.timeliness === 'missing') {
      const entry = lateness.get(place.assessedId) ?? {
        unitId: place.assessedId,
        unitName: place.assessedName,
        late: 0,
        missing: 0,
        subUnits: [],
      };
      if (e.timeliness === 'late') entry.late++;
      else entry.missing++;
      if (e.unitId !== place.assessedId) entry.subUnits.push(place.unitName);
      lateness.set(place.assessedId, entry);
    }
  }
  return {
    counties,
    figures,
    lags,
    lateness: [...lateness.values()].map(({ subUnits, ...l }) => ({
      ...l,
      unitName: nameWithSubUnits(l.unitName, subUnits),
    })),
  };
}

/** A county's input to one leaf of the quarterly scheme, from what was gathered for it (the scheme's input map). */
export function quarterLeafInput(
  source: LeafSource | undefined,
  inputs: CountyQuarterInputs,
  figures: CountyQuarterFigures,
): LeafInput {
  switch (source?.type) {
    case 'indicatorProgress':
      return figures.indicatorRatios.length
        ? { actual: decimalSum(figures.indicatorRatios), planned: figures.indicatorRatios.length }
        : { notMeasurable: true, reason: '无有目标值的指标' };
    case 'taskProgress':
      return figures.taskRatios.length
        ? { actual: decimalSum(figures.taskRatios), planned: figures.taskRatios.length }
        : { notMeasurable: true, reason: '本季度未承担任务' };
    case 'timeliness': {
      const due = inputs.reports.onTime + inputs.reports.late + inputs.reports.missing;
      return due
        ? { actual: inputs.reports.onTime, planned: due }
        : { notMeasurable: true, reason: '本季度无应报报告' };
    }
    case 'lateReports':
      return { count: inputs.reports.late + inputs.reports.missing };
    default:
      return { notMeasurable: true, reason: '该项需人工评分' };
  }
}

/**
 * Lagging items, furthest behind first, in a stable order. A ratio lies in [0, 1] and prints as 0, 1 or 0.ddd with
 * no trailing zeros, so its text orders as its exact value does. Grouped by the ratio as a JS number, which never
 * orders two ratios against their exact values: the groups follow their numbers (sorted natively, without a
 * comparator), and only within a group, whose ratios are equal or nearly so, are texts compared. Tens of thousands
 * of items compared pairwise were most of the sort.
 */
export function furthestBehindFirst(lags: readonly UnitLag[]): UnitLag[] {
  const groups = new Map<number, UnitLag[]>();
  for (const lag of lags) {
    const key = Number(lag.ratio);
    const group = groups.get(key);
    if (group) group.push(lag);
    else groups.set(key, [lag]);
  }
  const ordered: UnitLag[] = [];
  for (const key of Float64Array.from(groups.keys()).sort()) {
    const group = groups.get(key)!;
    // Array sort is stable: equal ratios keep the schedule's order.
    if (group.length > 1) group.sort((a, b) => (a.ratio === b.ratio ? 0 : a.ratio < b.ratio ? -1 : 1));
    for (const lag of group) ordered.push(lag);
  }
  return ordered;
}

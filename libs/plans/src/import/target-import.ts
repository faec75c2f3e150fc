import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { getUnit, type Unit, unitsUnderCity } from '@app/organisation';
import { Indicator } from '../entities/indicator.entity.js';
import type { Plan } from '../entities/plan.entity.js';
import { Target } from '../entities/target.entity.js';
import type { BreakdownSheetRow, GoalSheetRow } from '../spreadsheets/index.js';
import type { ParsedSheet } from '@app/spreadsheets';
import { type ImportChange, type ImportProblem } from '@app/spreadsheets';
import { indicatorDefaults } from './indicator-defaults.js';
import { parseDecimalText } from '@app/spreadsheets';
import { Pacer } from '@app/spreadsheets';
import { asWritten, canonical, writtenForm } from './numbers.js';
import { UnitMatcher } from './unit-matcher.js';

interface DesiredTarget {
  /** Where the value stands in the sheet, for problems found later. */
  row: number;
  column: string;
  unitId: string;
  unitLabel: string;
  indicator: string;
  year: number;
  /** Numeric text, or null with `text` for a qualitative target. */
  value: string | null;
  /** The number as the office wrote it ("1.80"), or null: see `writtenForm`. */
  written: string | null;
  text: string | null;
}

interface DesiredBaseline {
  unitId: string;
  indicator: string;
  year: number;
  value: string | null;
  written: string | null;
  text: string | null;
}

export interface TargetImportPlan {
  indicators: { name: string; unitOfMeasure: string }[];
  targets: DesiredTarget[];
  baselines: DesiredBaseline[];
  problems: ImportProblem[];
  changes: ImportChange[];
  totalChanges: { create: number; update: number; unchanged: number };
  warnings: string[];
}

/** Reports list at most this many changed records; the summary still counts every one. */
const MAX_LISTED_CHANGES = 500;

function splitValue(raw: string): { value: string | null; written: string | null; text: string | null } {
  const number = parseDecimalText(raw);
  return number.ok
    ? { value: new Decimal(number.value).toFixed(), written: writtenForm(number.value), text: null }
    : { value: null, written: null, text: raw.trim() };
}

export async function planGoalImport(
  m: EntityManager,
  plan: Plan,
  sheet: ParsedSheet<GoalSheetRow>,
): Promise<TargetImportPlan> {
  const city = await getUnit(m, plan.cityId);
  const problems: ImportProblem[] = sheet.problems.map((p) => ({ ...p }));
  const indicators: TargetImportPlan['indicators'] = [];
  const targets: DesiredTarget[] = [];
  const baselines: DesiredBaseline[] = [];
  const seen = new Map<string, number>();
  for (const { row, value } of sheet.rows) {
    if (seen.has(value.indicator)) {
      problems.push({
        sheet: sheet.sheet,
        row,
        column: '指标名称',
        message: `指标与第 ${seen.get(value.indicator)} 行重复`,
      });
      continue;
    }
    seen.set(value.indicator, row);
    indicators.push({ name: value.indicator, unitOfMeasure: value.unitOfMeasure });
    if (value.baseline && value.baseline.value.trim()) {
      baselines.push({
        unitId: city.id,
        indicator: value.indicator,
        year: value.baseline.year,
        ...splitValue(value.baseline.value),
      });
    }
    for (const target of value.targets) {
      if (!target.value.trim()) continue;
      if (target.year < plan.startYear || target.year > plan.endYear) {
        problems.push({
          sheet: sheet.sheet,
          row,
          column: `${target.year}年`,
          message: `${target.year} 年不在方案年度 ${plan.startYear}–${plan.endYear} 之内`,
        });
        continue;
      }
      targets.push({
        row,
        column: `${target.year}年`,
        unitId: city.id,
        unitLabel: city.shortName,
        indicator: value.indicator,
        year: target.year,
        ...splitValue(target.value),
      });
    }
  }
  return finish(m, plan, sheet, { indicators, targets, baselines, problems });
}

export async function planBreakdownImport(
  m: EntityManager,
  plan: Plan,
  sheet: ParsedSheet<BreakdownSheetRow>,
): Promise<TargetImportPlan> {
  const units = await unitsUnderCity(m, plan.cityId);
  const matcher = new UnitMatcher(units);
  const problems: ImportProblem[] = sheet.problems.map((p) => ({ ...p }));
  const indicators = new Map<string, string>();
  const targets: DesiredTarget[] = [];
  // A 50,000-target sheet keeps these loops busy for seconds: the API must answer meanwhile.
  const pacer = new Pacer();
  for (const { row, value } of sheet.rows) {
    await pacer.pause();
    const unit = matcher.match(value.unit);
    if (!unit.ok) {
      problems.push({
        sheet: sheet.sheet,
        row,
        column: '单位',
        message: `单位“${value.unit}”不在组织机构中${unit.suggestions.length ? `，是否为：${unit.suggestions.join('、')}` : ''}`,
      });
      continue;
    }
    for (const cell of value.values) {
      indicators.set(cell.indicator, cell.unitOfMeasure);
      if (!cell.value.trim()) continue;
      const parsed = splitValue(cell.value);
      if (parsed.value === null) {
        problems.push({
          sheet: sheet.sheet,
          row,
          column: `${cell.indicator} ${cell.year}`,
          message: `“${cell.value}”不是数字`,
        });
        continue;
      }
      if (cell.year < plan.startYear || cell.year > plan.endYear) {
        problems.push({
          sheet: sheet.sheet,
          row,
          column: `${cell.indicator} ${cell.year}`,
          message: `${cell.year} 年不在方案年度 ${plan.startYear}–${plan.endYear} 之内`,
        });
        continue;
      }
      targets.push({
        row,
        column: `${cell.indicator} ${cell.year}`,
        unitId: unit.unit.id,
        unitLabel: unit.unit.shortName,
        indicator: cell.indicator,
        year: cell.year,
        ...parsed,
      });
    }
  }
  const keys = new Set<string>();
  for (const t of targets) {
    const key = `${t.unitId}|${t.indicator}|${t.year}`;
    if (keys.has(key))
      problems.push({
        sheet: sheet.sheet,
        row: t.row,
        column: t.column,
        message: `${t.unitLabel} ${t.year} 年的“${t.indicator}”出现了两次`,
      });
    keys.add(key);
  }
  const plan_ = await finish(m, plan, sheet, {
    indicators: [...indicators].map(([name, unitOfMeasure]) => ({ name, unitOfMeasure })),
    targets,
    baselines: [],
    problems,
  });
  if (plan_.problems.length === 0) plan_.warnings = await sumWarnings(m, plan, units, plan_.targets);
  return plan_;
}

/** Checks indicator settings against the targets and works out what would change. */
async function finish(
  m: EntityManager,
  plan: Plan,
  sheet: ParsedSheet<unknown>,
  draft: Pick<TargetImportPlan, 'indicators' | 'targets' | 'baselines' | 'problems'>,
): Promise<TargetImportPlan> {
  const existing = await m.getRepository(Indicator).findBy({ cityId: plan.cityId });
  const byName = new Map(existing.map((i) => [i.name, i]));
  for (const wanted of draft.indicators) {
    const current = byName.get(wanted.name);
    if (current && wanted.unitOfMeasure && current.unitOfMeasure !== wanted.unitOfMeasure) {
      draft.problems.push({
        sheet: sheet.sheet,
        row: 0,
        column: '计量单位',
        message: `指标“${wanted.name}”的计量单位应为“${current.unitOfMeasure}”，表中为“${wanted.unitOfMeasure}”`,
      });
    }
  }
  const pacer = new Pacer();
  for (const target of draft.targets) {
    await pacer.pause();
    const current = byName.get(target.indicator);
    const wanted = draft.indicators.find((i) => i.name === target.indicator);
    const maxValue = current
      ? current.maxValue
      : indicatorDefaults(target.indicator, wanted?.unitOfMeasure ?? '').maxValue;
    if (target.value !== null && maxValue !== null && new Decimal(target.value).gt(maxValue)) {
      draft.problems.push({
        sheet: sheet.sheet,
        row: target.row,
        column: target.column,
        message: `目标 ${target.value} 超过“${target.indicator}”的上限 ${canonical(maxValue)}`,
      });
    }
  }
  const result: TargetImportPlan = {
    ...draft,
    changes: [],
    totalChanges: { create: 0, update: 0, unchanged: 0 },
    warnings: [],
  };
  if (draft.problems.length) return result;

  const current = await m
    .getRepository(Target)
    .createQueryBuilder('t')
    .innerJoin(Indicator, 'i', 'i.id = t.indicator_id')
    .select([
      't.unit_id AS "unitId"',
      'i.name AS indicator',
      't.year AS year',
      't.value AS value',
      't.value_written AS written',
      't.text_value AS text',
    ])
    .where('i.city_id = :city AND i.name IN (:...names) AND t.period = :period', {
      city: plan.cityId,
      names: draft.indicators.map((i) => i.name).concat(['']),
      period: 'year',
    })
    .getRawMany<{
      unitId: string;
      indicator: string;
      year: number;
      value: string | null;
      written: string | null;
      text: string | null;
    }>();
  const before = new Map(current.map((c) => [`${c.unitId}|${c.indicator}|${c.year}`, c]));
  for (const t of draft.targets) {
    await pacer.pause();
    const had = before.get(`${t.unitId}|${t.indicator}|${t.year}`);
    const label = `${t.unitLabel} ${t.year} 年 ${t.indicator}`;
    // A number compares as written: 1.8 stored and 1.80 in the sheet is an update (the exports
    // print the office's decimals), shown as the two written forms.
    const shown = t.written ?? t.value ?? t.text;
    let action: ImportChange['action'];
    let changes: ImportChange['changes'] = [];
    if (!had) action = 'create';
    else if (
      canonical(had.value) === t.value &&
      asWritten(had.value, had.written) === (t.written ?? t.value) &&
      (had.text ?? null) === t.text
    )
      action = 'unchanged';
    else {
      action = 'update';
      changes = [{ field: 'value', before: asWritten(had.value, had.written) ?? had.text, after: shown }];
    }
    result.totalChanges[action]++;
    if (action !== 'unchanged' && result.changes.length < MAX_LISTED_CHANGES)
      result.changes.push({ key: `${t.unitId}|${t.indicator}|${t.year}`, label, action, changes });
  }
  return result;
}

/** County targets of additive indicators should add up to the city's; differences are warnings. */
async function sumWarnings(m: EntityManager, plan: Plan, units: Unit[], targets: DesiredTarget[]): Promise<string[]> {
  const indicators = await m.getRepository(Indicator).findBy({ cityId: plan.cityId });
  const unitById = new Map(units.map((u) => [u.id, u]));
  const aggregationOf = (name: string) =>
    indicators.find((i) => i.name === name)?.aggregation ?? indicatorDefaults(name, '').aggregation;
  const warnings: string[] = [];
  const groups = new Map<string, { parent?: DesiredTarget; children: DesiredTarget[] }>();
  const pacer = new Pacer();
  for (const t of targets) {
    await pacer.pause();
    if (t.value === null || aggregationOf(t.indicator) !== 'additive') continue;
    const unit = unitById.get(t.unitId)!;
    if (t.unitId === plan.cityId) {
      const group = groups.get(`${t.indicator}|${t.year}`) ?? { children: [] };
      group.parent = t;
      groups.set(`${t.indicator}|${t.year}`, group);
    } else if (unit.parentId === plan.cityId) {
      const group = groups.get(`${t.indicator}|${t.year}`) ?? { children: [] };
      group.children.push(t);
      groups.set(`${t.indicator}|${t.year}`, group);
    }
  }
  for (const [key, group] of groups) {
    if (!group.parent || group.children.length === 0) continue;
    const sum = group.children.reduce((s, c) => s.plus(c.value!), new Decimal(0));
    const diff = sum.minus(group.parent.value!);
    if (!diff.isZero()) {
      const [indicator, year] = key.split('|');
      warnings.push(
        `${year} 年“${indicator}”：各单位合计 ${sum.toFixed()}，市级目标 ${group.parent.value}，相差 ${diff.toFixed()}`,
      );
    }
  }
  return warnings;
}

/** Upserts indicators, then targets and baselines in set-based statements of a few thousand rows. */
export async function applyTargetImport(m: EntityManager, plan: Plan, desired: TargetImportPlan): Promise<void> {
  const repo = m.getRepository(Indicator);
  const existing = new Map((await repo.findBy({ cityId: plan.cityId })).map((i) => [i.name, i]));
  let sortOrder = Math.max(0, ...[...existing.values()].map((i) => i.sortOrder));
  for (const wanted of desired.indicators) {
    if (existing.has(wanted.name)) continue;
    const defaults = indicatorDefaults(wanted.name, wanted.unitOfMeasure);
    const created = repo.create({
      cityId: plan.cityId,
      name: wanted.name,
      unitOfMeasure: wanted.unitOfMeasure,
      decimals: 2,
      authorityUnitId: null,
      sortOrder: ++sortOrder,
      ...defaults,
    });
    existing.set(wanted.name, await repo.save(created));
  }
  const operatorOf = (name: string) => (existing.get(name)!.direction === 'lower' ? '<=' : '>=');
  for (let i = 0; i < desired.targets.length; i += 5000) {
    const chunk = desired.targets.slice(i, i + 5000);
    await m.query(
      `INSERT INTO targets (plan_id, indicator_id, unit_id, year, period, kind, operator, value, value_written, text_value)
       SELECT $1, x.indicator_id, x.unit_id, x.year, 'year', CASE WHEN x.value IS NULL THEN 'qualitative' ELSE 'numeric' END,
         x.operator, x.value, x.value_written, x.text_value
       FROM unnest($2::uuid[], $3::uuid[], $4::smallint[], $5::varchar[], $6::numeric[], $7::varchar[], $8::varchar[])
         AS x(indicator_id, unit_id, year, operator, value, text_value, value_written)
       ON CONFLICT (indicator_id, unit_id, year, period) DO UPDATE
         SET value = EXCLUDED.value, value_written = EXCLUDED.value_written, text_value = EXCLUDED.text_value,
           kind = EXCLUDED.kind, plan_id = EXCLUDED.plan_id, updated_at = now()
         WHERE (targets.value, targets.value_written, targets.text_value)
           IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.value_written, EXCLUDED.text_value)`,
      [
        plan.id,
        chunk.map((t) => existing.get(t.indicator)!.id),
        chunk.map((t) => t.unitId),
        chunk.map((t) => t.year),
        chunk.map((t) => operatorOf(t.indicator)),
        chunk.map((t) => t.value),
        chunk.map((t) => (t.value === null ? t.text : null)),
        chunk.map((t) => t.written),
      ],
    );
  }
  if (desired.baselines.length) {
    await m.query(
      `INSERT INTO indicator_values (indicator_id, unit_id, year, month, value, value_written, text_value, source)
       SELECT x.indicator_id, x.unit_id, x.year, 0, x.value, x.value_written, x.text_value, '方案基期值'
       FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::numeric[], $5::varchar[], $6::varchar[])
         AS x(indicator_id, unit_id, year, value, text_value, value_written)
       ON CONFLICT (indicator_id, unit_id, year, month) DO UPDATE
         SET value = EXCLUDED.value, value_written = EXCLUDED.value_written, text_value = EXCLUDED.text_value, updated_at = now()
         WHERE (indicator_values.value, indicator_values.value_written, indicator_values.text_value)
           IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.value_written, EXCLUDED.text_value)`,
      [
        desired.baselines.map((b) => existing.get(b.indicator)!.id),
        desired.baselines.map((b) => b.unitId),
        desired.baselines.map((b) => b.year),
        desired.baselines.map((b) => b.value),
        desired.baselines.map((b) => (b.value === null ? b.text : null)),
        desired.baselines.map((b) => b.written),
      ],
    );
  }
}

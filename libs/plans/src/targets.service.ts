import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { findUnit } from '@app/organisation';
import { type Aggregation, type Direction, Indicator } from './entities/indicator.entity.js';
import { Target, type Operator, type TargetKind, type TargetPeriod } from './entities/target.entity.js';
import { PlanAccess } from './plan-access.js';
import { asWritten, canonical, writtenForm } from './import/numbers.js';

export interface IndicatorInput {
  name: string;
  unitOfMeasure?: string;
  direction?: Direction;
  aggregation?: Aggregation;
  decimals?: number;
  maxValue?: string | null;
  authorityUnitId?: string | null;
}

export interface TargetInput {
  planId?: string | null;
  indicatorId: string;
  unitId: string;
  year: number;
  period?: TargetPeriod;
  kind: TargetKind;
  operator?: Operator;
  value?: string | null;
  textValue?: string | null;
  dateValue?: string | null;
  note?: string;
}

export interface GoalRow {
  indicatorId: string;
  name: string;
  unitOfMeasure: string;
  baseline: { year: number; value: string | null } | null;
  targets: { year: number; operator: string; value: string | null }[];
}

export interface BreakdownMatrix {
  indicators: { id: string; name: string; unitOfMeasure: string; aggregation: Aggregation; years: number[] }[];
  rows: { unitId: string; unitName: string; isCity: boolean; cells: Record<string, string | null> }[];
  mismatches: {
    indicatorId: string;
    indicator: string;
    year: number;
    parentUnit: string;
    parentTarget: string;
    sum: string;
    difference: string;
  }[];
}

/** Operators that make sense for each direction: a "≤" target on a higher-is-better indicator does not. */
const allowedOperators: Record<Direction, Operator[]> = { higher: ['>=', '>', '='], lower: ['<=', '<', '='] };

/** Indicators of a city, their targets, the plan's goals and the county breakdown matrix. */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
  ) {}

  async indicators(actor: Actor): Promise<Indicator[]> {
    return this.dataSource
      .getRepository(Indicator)
      .find({ where: { cityId: actor.cityId }, order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  async createIndicator(actor: Actor, input: IndicatorInput): Promise<Indicator> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以维护指标');
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Indicator);
      if (await repo.exists({ where: { cityId: actor.cityId, name: input.name } })) {
        throw DomainError.conflict('指标已存在', [{ field: 'name', reason: `指标“${input.name}”已存在` }]);
      }
      return repo.save(
        repo.create({
          cityId: actor.cityId,
          unitOfMeasure: '',
          direction: 'higher',
          aggregation: 'additive',
          decimals: 2,
          maxValue: null,
          authorityUnitId: null,
          ...input,
        }),
      );
    });
  }

  async updateIndicator(actor: Actor, id: string, change: Partial<IndicatorInput>): Promise<Indicator> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以维护指标');
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Indicator);
      const indicator = await repo.findOne({ where: { id } });
      if (!indicator || indicator.cityId !== actor.cityId) throw DomainError.notFound('指标');
      repo.merge(indicator, change);
      return repo.save(indicator);
    });
  }

  /** Creates or replaces the target on its natural key (indicator × unit × year × period). */
  async upsertTarget(actor: Actor, input: TargetInput): Promise<Target> {
    return this.dataSource.transaction(async (m) => {
      const indicator = await m.getRepository(Indicator).findOne({ where: { id: input.indicatorId } });
      if (!indicator || indicator.cityId !== actor.cityId)
        throw DomainError.validation('指标不存在', [{ field: 'indicatorId', reason: '指标不存在' }]);
      if (input.planId) await this.access.editable(actor, input.planId, m);
      else if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以设定目标');
      const unit = await findUnit(m, input.unitId);
      if (!unit || unit.cityId !== indicator.cityId)
        throw DomainError.validation('单位不在本市', [{ field: 'unitId', reason: '单位不存在' }]);
      const problems = checkTarget(indicator, input);
      if (problems.length) throw DomainError.validation('目标值有误', problems);
      const repo = m.getRepository(Target);
      const period = input.period ?? 'year';
      const existing = await repo.findOne({
        where: { indicatorId: input.indicatorId, unitId: input.unitId, year: input.year, period },
      });
      const fields = {
        planId: input.planId ?? existing?.planId ?? null,
        indicatorId: input.indicatorId,
        unitId: input.unitId,
        year: input.year,
        period,
        kind: input.kind,
        operator: input.operator ?? (indicator.direction === 'lower' ? '<=' : '>='),
        value: input.kind === 'numeric' ? (input.value ?? null) : null,
        valueWritten: input.kind === 'numeric' ? writtenForm(input.value) : null,
        textValue: input.kind === 'qualitative' ? (input.textValue ?? null) : null,
        dateValue: input.kind === 'date' ? (input.dateValue ?? null) : null,
        note: input.note ?? '',
      } as const;
      return repo.save(existing ? Object.assign(existing, fields) : repo.create(fields));
    });
  }

  /**
   * The plan's goals with their baselines. Numbers print canonically ("1.8"), or as the office
   * wrote them ("1.80") with `asWritten` (the export, which must give back the office's decimals).
   */
  async goals(actor: Actor, planId: string, options: { asWritten?: boolean } = {}): Promise<GoalRow[]> {
    const plan = await this.access.readable(actor, planId);
    const number = (value: string | null, written: string | null) =>
      options.asWritten ? asWritten(value, written) : canonical(value);
    const rows: {
      indicatorId: string;
      name: string;
      unitOfMeasure: string;
      year: number;
      operator: string;
      value: string | null;
      written: string | null;
      text: string | null;
    }[] = await this.dataSource.query(
      `SELECT i.id AS "indicatorId", i.name, i.unit_of_measure AS "unitOfMeasure", t.year, t.operator, t.value::text AS value,
              t.value_written AS written, t.text_value AS text
       FROM targets t JOIN indicators i ON i.id = t.indicator_id
       WHERE t.plan_id = $1 AND t.unit_id = $2 AND t.period = 'year'
       ORDER BY i.sort_order, i.name, t.year`,
      [planId, plan.cityId],
    );
    const baselines: {
      indicatorId: string;
      year: number;
      value: string | null;
      written: string | null;
      text: string | null;
    }[] = await this.dataSource.query(
      `SELECT v.indicator_id AS "indicatorId", v.year, v.value::text AS value, v.value_written AS written, v.text_value AS text
       FROM indicator_values v WHERE v.unit_id = $1 AND v.month = 0 AND v.year < $2 AND v.indicator_id = ANY($3)`,
      [plan.cityId, plan.startYear, [...new Set(rows.map((r) => r.indicatorId))]],
    );
    const out = new Map<string, GoalRow>();
    for (const r of rows) {
      const goal = out.get(r.indicatorId) ?? {
        indicatorId: r.indicatorId,
        name: r.name,
        unitOfMeasure: r.unitOfMeasure,
        baseline: null,
        targets: [],
      };
      goal.targets.push({ year: r.year, operator: r.operator, value: number(r.value, r.written) ?? r.text });
      out.set(r.indicatorId, goal);
    }
    for (const b of baselines) {
      const goal = out.get(b.indicatorId);
      if (goal && (!goal.baseline || goal.baseline.year < b.year))
        goal.baseline = { year: b.year, value: number(b.value, b.written) ?? b.text };
    }
    return [...out.values()];
  }

  /**
   * Units × (indicator, year) of a plan's targets, and every additive sum that does not match its
   * parent. Cells print numbers canonically, or as the office wrote them with `asWritten`.
   */
  async breakdown(actor: Actor, planId: string, options: { asWritten?: boolean } = {}): Promise<BreakdownMatrix> {
    const plan = await this.access.readable(actor, planId);
    const cells: {
      unitId: string;
      unitName: string;
      sortOrder: number;
      indicatorId: string;
      name: string;
      unitOfMeasure: string;
      aggregation: Aggregation;
      year: number;
      value: string | null;
      written: string | null;
      text: string | null;
    }[] = await this.dataSource.query(
      `SELECT t.unit_id AS "unitId", u.short_name AS "unitName", u.sort_order AS "sortOrder", i.id AS "indicatorId", i.name,
                i.unit_of_measure AS "unitOfMeasure", i.aggregation, t.year, t.value::text AS value, t.value_written AS written, t.text_value AS text
         FROM targets t JOIN indicators i ON i.id = t.indicator_id JOIN organisation.units u ON u.id = t.unit_id
         WHERE t.plan_id = $1 AND t.period = 'year'
           AND EXISTS (SELECT 1 FROM targets o WHERE o.plan_id = $1 AND o.indicator_id = t.indicator_id AND o.unit_id <> $2)
         ORDER BY i.sort_order, i.name, t.year`,
      [planId, plan.cityId],
    );
    const indicators = new Map<string, BreakdownMatrix['indicators'][number]>();
    const rows = new Map<string, BreakdownMatrix['rows'][number] & { sortOrder: number }>();
    for (const c of cells) {
      const indicator = indicators.get(c.indicatorId) ?? {
        id: c.indicatorId,
        name: c.name,
        unitOfMeasure: c.unitOfMeasure,
        aggregation: c.aggregation,
        years: [],
      };
      if (!indicator.years.includes(c.year)) indicator.years.push(c.year);
      indicators.set(c.indicatorId, indicator);
      const row = rows.get(c.unitId) ?? {
        unitId: c.unitId,
        unitName: c.unitName,
        isCity: c.unitId === plan.cityId,
        sortOrder: c.sortOrder,
        cells: {},
      };
      row.cells[`${c.indicatorId}:${c.year}`] =
        (options.asWritten ? asWritten(c.value, c.written) : canonical(c.value)) ?? c.text;
      rows.set(c.unitId, row);
    }
    const mismatches = await this.mismatches(planId);
    return {
      indicators: [...indicators.values()].map((i) => ({ ...i, years: i.years.sort() })),
      rows: [...rows.values()]
        .sort((a, b) => Number(b.isCity) - Number(a.isCity) || a.sortOrder - b.sortOrder)
        .map(({ sortOrder: _s, ...r }) => r),
      mismatches,
    };
  }

  /** One set-based query: children's sums against their parent's target, additive indicators only. */
  async mismatches(planId: string): Promise<BreakdownMatrix['mismatches']> {
    const rows: {
      indicatorId: string;
      indicator: string;
      year: number;
      parentUnit: string;
      parentTarget: string;
      sum: string;
    }[] = await this.dataSource.query(
      `SELECT i.id AS "indicatorId", i.name AS indicator, c.year, pu.short_name AS "parentUnit",
              p.value::text AS "parentTarget", sum(c.value)::text AS sum
       FROM targets c
       JOIN organisation.units cu ON cu.id = c.unit_id
       JOIN targets p ON p.indicator_id = c.indicator_id AND p.year = c.year AND p.period = c.period AND p.unit_id = cu.parent_id
       JOIN organisation.units pu ON pu.id = p.unit_id
       JOIN indicators i ON i.id = c.indicator_id
       WHERE c.plan_id = $1 AND i.aggregation = 'additive' AND c.value IS NOT NULL AND p.value IS NOT NULL
       GROUP BY i.id, i.name, c.year, c.period, pu.short_name, p.value
       HAVING sum(c.value) <> p.value
       ORDER BY i.name, c.year`,
      [planId],
    );
    return rows.map((r) => ({
      ...r,
      parentTarget: canonical(r.parentTarget)!,
      sum: canonical(r.sum)!,
      difference: new Decimal(r.sum).minus(r.parentTarget).toFixed(),
    }));
  }
}

/** The rules a target must satisfy against its indicator, as field-level problems. */
export function checkTarget(
  indicator: Pick<Indicator, 'direction' | 'maxValue' | 'unitOfMeasure'>,
  input: Pick<TargetInput, 'kind' | 'operator' | 'value' | 'textValue' | 'dateValue'>,
): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (input.operator && !allowedOperators[indicator.direction].includes(input.operator)) {
    problems.push({
      field: 'operator',
      reason: `“${indicator.direction === 'higher' ? '越高越好' : '越低越好'}”的指标不能用“${input.operator}”设定目标`,
    });
  }
  if (input.kind === 'numeric') {
    if (input.value === undefined || input.value === null)
      problems.push({ field: 'value', reason: '数值目标必须填写数值' });
    else if (indicator.maxValue !== null && new Decimal(input.value).gt(indicator.maxValue)) {
      problems.push({ field: 'value', reason: `不能超过 ${canonical(indicator.maxValue)}${indicator.unitOfMeasure}` });
    }
  }
  if (input.kind === 'qualitative' && !input.textValue?.trim())
    problems.push({ field: 'textValue', reason: '定性目标必须填写目标描述' });
  if (input.kind === 'date' && !input.dateValue) problems.push({ field: 'dateValue', reason: '时间目标必须填写日期' });
  return problems;
}

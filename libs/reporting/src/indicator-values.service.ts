import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { type Actor, DomainError, hasRole, inScope, requestContext } from '@app/common';
import { Clock } from '@app/config';
import { findUnits, getUnit } from '@app/organisation';
import {
  assessmentsFedBy,
  findIndicators,
  findIndicatorValue,
  type IndicatorValue,
  PlanAccess,
  saveIndicatorValue,
} from '@app/plans';
import type { IndicatorReporter } from './entities/plan-indicator.entity.js';

/** Who reports an indicator for a unit. */
export interface AssignedIndicator {
  indicatorId: string;
  name: string;
  unitId: string;
  unitName: string;
  reporter: IndicatorReporter;
}

export interface ValueEntry {
  indicatorId: string;
  unitId: string;
  year: number;
  /** 1–12 for a value to date; 0 for the year's figure. */
  month: number;
  value?: string | null;
  textValue?: string | null;
  source?: string;
  /** The authoritative department or the office confirms the figure (定量指标数据以主管部门核定的为准). */
  confirm?: boolean;
}

/** Whether an entry gives the statistic another figure than the one stored (a new row always does). */
function changes(existing: IndicatorValue | null, entry: ValueEntry): boolean {
  if (!existing) return true;
  const value = entry.value ?? null;
  if (value === null || existing.value === null) {
    if (value !== existing.value) return true;
    return value === null && (entry.textValue ?? null) !== existing.textValue;
  }
  return !new Decimal(value).eq(existing.value);
}

/**
 * Which county indicators a plan tracks and who reports them, and statistics entered by the
 * authoritative department or the office, with their confirmation state.
 */
@Injectable()
export class IndicatorValuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly clock: Clock,
  ) {}

  async assigned(actor: Actor, planId: string): Promise<AssignedIndicator[]> {
    await this.access.readable(actor, planId);
    return this.dataSource.query(
      `SELECT pi.indicator_id AS "indicatorId", i.name, pi.unit_id AS "unitId", u.short_name AS "unitName", pi.reporter
       FROM plan_indicators pi JOIN plans.indicators i ON i.id = pi.indicator_id JOIN organisation.units u ON u.id = pi.unit_id
       WHERE pi.plan_id = $1 ORDER BY i.sort_order, i.name, u.sort_order`,
      [planId],
    );
  }

  /** Assigns indicators to counties (with or without targets) and says who enters them. */
  async assign(
    actor: Actor,
    planId: string,
    items: { indicatorId: string; unitIds: string[]; reporter: IndicatorReporter }[],
  ): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.access.editable(actor, planId, m);
      const indicators = await findIndicators(
        m,
        items.map((i) => i.indicatorId),
      );
      const unitIds = [...new Set(items.flatMap((i) => i.unitIds))];
      const units = await findUnits(m, unitIds);
      items.forEach((item, i) => {
        const indicator = indicators.find((x) => x.id === item.indicatorId);
        if (!indicator || indicator.cityId !== plan.cityId)
          throw DomainError.validation('指标不存在', [{ field: `items.${i}.indicatorId`, reason: '指标不存在' }]);
        item.unitIds.forEach((id, j) => {
          const unit = units.find((u) => u.id === id);
          if (!unit || unit.cityId !== plan.cityId)
            throw DomainError.validation('单位不在本市', [{ field: `items.${i}.unitIds.${j}`, reason: '单位不存在' }]);
        });
      });
      const rows = items.flatMap((item) =>
        item.unitIds.map((unitId) => ({ indicatorId: item.indicatorId, unitId, reporter: item.reporter })),
      );
      await m.query(
        `INSERT INTO plan_indicators (plan_id, indicator_id, unit_id, reporter)
         SELECT $1, x.indicator_id, x.unit_id, x.reporter FROM unnest($2::uuid[], $3::uuid[], $4::varchar[]) AS x(indicator_id, unit_id, reporter)
         ON CONFLICT (plan_id, indicator_id, unit_id) DO UPDATE SET reporter = EXCLUDED.reporter, updated_at = now()`,
        [planId, rows.map((r) => r.indicatorId), rows.map((r) => r.unitId), rows.map((r) => r.reporter)],
      );
      return rows.length;
    });
  }

  /**
   * Enters (and optionally confirms) figures. Allowed for the office, and for the indicator's
   * authoritative department; a confirmed figure changes only through another confirmed entry.
   * A figure that feeds an approved or published year-end assessment changes only with a reason,
   * kept on its audit entry; the assessment's results stay as approved (they read frozen inputs).
   */
  async enter(actor: Actor, entries: ValueEntry[], reason?: string): Promise<IndicatorValue[]> {
    const why = reason?.trim() || undefined;
    return requestContext.withReason(why, () => this.write(actor, entries, why));
  }

  private async write(actor: Actor, entries: ValueEntry[], reason: string | undefined): Promise<IndicatorValue[]> {
    return this.dataSource.transaction(async (m) => {
      const indicators = await findIndicators(m, [...new Set(entries.map((e) => e.indicatorId))]);
      const units = await findUnits(
        m,
        entries.map((e) => e.unitId),
      );
      const actorUnit = await getUnit(m, actor.unitId);
      const saved: IndicatorValue[] = [];
      for (const [i, entry] of entries.entries()) {
        const indicator = indicators.find((x) => x.id === entry.indicatorId);
        const unit = units.find((u) => u.id === entry.unitId);
        if (!indicator || !unit || unit.cityId !== indicator.cityId)
          throw DomainError.validation('指标或单位不存在', [{ field: `items.${i}`, reason: '指标或单位不存在' }]);
        const office = hasRole(actor, 'admin', 'office') && inScope(actor, unit);
        const authority =
          indicator.authorityUnitId !== null && indicator.authorityUnitId === actorUnit.id && hasRole(actor, 'liaison');
        if (!office && !authority) throw DomainError.forbidden('只有办公室或该指标的主管部门可以录入核定数据');
        if ((entry.value === undefined || entry.value === null) && !entry.textValue)
          throw DomainError.validation('请填写数值', [{ field: `items.${i}.value`, reason: '必填' }]);
        if (
          entry.value !== undefined &&
          entry.value !== null &&
          indicator.maxValue !== null &&
          new Decimal(entry.value).gt(indicator.maxValue)
        ) {
          throw DomainError.validation('数值超过上限', [
            { field: `items.${i}.value`, reason: `不能超过 ${new Decimal(indicator.maxValue).toFixed()}` },
          ]);
        }
        const key = { indicatorId: entry.indicatorId, unitId: entry.unitId, year: entry.year, month: entry.month };
        const existing = await findIndicatorValue(m, key);
        if (existing?.confirmation === 'confirmed' && !entry.confirm)
          throw DomainError.conflict('该数据已核定，修改须重新核定');
        if (!reason && changes(existing, entry) && (await assessmentsFedBy(m, key)).length > 0)
          throw DomainError.validation('该数据已用于审定的年终考评，修改须说明原因', [
            { field: 'reason', reason: '该统计数据已用于审定或公布的年终考评，修改须说明原因' },
          ]);
        const now = this.clock.now();
        const fields = {
          value: entry.value ?? null,
          textValue: entry.value === null || entry.value === undefined ? (entry.textValue ?? null) : null,
          source: entry.source ?? (authority ? '主管部门核定' : '办公室录入'),
          confirmation: entry.confirm ? ('confirmed' as const) : ('reported' as const),
          confirmedAt: entry.confirm ? now : null,
          confirmedByUserId: entry.confirm ? actor.userId : null,
          reportedByUserId: actor.userId,
        };
        saved.push(await saveIndicatorValue(m, existing, key, fields));
      }
      return saved;
    });
  }
}

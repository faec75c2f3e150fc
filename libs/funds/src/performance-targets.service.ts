import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { type Attainment, attainment, formatTargetValue, parseTargetValue, type TargetValue } from '@app/domain';
import { type ActualPeriod, PerformanceActual } from './entities/performance-actual.entity.js';
import { PerformanceIndicator } from './entities/performance-indicator.entity.js';
import { FundAccess } from './fund-access.js';
import { readActual } from './actual-value.js';
import type { ActualView, IndicatorView } from './views.js';

export interface ActualInput {
  period: ActualPeriod;
  text: string;
  deviationReason?: string;
  note?: string;
  evidence?: string[];
}

export interface TargetChange {
  halfYear?: string | null;
  fullYear?: string;
}

/** A period's target: the half-year one at mid-year when the table has it, else the full-year one. */
/** The text as typed, unless it leaves out the unit the target took from the indicator (then shown parsed). */
function typedText(text: string, target: TargetValue): string | null {
  const typed = text.trim();
  return target.kind === 'numeric' && target.unit && !typed.endsWith(target.unit) ? null : typed;
}

export function targetFor(
  indicator: Pick<PerformanceIndicator, 'halfYearTarget' | 'fullYearTarget'>,
  period: ActualPeriod,
): TargetValue {
  return period === 'half' ? (indicator.halfYearTarget ?? indicator.fullYearTarget) : indicator.fullYearTarget;
}

/** Whether an actual meets its target; 序时进度 compares progress with the elapsed share (½ at mid-year). */
export function attainmentOf(
  target: TargetValue,
  actual: Pick<PerformanceActual, 'text' | 'value' | 'date'>,
  period: ActualPeriod,
): Attainment {
  const elapsedShare = period === 'half' ? '0.5' : '1';
  const progress = actual.value === null ? undefined : new Decimal(actual.value).div(100).toFixed();
  return attainment(target, actual, { elapsedShare, progress });
}

/**
 * The performance target table of a fund (绩效目标表) and what each indicator actually reached:
 * targets are changed by the office, actuals are entered by the owning department, and the
 * platform states met / partly met / not met per indicator.
 */
@Injectable()
export class PerformanceTargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: FundAccess,
  ) {}

  async list(actor: Actor, projectId: string): Promise<IndicatorView[]> {
    await this.access.project(actor, projectId, 'read');
    return this.views(this.dataSource.manager, projectId);
  }

  async views(m: EntityManager, projectId: string): Promise<IndicatorView[]> {
    const indicators = await m
      .getRepository(PerformanceIndicator)
      .find({ where: { projectId }, order: { position: 'ASC' } });
    const actuals: PerformanceActual[] = indicators.length
      ? await m
          .getRepository(PerformanceActual)
          .createQueryBuilder('a')
          .where('a.indicator_id = ANY(:ids)', { ids: indicators.map((i) => i.id) })
          .getMany()
      : [];
    const view = (indicator: PerformanceIndicator, period: ActualPeriod): ActualView | null => {
      const actual = actuals.find((a) => a.indicatorId === indicator.id && a.period === period);
      if (!actual) return null;
      return {
        text: actual.text,
        value: actual.value === null ? null : new Decimal(actual.value).toFixed(),
        date: actual.date,
        deviationReason: actual.deviationReason,
        note: actual.note,
        evidence: actual.evidence,
        attainment: attainmentOf(targetFor(indicator, period), actual, period),
        updatedAt: actual.updatedAt,
      };
    };
    return indicators.map((i) => ({
      id: i.id,
      position: i.position,
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      unit: i.unit,
      halfYearTarget: i.halfYearTarget,
      fullYearTarget: i.fullYearTarget,
      halfYearText: i.halfYearTarget ? (i.halfYearText ?? formatTargetValue(i.halfYearTarget)) : '',
      fullYearText: i.fullYearText ?? formatTargetValue(i.fullYearTarget),
      half: view(i, 'half'),
      full: view(i, 'full'),
    }));
  }

  /** Changes an indicator's targets; a numeric target must keep the indicator's unit. */
  async updateTargets(
    actor: Actor,
    projectId: string,
    indicatorId: string,
    change: TargetChange,
  ): Promise<IndicatorView> {
    return this.dataSource.transaction(async (m) => {
      await this.access.project(actor, projectId, 'manage', m);
      const indicator = await this.indicator(m, projectId, indicatorId);
      // The text typed here replaces the one typed into the imported table.
      if (change.fullYear !== undefined) {
        indicator.fullYearTarget = this.parseTarget(change.fullYear, indicator.unit, 'fullYear');
        indicator.fullYearText = typedText(change.fullYear, indicator.fullYearTarget);
        indicator.targetText = null;
      }
      if (change.halfYear !== undefined) {
        const blank = change.halfYear === null || change.halfYear.trim() === '';
        indicator.halfYearTarget = blank ? null : this.parseTarget(change.halfYear!, indicator.unit, 'halfYear');
        indicator.halfYearText = indicator.halfYearTarget
          ? typedText(change.halfYear!, indicator.halfYearTarget)
          : null;
      }
      await m.getRepository(PerformanceIndicator).save(indicator);
      return (await this.views(m, projectId)).find((v) => v.id === indicatorId)!;
    });
  }

  /** Records what an indicator reached at mid-year or year end (the owning department or the office). */
  async putActual(actor: Actor, projectId: string, indicatorId: string, input: ActualInput): Promise<IndicatorView> {
    return this.dataSource.transaction(async (m) => {
      await this.access.project(actor, projectId, 'report', m);
      const indicator = await this.indicator(m, projectId, indicatorId);
      await this.saveActual(m, actor, indicator, input);
      return (await this.views(m, projectId)).find((v) => v.id === indicatorId)!;
    });
  }

  /** Validates and writes one actual; throws a field error the import turns into a cell problem. */
  async saveActual(m: EntityManager, actor: Actor, indicator: PerformanceIndicator, input: ActualInput): Promise<void> {
    const read = this.checkActual(indicator, input.period, input.text);
    const repo = m.getRepository(PerformanceActual);
    const row =
      (await repo.findOne({ where: { indicatorId: indicator.id, period: input.period } })) ??
      repo.create({ indicatorId: indicator.id, period: input.period });
    await repo.save(
      Object.assign(row, {
        text: read.text,
        value: read.value ?? null,
        date: read.date ?? null,
        deviationReason: input.deviationReason?.trim() ?? '',
        note: input.note?.trim() ?? '',
        evidence: input.evidence ?? row.evidence ?? [],
        enteredByUserId: actor.userId,
      }),
    );
  }

  /** The actual as read against the period's target, or a field error saying what is wrong with it. */
  checkActual(
    indicator: PerformanceIndicator,
    period: ActualPeriod,
    text: string,
  ): { text: string; value?: string | null; date?: string | null } {
    const read = readActual(text, targetFor(indicator, period), indicator.unit);
    if (!read.ok) throw DomainError.validation(read.reason, [{ field: 'text', reason: read.reason }]);
    return read.actual;
  }

  parseTarget(text: string, unit: string, field: string): TargetValue {
    const parsed = parseTargetValue(text);
    if (!parsed.ok) throw DomainError.validation(parsed.reason, [{ field, reason: parsed.reason }]);
    if (parsed.target.kind === 'numeric' && parsed.target.unit !== unit) {
      const reason = `目标值单位“${parsed.target.unit || '无'}”与指标单位“${unit || '无'}”不一致`;
      throw DomainError.validation(reason, [{ field, reason }]);
    }
    return parsed.target;
  }

  private async indicator(m: EntityManager, projectId: string, indicatorId: string): Promise<PerformanceIndicator> {
    const indicator = await m.getRepository(PerformanceIndicator).findOne({ where: { id: indicatorId, projectId } });
    if (!indicator) throw DomainError.notFound('绩效指标');
    return indicator;
  }
}

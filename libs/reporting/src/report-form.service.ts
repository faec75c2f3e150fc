import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { Clock } from '@app/config';
import { expectedInvestmentToDate, lateIfSubmittedAt, projectElapsedShare } from '@app/domain';
import type { IndicatorReporter } from './entities/plan-indicator.entity.js';
import { Report, type SubjectType } from './entities/report.entity.js';
import { ReportingPeriod } from './entities/reporting-period.entity.js';
import { assertCanWrite, canRead } from './report-access.js';
import { ReportsService, type ReportView } from './reports.service.js';

/** One indicator the plan assigns to the county, as the county's monthly form shows it. */
export interface IndicatorFormRow {
  indicatorId: string;
  name: string;
  unitOfMeasure: string;
  decimals: number;
  maxValue: string | null;
  reporter: IndicatorReporter;
  /** The county enters it, and nobody has confirmed this month's figure yet. */
  editable: boolean;
  /** Who enters a figure the county does not (由市科技局填报); null for the county's own indicators. */
  enteredBy: string | null;
  /** This year's target for the county; null where the plan sets none (未分解). */
  target: { operator: string; value: string | null; textValue: string | null } | null;
  lastMonth: { value: string | null; textValue: string | null } | null;
  thisMonth: { value: string | null; textValue: string | null; source: string; confirmation: string } | null;
}

/** A key project's plan and time-elapsed expectation beside the month's figures (万元). */
export interface ProjectFormFigures {
  projectId: string;
  number: number;
  name: string;
  code: string | null;
  startMonth: string;
  endMonth: string;
  totalInvestment: string;
  annualInvestment: string;
  annualYear: number;
  /** 本年累计完成投资 as last month's submitted report gave it; null in January or when none was submitted. */
  lastMonthInvestmentToDate: string | null;
  /** 序时进度 (%), two decimals; null when the annual plan is not this year's. */
  elapsedPercent: string | null;
  /** The investment expected to date by 序时进度 (万元, two decimals); null as elapsedPercent. */
  expectedInvestmentToDate: string | null;
}

/** Everything the monthly form of one unit × item × month needs. */
export interface ReportForm {
  periodId: string;
  subjectType: SubjectType;
  subjectId: string;
  unitId: string;
  unitName: string;
  subjectLabel: string;
  period: { year: number; month: number; dueDate: string; deadline: Date; closesAt: Date | null };
  /** The platform's clock when this was read. */
  now: Date;
  /** A submission now would be stamped 迟报 (a resubmission keeps the lateness of the first one). */
  lateIfSubmittedNow: boolean;
  report: ReportView | null;
  /** For 指标数据: every indicator the plan assigns to the county; empty otherwise. */
  indicators: IndicatorFormRow[];
  /** For a key project: its plan and 序时进度; null otherwise. */
  project: ProjectFormFigures | null;
}

interface IndicatorRowSql {
  indicatorId: string;
  name: string;
  unitOfMeasure: string;
  decimals: number;
  maxValue: string | null;
  reporter: IndicatorReporter;
  authorityName: string | null;
  officeName: string | null;
  targetOperator: string | null;
  targetValue: string | null;
  targetText: string | null;
  hasTarget: boolean;
  lastValue: string | null;
  lastText: string | null;
  hasLast: boolean;
  value: string | null;
  textValue: string | null;
  source: string | null;
  confirmation: string | null;
}

/** The monthly report form's read: the report, the subject's figures and whether submitting now is late. */
@Injectable()
export class ReportFormService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  async form(actor: Actor, periodId: string, subjectType: SubjectType, subjectId: string): Promise<ReportForm> {
    const m = this.dataSource.manager;
    const period = await m.getRepository(ReportingPeriod).findOne({ where: { id: periodId } });
    if (!period) throw DomainError.notFound('报送月份');
    const subject = await this.reports.subject(m, period, subjectType, subjectId);
    // Like saving a draft: another unit's form does not exist for the caller; a reader who cannot write is refused.
    if (!canRead(actor, subject.unit)) throw DomainError.notFound('报告');
    assertCanWrite(actor, subject.unit);
    const existing = await m.getRepository(Report).findOne({ where: { periodId, subjectType, subjectId } });
    const report = existing ? await this.reports.get(actor, existing.id) : null;
    const now = this.clock.now();
    return {
      periodId,
      subjectType,
      subjectId,
      unitId: subject.unit.id,
      unitName: subject.unit.shortName,
      subjectLabel: subject.label,
      period: {
        year: period.year,
        month: period.month,
        dueDate: period.dueDate,
        deadline: period.deadline,
        closesAt: period.closesAt,
      },
      now,
      lateIfSubmittedNow: lateIfSubmittedAt(existing, period.deadline, now),
      report,
      indicators: subjectType === 'indicators' ? await this.indicatorRows(period, subject.unit.id) : [],
      project: subjectType === 'project' ? await this.projectFigures(period, subjectId) : null,
    };
  }

  /** One statement: the plan's indicators of the county with target, last month's and this month's value. */
  private async indicatorRows(period: ReportingPeriod, unitId: string): Promise<IndicatorFormRow[]> {
    const rows: IndicatorRowSql[] = await this.dataSource.query(
      `SELECT pi.indicator_id AS "indicatorId", i.name, i.unit_of_measure AS "unitOfMeasure", i.decimals,
              trim_scale(i.max_value)::text AS "maxValue", pi.reporter, au.short_name AS "authorityName", office.short_name AS "officeName",
              t.id IS NOT NULL AS "hasTarget", t.operator AS "targetOperator", coalesce(t.value_written, trim_scale(t.value)::text) AS "targetValue",
              t.text_value AS "targetText",
              lm.id IS NOT NULL AS "hasLast", trim_scale(lm.value)::text AS "lastValue", lm.text_value AS "lastText",
              trim_scale(v.value)::text AS value, v.text_value AS "textValue", v.source, v.confirmation
       FROM plan_indicators pi
       JOIN plans.indicators i ON i.id = pi.indicator_id
       JOIN organisation.units u ON u.id = pi.unit_id
       LEFT JOIN organisation.units au ON au.id = i.authority_unit_id
       LEFT JOIN LATERAL (
         SELECT o.short_name FROM organisation.units o
         WHERE o.city_id = u.city_id AND o.kind = 'office' AND o.deleted_at IS NULL ORDER BY o.sort_order LIMIT 1
       ) office ON true
       LEFT JOIN plans.targets t ON t.indicator_id = pi.indicator_id AND t.unit_id = pi.unit_id AND t.year = $3 AND t.period = 'year'
       LEFT JOIN plans.indicator_values lm ON lm.indicator_id = pi.indicator_id AND lm.unit_id = pi.unit_id AND lm.year = $3 AND lm.month = $4 - 1
       LEFT JOIN plans.indicator_values v ON v.indicator_id = pi.indicator_id AND v.unit_id = pi.unit_id AND v.year = $3 AND v.month = $4
       WHERE pi.plan_id = $1 AND pi.unit_id = $2
       ORDER BY pi.reporter <> 'unit', i.sort_order, i.name`,
      [period.planId, unitId, period.year, period.month],
    );
    return rows.map((r) => ({
      indicatorId: r.indicatorId,
      name: r.name,
      unitOfMeasure: r.unitOfMeasure,
      decimals: r.decimals,
      maxValue: r.maxValue,
      reporter: r.reporter,
      editable: r.reporter === 'unit' && r.confirmation !== 'confirmed',
      enteredBy:
        r.reporter === 'unit'
          ? null
          : `由${(r.reporter === 'authority' ? r.authorityName : r.officeName) ?? (r.reporter === 'authority' ? '主管部门' : '办公室')}填报`,
      target: r.hasTarget
        ? { operator: r.targetOperator ?? '>=', value: r.targetValue, textValue: r.targetText }
        : null,
      lastMonth: r.hasLast ? { value: r.lastValue, textValue: r.lastText } : null,
      thisMonth:
        r.confirmation === null
          ? null
          : { value: r.value, textValue: r.textValue, source: r.source ?? '', confirmation: r.confirmation },
    }));
  }

  /** One statement: the project's plan and what last month's submitted report gave as investment to date. */
  private async projectFigures(period: ReportingPeriod, projectId: string): Promise<ProjectFormFigures> {
    const [p]: {
      number: number;
      name: string;
      code: string | null;
      startMonth: string;
      endMonth: string;
      totalInvestment: string;
      annualInvestment: string;
      annualYear: number;
      lastMonth: string | null;
    }[] = await this.dataSource.query(
      `SELECT p.number, p.name, p.code, p.start_month AS "startMonth", p.end_month AS "endMonth",
              p.total_investment::text AS "totalInvestment", p.annual_investment::text AS "annualInvestment", p.annual_year AS "annualYear",
              (SELECT r.investment_to_date::text FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
               WHERE r.subject_type = 'project' AND r.subject_id = p.id AND rp.plan_id = p.plan_id
                 AND rp.year = $2 AND rp.month = $3 - 1 AND r.status IN ('submitted', 'accepted')) AS "lastMonth"
       FROM plans.projects p WHERE p.id = $1`,
      [projectId, period.year, period.month],
    );
    if (!p) throw DomainError.notFound('项目');
    const share = p.annualYear === period.year ? projectElapsedShare(p, period.year, period.month) : null;
    return {
      projectId,
      number: p.number,
      name: p.name,
      code: p.code,
      startMonth: p.startMonth,
      endMonth: p.endMonth,
      totalInvestment: p.totalInvestment,
      annualInvestment: p.annualInvestment,
      annualYear: p.annualYear,
      lastMonthInvestmentToDate: p.lastMonth,
      elapsedPercent: share ? share.times(100).toDecimalPlaces(2).toFixed(2) : null,
      expectedInvestmentToDate: share ? expectedInvestmentToDate(p.annualInvestment, share).toFixed(2) : null,
    };
  }
}

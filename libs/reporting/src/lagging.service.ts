import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { localDateOf, taskStanding, type ProgressLight } from '@app/domain';
import { type Plan, PlanAccess } from '@app/plans';
import { writeLaggingWorkbook } from './lagging-xlsx.js';
import { monthEnd, scheduleProgress, type ScheduleItem, type ScheduleKind } from './schedule-progress.js';

export interface LaggingFilter {
  year?: number;
  month?: number;
  kind?: ScheduleKind;
  /** A unit, or a county with every unit under it. */
  unitId?: string;
  /** County tier 1–3; 0 for the city's own departments (no tier). */
  tier?: number;
  light?: Exclude<ProgressLight, 'green'>;
}

/** The plan's tasks (not assignments) by state, and by traffic light. */
export interface TaskStates {
  total: number;
  done: number;
  onTrack: number;
  lagging: number;
  lights: Record<ProgressLight, number>;
}

export interface LaggingReport {
  year: number;
  month: number;
  /** Expectations are taken at this date: the end of `month`. */
  asOf: string;
  /** The lagging items the filter keeps, red before yellow, worst first. */
  items: ScheduleItem[];
  /** Tasks, indicators and projects judged (lagging or not) under the filter, per kind. */
  judged: Record<ScheduleKind, number>;
  taskStates: TaskStates;
}

const lightRank: Record<ProgressLight, number> = { red: 0, yellow: 1, green: 2 };

/**
 * The lagging list (滞后清单): what is behind the time-elapsed line, for the office and leaders of
 * the plan's city. Figures run to the last month that has ended (to March on 10 April).
 */
@Injectable()
export class LaggingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, planId: string, filter: LaggingFilter = {}): Promise<LaggingReport> {
    return (await this.compute(actor, planId, filter)).report;
  }

  /** The same list as a workbook, in the filter's order. */
  async export(
    actor: Actor,
    planId: string,
    filter: LaggingFilter = {},
  ): Promise<{ filename: string; buffer: Buffer }> {
    const { report, plan } = await this.compute(actor, planId, filter);
    const title = `${plan.title}滞后清单（截至${report.year}年${report.month}月底）`;
    return {
      filename: `${report.year}年${report.month}月滞后清单.xlsx`,
      buffer: await writeLaggingWorkbook(title, report.items),
    };
  }

  private async compute(
    actor: Actor,
    planId: string,
    filter: LaggingFilter,
  ): Promise<{ report: LaggingReport; plan: Plan }> {
    if (!hasRole(actor, 'admin', 'office', 'leader')) throw DomainError.forbidden('滞后清单仅供办公室和领导查看');
    const plan = await this.access.readable(actor, planId);
    const today = localDateOf(this.clock.now(), this.env.APP_TIMEZONE);
    const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
    const year = filter.year ?? Math.min(Math.max(thisYear, plan.startYear), plan.endYear);
    if (year < plan.startYear || year > plan.endYear)
      throw DomainError.validation(`方案年度为 ${plan.startYear}–${plan.endYear} 年`, [
        { field: 'year', reason: '不在方案年度内' },
      ]);
    const month = filter.month ?? (year === thisYear ? Math.max(1, thisMonth - 1) : year < thisYear ? 12 : 1);
    const all = (await scheduleProgress(this.dataSource.manager, { planId, year, month })).filter(
      (i) =>
        (!filter.unitId || i.unitId === filter.unitId || i.countyId === filter.unitId) &&
        (filter.tier === undefined || (i.tier ?? 0) === filter.tier),
    );
    const tasks = new Map<string, ScheduleItem[]>();
    for (const i of all.filter((x) => x.kind === 'task')) tasks.set(i.taskId!, [...(tasks.get(i.taskId!) ?? []), i]);
    const taskStates: TaskStates = {
      total: tasks.size,
      done: 0,
      onTrack: 0,
      lagging: 0,
      lights: { red: 0, yellow: 0, green: 0 },
    };
    for (const assignments of tasks.values()) {
      const { state, light } = taskStanding(assignments);
      taskStates[state === 'on_track' ? 'onTrack' : state]++;
      taskStates.lights[light]++;
    }
    const items = all
      .filter(
        (i) => i.lagging && (!filter.kind || i.kind === filter.kind) && (!filter.light || i.light === filter.light),
      )
      .sort((a, b) => lightRank[a.light] - lightRank[b.light] || Number(a.ratio) - Number(b.ratio));
    const judged = { task: 0, indicator: 0, project: 0 };
    for (const i of all) judged[i.kind]++;
    return { report: { year, month, asOf: monthEnd(year, month), items, judged, taskStates }, plan };
  }
}

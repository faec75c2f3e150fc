import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { monthlyPeriods, validateDeadlineRule } from '@app/domain';
import {
  type Plan,
  PlanAccess,
  PlansService,
  PlanStatus,
  publishedPlansOfEnabledCities,
  saveDeadlineRule,
} from '@app/plans';
import { CalendarService } from './calendar.service.js';
import { ReportingPeriod } from './entities/reporting-period.entity.js';

/** Monthly reporting periods of published plans, derived from each plan's deadline rule. */
@Injectable()
export class PeriodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly access: PlanAccess,
    private readonly calendar: CalendarService,
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {}

  /** Publishes a plan and opens its reporting periods in the same breath. */
  async publish(actor: Actor, planId: string): Promise<Plan> {
    const plan = await this.plans.publish(actor, planId);
    await this.ensure(this.dataSource.manager, plan);
    return plan;
  }

  async list(actor: Actor, planId: string): Promise<ReportingPeriod[]> {
    await this.access.readable(actor, planId);
    return this.dataSource
      .getRepository(ReportingPeriod)
      .find({ where: { planId }, order: { year: 'ASC', month: 'ASC' } });
  }

  /** Sets a plan's deadline rule and recomputes the periods that are not yet due. */
  async setDeadlineRule(actor: Actor, planId: string, raw: unknown): Promise<ReportingPeriod[]> {
    const checked = validateDeadlineRule(raw);
    if (!checked.ok)
      throw DomainError.validation(
        '报送时限规则有误',
        checked.errors.map((e) => ({ field: e.field, reason: e.reason })),
      );
    await this.dataSource.transaction(async (m) => {
      const plan = await this.access.editable(actor, planId, m);
      await saveDeadlineRule(m, plan, { ...checked.rule });
      if (plan.status === PlanStatus.Published) await this.ensure(m, plan);
    });
    return this.list(actor, planId);
  }

  /**
   * Creates the twelve periods of every plan year, and moves the deadlines of periods whose
   * deadline has not passed (a rule or calendar change never rewrites history). Idempotent.
   */
  async ensure(manager: EntityManager, plan: Plan): Promise<void> {
    const checked = validateDeadlineRule(plan.deadlineRule ?? {});
    if (!checked.ok)
      throw DomainError.validation(
        '报送时限规则有误',
        checked.errors.map((e) => ({ field: e.field, reason: e.reason })),
      );
    const now = this.clock.now();
    for (let year = plan.startYear; year <= plan.endYear; year++) {
      const calendar = await this.calendar.workingCalendar(manager, plan.cityId, year);
      const periods = monthlyPeriods(year, checked.rule, calendar, this.env.APP_TIMEZONE);
      await manager.query(
        `INSERT INTO reporting_periods (plan_id, year, month, opens_on, due_date, deadline, closes_at)
         SELECT $1, $2, x.month, x.opens_on, x.due_date, x.deadline, x.closes_at
         FROM unnest($3::smallint[], $4::date[], $5::date[], $6::timestamptz[], $7::timestamptz[]) AS x(month, opens_on, due_date, deadline, closes_at)
         ON CONFLICT (plan_id, year, month) DO UPDATE
           SET due_date = EXCLUDED.due_date, deadline = EXCLUDED.deadline, closes_at = EXCLUDED.closes_at, updated_at = now()
           WHERE reporting_periods.deadline > $8
             AND (reporting_periods.deadline, reporting_periods.closes_at) IS DISTINCT FROM (EXCLUDED.deadline, EXCLUDED.closes_at)`,
        [
          plan.id,
          year,
          periods.map((p) => p.month),
          periods.map((p) => p.opensOn),
          periods.map((p) => p.dueDate),
          periods.map((p) => p.deadline),
          periods.map((p) => p.closesAt),
          now,
        ],
      );
    }
  }

  /** For the worker's daily check: every published plan of an enabled city has its periods. */
  async ensureAll(): Promise<number> {
    const plans = await publishedPlansOfEnabledCities(this.dataSource.manager);
    for (const plan of plans) await this.ensure(this.dataSource.manager, plan);
    return plans.length;
  }
}

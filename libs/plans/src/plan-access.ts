import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole, inScope } from '@app/common';
import { getUnit } from '@app/organisation';
import { Plan, PlanStatus } from './entities/plan.entity.js';

/**
 * Who may read or change a plan. Every user of the plan's city reads a published plan; drafts
 * are the office's and the leadership's; only office and admin of the city change anything.
 */
@Injectable()
export class PlanAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async readable(actor: Actor, planId: string, manager: EntityManager = this.dataSource.manager): Promise<Plan> {
    const plan = await manager.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan || plan.cityId !== actor.cityId) throw DomainError.notFound('工作方案');
    if (plan.status === PlanStatus.Draft && !hasRole(actor, 'admin', 'office', 'leader'))
      throw DomainError.notFound('工作方案');
    return plan;
  }

  /** The plan, locked for the transaction, if the actor may change it; archived plans are frozen. */
  async editable(actor: Actor, planId: string, manager: EntityManager): Promise<Plan> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以修改工作方案');
    const plan = await manager
      .getRepository(Plan)
      .findOne({ where: { id: planId }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw DomainError.notFound('工作方案');
    const city = await getUnit(manager, plan.cityId, { withDeleted: true });
    if (!inScope(actor, city)) {
      if (actor.cityId === plan.cityId) throw DomainError.forbidden('该方案不在您的管理范围内');
      throw DomainError.notFound('工作方案');
    }
    if (plan.status === PlanStatus.Archived) throw DomainError.conflict('已归档的方案不能修改');
    return plan;
  }

  /** A published plan's structure changes only with a stated reason, which the audit trail keeps. */
  requireReasonIfPublished(plan: Plan, reason: string | undefined): void {
    if (plan.status === PlanStatus.Published && !reason?.trim()) {
      throw DomainError.validation('已发布的方案修改须填写修改原因', [
        { field: 'reason', reason: '已发布的方案修改须填写修改原因' },
      ]);
    }
  }
}

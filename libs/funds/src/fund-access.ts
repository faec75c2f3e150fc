import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole, inScope } from '@app/common';
import { getUnit } from '@app/organisation';
import { BudgetProject } from './entities/budget-project.entity.js';

/** What the actor is about to do with a budget project. */
export type FundAction =
  /** See the project, its targets, execution and evaluation. */
  | 'read'
  /** Enter execution records and actual values: the owning department, or the office. */
  | 'report'
  /** Change the project, its targets, surveys and evaluation: the office of the city. */
  | 'manage';

/**
 * Who may do what with a budget project. The office, admins and leaders of the city read every
 * fund; a department reads and reports on the funds it owns (its subtree); only office and admin
 * of the city manage. A fund outside the actor's reach is "not found", never a hint that it exists.
 */
@Injectable()
export class FundAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async project(
    actor: Actor,
    projectId: string,
    action: FundAction,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BudgetProject> {
    const lock = action === 'read' ? undefined : ({ mode: 'pessimistic_write' } as const);
    const project = await manager
      .getRepository(BudgetProject)
      .findOne({ where: { id: projectId }, ...(lock && manager.queryRunner?.isTransactionActive ? { lock } : {}) });
    if (!project) throw DomainError.notFound('预算项目');
    const owner = await getUnit(manager, project.ownerUnitId, { withDeleted: true });
    const ofCity = actor.cityId === project.cityId;
    const cityWide = hasRole(actor, 'admin', 'office', 'leader') && ofCity;
    const owns = inScope(actor, owner);
    if (!cityWide && !owns) throw DomainError.notFound('预算项目');
    const office = hasRole(actor, 'admin', 'office') && ofCity;
    if (action === 'manage' && !office) throw DomainError.forbidden('只有办公室可以管理专项资金');
    if (action === 'report' && !office && !(owns && hasRole(actor, 'liaison', 'office', 'admin'))) {
      throw DomainError.forbidden('只有主管部门或办公室可以填报专项资金执行情况');
    }
    return project;
  }
}

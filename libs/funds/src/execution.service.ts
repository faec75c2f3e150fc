import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import {
  type ExecutionSummary,
  type FundExecutionCoverage,
  fundExecutionTodos,
  lastClosedMonth,
  localDate,
  localDateOf,
  summariseExecution,
  unexplainedOverspending,
} from '@app/domain';
import type { BudgetProject } from './entities/budget-project.entity.js';
import { BudgetSubItem } from './entities/budget-sub-item.entity.js';
import { FundExecution } from './entities/fund-execution.entity.js';
import { FundAccess } from './fund-access.js';
import type { ExecutionRow, FundTodoItem } from './views.js';

/** A fund's execution to a date, with the project and budget year it belongs to. */
export type ProjectExecutionSummary = ExecutionSummary & { projectId: string; year: number };

export interface ExecutionInput {
  subItemId: string;
  /** YYYY-MM, inside the fund's budget year. */
  month: string;
  received: string;
  spent: string;
  advanceReason?: string | null;
  note?: string;
}

/**
 * Monthly execution of a fund (资金到位与支出): one record per sub-item and month, entered by the
 * owning department. Spending that runs ahead of the money received must say why (垫付说明).
 */
@Injectable()
export class ExecutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: FundAccess,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  async list(actor: Actor, projectId: string): Promise<ExecutionRow[]> {
    await this.access.project(actor, projectId, 'read');
    return this.rows(this.dataSource.manager, projectId);
  }

  /**
   * 专项资金执行填报 still to do for the funds the actor's unit (or a unit under it) owns and may report
   * on: which months count is the domain's rule (fundExecutionTodos); coverage comes in one query.
   */
  async todo(actor: Actor): Promise<FundTodoItem[]> {
    if (!hasRole(actor, 'liaison', 'office', 'admin')) return [];
    const today = localDate(localDateOf(this.clock.now(), this.env.APP_TIMEZONE));
    const coverage: FundExecutionCoverage[] = await this.dataSource.query(
      `SELECT p.id AS "projectId", p.name AS "projectName", p.owner_unit_id AS "unitId", u.name AS "unitName", p.year,
              (SELECT count(*)::int FROM budget_sub_items s WHERE s.project_id = p.id) AS "subItems",
              COALESCE((SELECT json_object_agg(m.month, m.n) FROM (
                 SELECT e.month, count(DISTINCT e.sub_item_id)::int AS n
                 FROM fund_executions e JOIN budget_sub_items s ON s.id = e.sub_item_id
                 WHERE s.project_id = p.id GROUP BY e.month) m), '{}'::json) AS recorded
       FROM budget_projects p JOIN organisation.units u ON u.id = p.owner_unit_id
       WHERE p.city_id = $1 AND p.year = $2 AND u.path LIKE $3`,
      [actor.cityId, lastClosedMonth(today).year, `${actor.unitPath}%`],
    );
    return fundExecutionTodos(coverage, today);
  }

  /** Creates or replaces one month's record of one sub-item. */
  async record(actor: Actor, projectId: string, input: ExecutionInput): Promise<ExecutionRow> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, projectId, 'report', m);
      const subItem = await m.getRepository(BudgetSubItem).findOne({ where: { id: input.subItemId, projectId } });
      if (!subItem)
        throw DomainError.validation('子项不属于该项目', [{ field: 'subItemId', reason: '子项不存在或不属于该项目' }]);
      if (Number(input.month.slice(0, 4)) !== project.year) {
        throw DomainError.validation(`月份须在预算年度 ${project.year} 年内`, [
          { field: 'month', reason: `不在 ${project.year} 年内` },
        ]);
      }
      const today = localDateOf(this.clock.now(), this.env.APP_TIMEZONE).slice(0, 7);
      if (input.month > today)
        throw DomainError.validation('不能填报未来月份的执行数', [
          { field: 'month', reason: `${input.month} 尚未到来` },
        ]);
      const repo = m.getRepository(FundExecution);
      const others = await repo.find({ where: { subItemId: subItem.id } });
      const candidate = {
        subItemId: subItem.id,
        month: input.month,
        received: input.received,
        spent: input.spent,
        advanceReason: input.advanceReason ?? null,
      };
      const all = [...others.filter((o) => o.month !== input.month), candidate];
      const overspent = unexplainedOverspending(all).find((o) => o.month >= input.month);
      if (overspent) {
        throw DomainError.validation(
          `截至 ${overspent.month}，“${subItem.name}”累计支出 ${overspent.spent} 万元` +
            `超过累计到位 ${overspent.received} 万元，请填写垫付说明`,
          [{ field: 'advanceReason', reason: '支出超过到位资金时须填写垫付说明' }],
        );
      }
      const row =
        others.find((o) => o.month === input.month) ?? repo.create({ subItemId: subItem.id, month: input.month });
      await repo.save(
        Object.assign(row, {
          received: new Decimal(input.received).toFixed(2),
          spent: new Decimal(input.spent).toFixed(2),
          advanceReason: input.advanceReason?.trim() || null,
          note: input.note ?? '',
          enteredByUserId: actor.userId,
        }),
      );
      return (await this.rows(m, projectId)).find((r) => r.id === row.id)!;
    });
  }

  /** Execution so far: rates and lag per sub-item and for the fund (asOf defaults to this month, capped to the budget year). */
  async summary(actor: Actor, projectId: string, asOf?: string): Promise<ProjectExecutionSummary> {
    const project = await this.access.project(actor, projectId, 'read');
    return { projectId, year: project.year, ...(await this.summarise(this.dataSource.manager, project, asOf)) };
  }

  async summarise(m: EntityManager, project: BudgetProject, asOf?: string): Promise<ExecutionSummary> {
    const month = asOf ?? this.defaultMonth(project);
    const subItems = await m
      .getRepository(BudgetSubItem)
      .find({ where: { projectId: project.id }, order: { position: 'ASC' } });
    const records = await this.rows(m, project.id);
    return summariseExecution(subItems, records, month);
  }

  /** This month inside the budget year; December once the year is over, January before it starts. */
  defaultMonth(project: BudgetProject): string {
    const today = localDateOf(this.clock.now(), this.env.APP_TIMEZONE).slice(0, 7);
    if (today < `${project.year}-01`) return `${project.year}-01`;
    return today > `${project.year}-12` ? `${project.year}-12` : today;
  }

  private rows(m: EntityManager, projectId: string): Promise<ExecutionRow[]> {
    return m.query(
      `SELECT e.id, e.sub_item_id AS "subItemId", s.name AS "subItemName", e.month, e.received, e.spent,
              e.advance_reason AS "advanceReason", e.note, e.updated_at AS "updatedAt"
       FROM fund_executions e JOIN budget_sub_items s ON s.id = e.sub_item_id
       WHERE s.project_id = $1 ORDER BY e.month, s.position, s.name`,
      [projectId],
    );
  }
}

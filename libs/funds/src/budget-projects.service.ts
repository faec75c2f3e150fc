import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole, type Page, pageOf, type PageQuery } from '@app/common';
import { findUnit, getUnit } from '@app/organisation';
import { BudgetProject } from './entities/budget-project.entity.js';
import {
  type BudgetProjectDetail,
  type BudgetProjectKind,
  type BudgetProjectSummary,
  FUND_SOURCES,
  type FundSource,
} from './views.js';
import { BudgetSubItem } from './entities/budget-sub-item.entity.js';
import { FundAccess } from './fund-access.js';
import { parseHeaderDate, projectKindOf } from './spreadsheets/header-block.js';

export type BudgetProjectInput = {
  name: string;
  ownerUnitId: string;
  year: number;
  kind: BudgetProjectKind;
  level: string;
  startYear: number;
  endYear: number;
  personInCharge: string;
  halfYearPlan: string;
  midLongTermGoal: string;
  annualGoal: string;
} & Record<FundSource, string> &
  Partial<
    Pick<
      BudgetProject,
      | 'kindText'
      | 'startText'
      | 'endText'
      | 'implementingUnit'
      | 'necessity'
      | 'feasibility'
      | 'implementationContent'
      | 'fullYearBudget'
    >
  >;

export interface SubItemInput {
  name: string;
  budget: string;
  halfYearPlan: string;
}

/** Budget projects (预算项目) and their sub-items: what a fund is, who owns it, what it may spend. */
@Injectable()
export class BudgetProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: FundAccess,
  ) {}

  /** The city's funds for the office and leaders; a department sees the funds it owns. */
  async list(actor: Actor, filter: { year?: number }, query: PageQuery): Promise<Page<BudgetProjectSummary>> {
    const cityWide = hasRole(actor, 'admin', 'office', 'leader');
    const params: unknown[] = [
      actor.cityId,
      actor.unitPath,
      cityWide,
      filter.year ?? null,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ];
    const rows: (BudgetProjectSummary & { total: string })[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.year, p.owner_unit_id AS "ownerUnitId", u.name AS "ownerUnitName", p.kind,
              p.kind_text AS "kindText", p.level,
              p.annual_budget AS "annualBudget", p.half_year_plan AS "halfYearPlan", p.version, count(*) OVER () AS total
       FROM budget_projects p JOIN organisation.units u ON u.id = p.owner_unit_id
       WHERE (($3 AND p.city_id = $1) OR u.path LIKE $2 || '%')
         AND ($4::int IS NULL OR p.year = $4)
       ORDER BY p.year DESC, p.name LIMIT $5 OFFSET $6`,
      params,
    );
    return pageOf(
      rows.map(({ total: _, ...r }) => r),
      Number(rows[0]?.total ?? 0),
      query,
    );
  }

  async get(actor: Actor, id: string): Promise<BudgetProjectDetail> {
    const project = await this.access.project(actor, id, 'read');
    return this.detail(this.dataSource.manager, project);
  }

  async create(actor: Actor, input: BudgetProjectInput): Promise<BudgetProjectDetail> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有市级办公室可以新建专项资金项目');
    return this.dataSource.transaction(async (m) => {
      await this.checkOwner(m, actor.cityId, input.ownerUnitId);
      checkYears(input);
      await this.checkNameFree(m, actor.cityId, input.year, input.name, null);
      const saved = await m
        .getRepository(BudgetProject)
        .save(m.getRepository(BudgetProject).create({ ...input, cityId: actor.cityId }));
      return this.detail(m, await m.getRepository(BudgetProject).findOneByOrFail({ id: saved.id }));
    });
  }

  async update(
    actor: Actor,
    id: string,
    input: Partial<BudgetProjectInput> & { version: number },
  ): Promise<BudgetProjectDetail> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, id, 'manage', m);
      if (project.version !== input.version) throw DomainError.conflict('该项目已被他人修改，请刷新后重试');
      const { version: _, ...change } = input;
      Object.assign(change, staleTexts(project, change));
      const next = { ...project, ...change };
      if (change.ownerUnitId) await this.checkOwner(m, project.cityId, change.ownerUnitId);
      checkYears(next);
      if (change.name !== undefined || change.year !== undefined)
        await this.checkNameFree(m, project.cityId, next.year, next.name, id);
      await m.getRepository(BudgetProject).save(Object.assign(project, change));
      const reloaded = await m.getRepository(BudgetProject).findOneByOrFail({ id });
      await this.checkSubItemsFit(m, reloaded);
      return this.detail(m, reloaded);
    });
  }

  /**
   * Replaces the fund's sub-items by name: new names are added, known names updated, missing
   * ones removed — unless money has been recorded against them. Their budgets may not exceed the fund's.
   */
  async putSubItems(actor: Actor, id: string, items: SubItemInput[]): Promise<BudgetProjectDetail> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, id, 'manage', m);
      const names = items.map((i) => i.name.trim());
      const duplicate = names.findIndex((n, i) => names.indexOf(n) !== i);
      if (duplicate >= 0)
        throw DomainError.validation('子项名称重复', [
          { field: `items[${duplicate}].name`, reason: `“${names[duplicate]}”重复` },
        ]);
      items.forEach((item, i) => {
        if (new Decimal(item.halfYearPlan).gt(item.budget)) {
          throw DomainError.validation('半年计划不能超过子项预算', [
            { field: `items[${i}].halfYearPlan`, reason: '半年计划执行数不能超过子项预算' },
          ]);
        }
      });
      const repo = m.getRepository(BudgetSubItem);
      const existing = await repo.find({ where: { projectId: id } });
      const removed = existing.filter((e) => !names.includes(e.name));
      if (removed.length > 0) {
        const used: { name: string }[] = await m.query(
          `SELECT DISTINCT s.name FROM budget_sub_items s JOIN fund_executions e ON e.sub_item_id = s.id WHERE s.id = ANY($1::uuid[])`,
          [removed.map((r) => r.id)],
        );
        if (used.length > 0)
          throw DomainError.conflict(`子项“${used.map((u) => u.name).join('、')}”已有执行记录，不能删除`);
        await repo.delete(removed.map((r) => r.id));
      }
      for (const [position, item] of items.entries()) {
        const row =
          existing.find((e) => e.name === item.name.trim()) ?? repo.create({ projectId: id, name: item.name.trim() });
        await repo.save(Object.assign(row, { budget: item.budget, halfYearPlan: item.halfYearPlan, position }));
      }
      await this.checkSubItemsFit(m, project);
      return this.detail(m, project);
    });
  }

  private async detail(m: EntityManager, project: BudgetProject): Promise<BudgetProjectDetail> {
    const owner = await getUnit(m, project.ownerUnitId, { withDeleted: true });
    const subItems = await m
      .getRepository(BudgetSubItem)
      .find({ where: { projectId: project.id }, order: { position: 'ASC', name: 'ASC' } });
    const sources = Object.fromEntries(FUND_SOURCES.map((s) => [s, project[s]])) as Record<FundSource, string>;
    return {
      id: project.id,
      cityId: project.cityId,
      name: project.name,
      year: project.year,
      ownerUnitId: project.ownerUnitId,
      ownerUnitName: owner.name,
      kind: project.kind,
      kindText: project.kindText,
      level: project.level,
      startYear: project.startYear,
      endYear: project.endYear,
      startText: project.startText,
      endText: project.endText,
      implementingUnit: project.implementingUnit,
      necessity: project.necessity,
      feasibility: project.feasibility,
      implementationContent: project.implementationContent,
      fullYearBudget: project.fullYearBudget,
      personInCharge: project.personInCharge,
      ...sources,
      annualBudget: project.annualBudget,
      halfYearPlan: project.halfYearPlan,
      midLongTermGoal: project.midLongTermGoal,
      annualGoal: project.annualGoal,
      version: project.version,
      subItems: subItems.map((s) => ({
        id: s.id,
        name: s.name,
        budget: s.budget,
        halfYearPlan: s.halfYearPlan,
        position: s.position,
      })),
    };
  }

  private async checkOwner(m: EntityManager, cityId: string, ownerUnitId: string): Promise<void> {
    const owner = await findUnit(m, ownerUnitId);
    if (!owner || (owner.cityId !== cityId && owner.id !== cityId)) {
      throw DomainError.validation('主管部门不存在或不属于本市', [
        { field: 'ownerUnitId', reason: '主管部门不存在或不属于本市' },
      ]);
    }
  }

  private async checkNameFree(
    m: EntityManager,
    cityId: string,
    year: number,
    name: string,
    exceptId: string | null,
  ): Promise<void> {
    const clash = await m.getRepository(BudgetProject).findOne({ where: { cityId, year, name } });
    if (clash && clash.id !== exceptId)
      throw DomainError.conflict(`${year}年已有名为“${name}”的专项资金项目`, [{ field: 'name', reason: '名称重复' }]);
  }

  /** Sub-item budgets are parts of the fund: together they may not exceed it. */
  private async checkSubItemsFit(m: EntityManager, project: BudgetProject): Promise<void> {
    const [row] = (await m.query(
      `SELECT COALESCE(sum(s.budget), 0) AS total, p.annual_budget AS budget FROM budget_projects p
       LEFT JOIN budget_sub_items s ON s.project_id = p.id WHERE p.id = $1 GROUP BY p.annual_budget`,
      [project.id],
    )) as { total: string; budget: string }[];
    if (row && new Decimal(row.total).gt(row.budget)) {
      throw DomainError.validation(
        `子项预算合计 ${new Decimal(row.total).toFixed(2)} 万元超过项目预算 ${new Decimal(row.budget).toFixed(2)} 万元`,
        [{ field: 'items', reason: '子项预算合计超过项目预算' }],
      );
    }
  }
}

/**
 * A 项目类型 or 开始 / 完成时间 typed in a target table that an edit of the kind or years no longer
 * matches is cleared, so the page does not show the old text beside the new value.
 */
function staleTexts(project: BudgetProject, change: Partial<BudgetProjectInput>): Partial<BudgetProjectInput> {
  const cleared: Partial<BudgetProjectInput> = {};
  if (
    change.kind !== undefined &&
    change.kindText === undefined &&
    project.kindText &&
    projectKindOf(project.kindText) !== change.kind
  )
    cleared.kindText = '';
  if (
    change.startYear !== undefined &&
    change.startText === undefined &&
    project.startText &&
    parseHeaderDate(project.startText)?.year !== change.startYear
  )
    cleared.startText = '';
  if (
    change.endYear !== undefined &&
    change.endText === undefined &&
    project.endText &&
    parseHeaderDate(project.endText)?.year !== change.endYear
  )
    cleared.endText = '';
  return cleared;
}

function checkYears(input: { year: number; startYear: number; endYear: number }): void {
  if (input.startYear > input.endYear)
    throw DomainError.validation('起始年度不能晚于结束年度', [{ field: 'endYear', reason: '结束年度早于起始年度' }]);
  if (input.year < input.startYear || input.year > input.endYear) {
    throw DomainError.validation('预算年度须在项目起止年度之内', [
      { field: 'year', reason: `${input.year}年不在 ${input.startYear}–${input.endYear} 年之内` },
    ]);
  }
}

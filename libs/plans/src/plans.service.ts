import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type Actor,
  DomainError,
  hasRole,
  type Page,
  type PageQuery,
  pageOf,
  requestContext,
  skipTake,
} from '@app/common';
import { Clock } from '@app/config';
import {
  canSeeContactDetails,
  findContacts,
  findUnits,
  getUnit,
  publishedContacts,
  publishedUnits,
} from '@app/organisation';
import { Assignment, AssignmentLiaison, type AssignmentRole } from './entities/assignment.entity.js';
import { Plan, PlanStatus } from './entities/plan.entity.js';
import { PlanSection } from './entities/plan-section.entity.js';
import { type Milestone, Task } from './entities/task.entity.js';
import { Target } from './entities/target.entity.js';
import { PlanAccess } from './plan-access.js';

export interface PlanInput {
  title: string;
  issuingBody?: string;
  docNumber?: string;
  issueDate?: string | null;
  startYear: number;
  endYear: number;
}

export interface LiaisonView {
  contactId: string;
  name: string;
  section: string;
  /** Null where the reader may not see the contact's details (`canSeeContactDetails`). */
  phone: string | null;
  email: string | null;
  workplaceUnitId: string | null;
  workplaceUnitName: string | null;
}

export interface AssignmentView {
  id: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  liaisons: LiaisonView[];
}

export interface TaskView {
  id: string;
  number: number;
  title: string;
  requirement: string;
  dueDate: string | null;
  milestones: Milestone[];
  sectionId: string | null;
  assignments: AssignmentView[];
}

export interface PlanStructure {
  plan: Plan;
  sections: { id: string; number: string; title: string; tasks: TaskView[] }[];
  unsectioned: TaskView[];
}

/** Plans, their sections, tasks and assignments. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, filter: { status?: PlanStatus; year?: number }, page: PageQuery): Promise<Page<Plan>> {
    const q = this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('p')
      .where('p.city_id = :city', { city: actor.cityId });
    if (!hasRole(actor, 'admin', 'office', 'leader')) q.andWhere("p.status <> 'draft'");
    if (filter.status) q.andWhere('p.status = :status', { status: filter.status });
    if (filter.year) q.andWhere(':year BETWEEN p.start_year AND p.end_year', { year: filter.year });
    const { skip, take } = skipTake(page);
    const [items, total] = await q
      .orderBy('p.start_year', 'DESC')
      .addOrderBy('p.created_at', 'DESC')
      .offset(skip)
      .limit(take)
      .getManyAndCount();
    return pageOf(items, total, page);
  }

  get(actor: Actor, id: string): Promise<Plan> {
    return this.access.readable(actor, id);
  }

  async create(actor: Actor, input: PlanInput): Promise<Plan> {
    checkYears(input.startYear, input.endYear);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Plan);
      return repo.save(
        repo.create({
          cityId: actor.cityId,
          title: input.title,
          issuingBody: input.issuingBody ?? '',
          docNumber: input.docNumber ?? '',
          issueDate: input.issueDate ?? null,
          startYear: input.startYear,
          endYear: input.endYear,
          status: PlanStatus.Draft,
          publishedAt: null,
        }),
      );
    });
  }

  async update(
    actor: Actor,
    id: string,
    change: Partial<PlanInput> & { version: number; reason?: string },
  ): Promise<Plan> {
    return requestContext.withReason(change.reason, () =>
      this.dataSource.transaction(async (m) => {
        const plan = await this.access.editable(actor, id, m);
        if (plan.version !== change.version)
          throw DomainError.conflict('方案已被他人修改，请刷新后重试', [
            { field: 'version', reason: `当前版本为 ${plan.version}` },
          ]);
        this.access.requireReasonIfPublished(plan, change.reason);
        const { version: _v, reason: _r, ...fields } = change;
        m.getRepository(Plan).merge(plan, fields);
        checkYears(plan.startYear, plan.endYear);
        return m.getRepository(Plan).save(plan);
      }),
    );
  }

  async publish(actor: Actor, id: string): Promise<Plan> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.access.editable(actor, id, m);
      if (plan.status !== PlanStatus.Draft) throw DomainError.conflict('只有草稿状态的方案可以发布');
      const tasks = await m.getRepository(Task).count({ where: { planId: id } });
      const targets = await m.getRepository(Target).count({ where: { planId: id } });
      if (tasks === 0 && targets === 0) throw DomainError.conflict('方案还没有任务或目标，不能发布');
      plan.status = PlanStatus.Published;
      plan.publishedAt = this.clock.now();
      return m.getRepository(Plan).save(plan);
    });
  }

  async archive(actor: Actor, id: string): Promise<Plan> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.access.editable(actor, id, m);
      if (plan.status !== PlanStatus.Published) throw DomainError.conflict('只有已发布的方案可以归档');
      plan.status = PlanStatus.Archived;
      return m.getRepository(Plan).save(plan);
    });
  }

  /** The whole plan in four queries: sections, tasks, assignments with units, liaisons. */
  async structure(actor: Actor, id: string, filter: { unitId?: string } = {}): Promise<PlanStructure> {
    const plan = await this.access.readable(actor, id);
    const sections = await this.dataSource
      .getRepository(PlanSection)
      .find({ where: { planId: id }, order: { sortOrder: 'ASC', number: 'ASC' } });
    const tasks = await this.dataSource.getRepository(Task).find({ where: { planId: id }, order: { number: 'ASC' } });
    const views = await this.taskViews(actor, tasks);
    const visible = filter.unitId ? views.filter((t) => t.assignments.some((a) => a.unitId === filter.unitId)) : views;
    return {
      plan,
      sections: sections.map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        tasks: visible.filter((t) => t.sectionId === s.id),
      })),
      unsectioned: visible.filter((t) => !t.sectionId),
    };
  }

  /** The assignments of the actor's own unit (and units under it) in a plan: a liaison's work list. */
  async mine(actor: Actor, planId: string): Promise<TaskView[]> {
    await this.access.readable(actor, planId);
    const tasks: Task[] = await this.dataSource
      .getRepository(Task)
      .createQueryBuilder('t')
      .where('t.plan_id = :planId', { planId })
      .andWhere(
        `EXISTS (SELECT 1 FROM assignments a JOIN organisation.units u ON u.id = a.unit_id WHERE a.task_id = t.id AND u.path LIKE :scope)`,
        { scope: `${actor.unitPath}%` },
      )
      .orderBy('t.number')
      .getMany();
    return this.taskViews(actor, tasks);
  }

  /** Tasks with their assignments and liaisons; a liaison's phone and email only where the reader may see them. */
  private async taskViews(actor: Actor, tasks: Task[]): Promise<TaskView[]> {
    if (tasks.length === 0) return [];
    const rows: (Assignment & { unitName: string })[] = await this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .innerJoin(publishedUnits, 'u', 'u.id = a.unit_id AND u.deleted_at IS NULL')
      .addSelect('u.short_name', 'unit_name')
      .where('a.task_id IN (:...ids)', { ids: tasks.map((t) => t.id) })
      .orderBy('a.sort_order')
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((e, i) => Object.assign(e, { unitName: (raw[i] as { unit_name: string }).unit_name })),
      );
    const links = rows.length
      ? await this.dataSource
          .getRepository(AssignmentLiaison)
          .createQueryBuilder('l')
          .innerJoin(publishedContacts, 'c', 'c.id = l.contact_id AND c.deleted_at IS NULL')
          .innerJoin(publishedUnits, 'served', 'served.id = c.unit_id AND served.deleted_at IS NULL')
          .leftJoin(publishedUnits, 'w', 'w.id = c.workplace_unit_id AND w.deleted_at IS NULL')
          .select([
            'l.assignment_id AS "assignmentId"',
            'c.id AS "contactId"',
            'c.name AS name',
            'c.section AS section',
            'c.phone AS phone',
            'c.email AS email',
            'c.workplace_unit_id AS "workplaceUnitId"',
            'w.short_name AS "workplaceUnitName"',
            'served.path AS "servedUnitPath"',
          ])
          .where('l.assignment_id IN (:...ids)', { ids: rows.map((a) => a.id) })
          .getRawMany<LiaisonView & { assignmentId: string; servedUnitPath: string }>()
          .then((all) =>
            all.map(({ servedUnitPath, ...l }) =>
              canSeeContactDetails(actor, { path: servedUnitPath }) ? l : { ...l, phone: null, email: null },
            ),
          )
      : [];
    return tasks.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      requirement: t.requirement,
      dueDate: t.dueDate,
      milestones: t.milestones,
      sectionId: t.sectionId,
      assignments: rows
        .filter((a) => a.taskId === t.id)
        .map((a) => ({
          id: a.id,
          unitId: a.unitId,
          unitName: a.unitName,
          role: a.role,
          liaisons: links.filter((l) => l.assignmentId === a.id).map(({ assignmentId: _a, ...l }) => l),
        })),
    }));
  }

  /** A new section heading （一）…; its number is unique in the plan. */
  async createSection(
    actor: Actor,
    planId: string,
    input: { number: string; title: string; sortOrder?: number; reason?: string },
  ): Promise<PlanSection> {
    return requestContext.withReason(input.reason, () =>
      this.dataSource.transaction(async (m) => {
        const plan = await this.access.editable(actor, planId, m);
        this.access.requireReasonIfPublished(plan, input.reason);
        const repo = m.getRepository(PlanSection);
        if (await repo.exists({ where: { planId, number: input.number } })) {
          throw DomainError.conflict(`分组编号“${input.number}”已存在`, [{ field: 'number', reason: '编号重复' }]);
        }
        const last = await repo.maximum('sortOrder', { planId });
        return repo.save(
          repo.create({
            planId,
            number: input.number,
            title: input.title,
            sortOrder: input.sortOrder ?? (last ?? 0) + 1,
          }),
        );
      }),
    );
  }

  async updateSection(
    actor: Actor,
    sectionId: string,
    change: { number?: string; title?: string; sortOrder?: number; reason?: string },
  ): Promise<PlanSection> {
    return requestContext.withReason(change.reason, () =>
      this.dataSource.transaction(async (m) => {
        const repo = m.getRepository(PlanSection);
        const section = await repo.findOne({ where: { id: sectionId } });
        if (!section) throw DomainError.notFound('分组');
        const plan = await this.access.editable(actor, section.planId, m);
        this.access.requireReasonIfPublished(plan, change.reason);
        if (
          change.number !== undefined &&
          change.number !== section.number &&
          (await repo.exists({ where: { planId: section.planId, number: change.number } }))
        ) {
          throw DomainError.conflict(`分组编号“${change.number}”已存在`, [{ field: 'number', reason: '编号重复' }]);
        }
        if (change.number !== undefined) section.number = change.number;
        if (change.title !== undefined) section.title = change.title;
        if (change.sortOrder !== undefined) section.sortOrder = change.sortOrder;
        return repo.save(section);
      }),
    );
  }

  /** A new task numbered after the plan's last one (or as given), in a section of the same plan. */
  async createTask(
    actor: Actor,
    planId: string,
    input: {
      sectionId?: string | null;
      number?: number;
      title: string;
      requirement: string;
      dueDate?: string | null;
      reason?: string;
    },
  ): Promise<TaskView> {
    return requestContext.withReason(input.reason, async () => {
      const task = await this.dataSource.transaction(async (m) => {
        const plan = await this.access.editable(actor, planId, m);
        this.access.requireReasonIfPublished(plan, input.reason);
        if (
          input.sectionId &&
          !(await m.getRepository(PlanSection).exists({ where: { id: input.sectionId, planId } }))
        ) {
          throw DomainError.validation('分组不属于该方案', [
            { field: 'sectionId', reason: '分组不存在或不属于该方案' },
          ]);
        }
        const repo = m.getRepository(Task);
        const number = input.number ?? ((await repo.maximum('number', { planId })) ?? 0) + 1;
        if (await repo.exists({ where: { planId, number } }))
          throw DomainError.conflict(`任务序号 ${number} 已存在`, [{ field: 'number', reason: '序号重复' }]);
        return repo.save(
          repo.create({
            planId,
            sectionId: input.sectionId ?? null,
            number,
            title: input.title,
            requirement: input.requirement,
            dueDate: input.dueDate ?? null,
            milestones: [],
          }),
        );
      });
      return (await this.taskViews(actor, [task]))[0]!;
    });
  }

  async updateTask(
    actor: Actor,
    taskId: string,
    change: {
      title?: string;
      requirement?: string;
      dueDate?: string | null;
      milestones?: Milestone[];
      reason?: string;
    },
  ): Promise<TaskView> {
    return requestContext.withReason(change.reason, async () => {
      const task = await this.dataSource.transaction(async (m) => {
        const task = await m.getRepository(Task).findOne({ where: { id: taskId } });
        if (!task) throw DomainError.notFound('任务');
        const plan = await this.access.editable(actor, task.planId, m);
        this.access.requireReasonIfPublished(plan, change.reason);
        if (change.milestones) checkMilestones(change.milestones, plan);
        const { reason: _r, ...fields } = change;
        m.getRepository(Task).merge(task, fields);
        return m.getRepository(Task).save(task);
      });
      return (await this.taskViews(actor, [task]))[0]!;
    });
  }

  /** Replaces a task's assignments: one or more lead units, any number of responsible units. */
  async setAssignments(
    actor: Actor,
    taskId: string,
    items: { unitId: string; role: AssignmentRole; liaisonContactIds?: string[] }[],
    reason?: string,
  ): Promise<TaskView> {
    if (!items.some((i) => i.role === 'lead'))
      throw DomainError.validation('至少需要一个牵头单位', [{ field: 'items', reason: '至少需要一个牵头单位' }]);
    const ids = items.map((i) => i.unitId);
    if (new Set(ids).size !== ids.length)
      throw DomainError.validation('同一单位出现了两次', [{ field: 'items', reason: '单位重复' }]);
    return requestContext.withReason(reason, async () => {
      const task = await this.dataSource.transaction(async (m) => {
        const task = await m.getRepository(Task).findOne({ where: { id: taskId } });
        if (!task) throw DomainError.notFound('任务');
        const plan = await this.access.editable(actor, task.planId, m);
        this.access.requireReasonIfPublished(plan, reason);
        const units = await findUnits(m, ids);
        const city = await getUnit(m, plan.cityId);
        items.forEach((item, i) => {
          const unit = units.find((u) => u.id === item.unitId);
          if (!unit || !unit.path.startsWith(city.path))
            throw DomainError.validation('单位不在本市组织机构中', [
              { field: `items.${i}.unitId`, reason: '单位不存在' },
            ]);
        });
        const contactIds = items.flatMap((i) => i.liaisonContactIds ?? []);
        const contacts = await findContacts(m, contactIds);
        items.forEach((item, i) =>
          (item.liaisonContactIds ?? []).forEach((cid, j) => {
            const contact = contacts.find((c) => c.id === cid);
            if (!contact || contact.unitId !== item.unitId) {
              throw DomainError.validation('联络员不属于该单位', [
                { field: `items.${i}.liaisonContactIds.${j}`, reason: '联络员不属于该单位' },
              ]);
            }
          }),
        );
        const repo = m.getRepository(Assignment);
        const current = await repo.findBy({ taskId });
        const stale = current.filter((a) => !ids.includes(a.unitId));
        if (stale.length) await repo.remove(stale);
        for (const [index, item] of items.entries()) {
          const have = current.find((a) => a.unitId === item.unitId);
          const saved = await repo.save(
            have
              ? Object.assign(have, { role: item.role, sortOrder: index })
              : repo.create({
                  taskId,
                  unitId: item.unitId,
                  role: item.role,
                  sortOrder: index,
                  active: true,
                  startsOn: null,
                }),
          );
          if (item.liaisonContactIds) {
            await m.getRepository(AssignmentLiaison).delete({ assignmentId: saved.id });
            if (item.liaisonContactIds.length)
              await m
                .getRepository(AssignmentLiaison)
                .insert(item.liaisonContactIds.map((contactId) => ({ assignmentId: saved.id, contactId })));
          }
        }
        return task;
      });
      return (await this.taskViews(actor, [task]))[0]!;
    });
  }
}

function checkYears(start: number, end: number): void {
  if (end < start)
    throw DomainError.validation('结束年度不能早于开始年度', [
      { field: 'endYear', reason: '结束年度不能早于开始年度' },
    ]);
}

function checkMilestones(milestones: Milestone[], plan: Plan): void {
  milestones.forEach((ms, i) => {
    const year = Number(ms.dueDate.slice(0, 4));
    if (year < plan.startYear || year > plan.endYear)
      throw DomainError.validation('节点日期不在方案年度内', [
        { field: `milestones.${i}.dueDate`, reason: '节点日期不在方案年度内' },
      ]);
  });
}

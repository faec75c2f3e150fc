import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole, inScope, type Page, type PageQuery, pageOf } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import {
  compareDates,
  isAssignedWorkOverdue,
  type LocalDate,
  localDate,
  localDateOf,
  parseLocalDate,
} from '@app/domain';
import { findUnits, type Unit } from '@app/organisation';
import { findPlan } from '@app/plans';
import { evidenceFileOf } from '../evidence-references.js';
import { EvidenceStore, type RangeChoice, type StagedEvidence } from '../evidence-store.js';
import { linkStaged } from '../evidence-link.js';
import type { EvidenceFileContent } from '../report-evidence.service.js';
import {
  AssignedWorkEvidence,
  AssignedWorkItem,
  AssignedWorkStatus,
  AssignedWorkUnit,
} from './assigned-work.entity.js';
import { type AssignedWorkPartRow, AssignedWorkRepository } from './assigned-work.repository.js';

/** The list filter 状态: 办理中 (open), 已办结 (closed or confirmed), 逾期 (overdue, open or closed late). */
export const AssignedWorkFilter = { Open: 'open', Closed: 'closed', Overdue: 'overdue' } as const;
export type AssignedWorkFilter = (typeof AssignedWorkFilter)[keyof typeof AssignedWorkFilter];
export const assignedWorkFilters = Object.values(AssignedWorkFilter);

export interface AssignedWorkFile {
  sha256: string;
  filename: string;
  uploadedAt: Date;
}

/** One unit's part in an item, with the item it belongs to. */
export interface AssignedWorkPart {
  itemId: string;
  content: string;
  basis: string | null;
  dueDate: string;
  planId: string | null;
  taskId: string | null;
  taskTitle: string | null;
  createdAt: Date;
  unitId: string;
  unitName: string;
  status: AssignedWorkStatus;
  /** Not closed by the end of the due date (isAssignedWorkOverdue), judged today. */
  overdue: boolean;
  /** Days from today to the due date; negative once it has passed. */
  daysLeft: number;
  closedOn: string | null;
  closedAt: Date | null;
  closeNote: string | null;
  confirmedAt: Date | null;
  returnedAt: Date | null;
  returnReason: string | null;
  files: AssignedWorkFile[];
  /** Whether the reader may attach files and close it now (the unit's own people, while open). */
  canClose: boolean;
  /** Whether the reader may confirm or return the closure (the office, once closed). */
  canConfirm: boolean;
}

export interface AssignedWorkItemView {
  id: string;
  content: string;
  basis: string | null;
  dueDate: string;
  planId: string | null;
  taskId: string | null;
  taskTitle: string | null;
  createdAt: Date;
  /** The parts the reader may see: every unit's for the office and leaders, its own for a unit. */
  units: AssignedWorkPart[];
}

export interface NewAssignedWork {
  content: string;
  basis?: string | null;
  dueDate: string;
  unitIds: string[];
  planId?: string | null;
  taskId?: string | null;
}

const DAY_MS = 86_400_000;

/**
 * 交办事项: the office assigns work to units of its city with a due date; each unit's people close
 * their part (办结) with a note and files from the shared evidence store; the office confirms the
 * closure or returns it. A unit sees only its own parts; another city sees nothing.
 */
@Injectable()
export class AssignedWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AssignedWorkRepository,
    private readonly store: EvidenceStore,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  async create(actor: Actor, input: NewAssignedWork): Promise<AssignedWorkItemView> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以交办事项');
    const dueDate = parseLocalDate(input.dueDate);
    if (!dueDate) throw DomainError.validation('办理时限格式不正确', [{ field: 'dueDate', reason: '应为有效日期' }]);
    if (compareDates(dueDate, this.today()) < 0)
      throw DomainError.validation('办理时限不能早于今天', [{ field: 'dueDate', reason: '不能早于今天' }]);
    const unitIds = [...new Set(input.unitIds)];
    const id = await this.dataSource.transaction(async (m) => {
      const units = await findUnits(m, unitIds);
      const foreign = unitIds.filter((u) => !units.some((x) => x.id === u && x.cityId === actor.cityId && x.active));
      if (foreign.length)
        throw DomainError.validation('交办单位不存在或不属于本市', [
          { field: 'unitIds', reason: `不存在或不属于本市：${foreign.length} 个` },
        ]);
      await this.assertLink(m, actor, input.planId ?? null, input.taskId ?? null);
      const item = await m.getRepository(AssignedWorkItem).save(
        m.getRepository(AssignedWorkItem).create({
          cityId: actor.cityId,
          content: input.content.trim(),
          basis: input.basis?.trim() || null,
          dueDate,
          planId: input.planId ?? null,
          taskId: input.taskId ?? null,
          createdByUserId: actor.userId,
        }),
      );
      await m.getRepository(AssignedWorkUnit).insert(
        unitIds.map((unitId) => ({
          itemId: item.id,
          unitId,
          status: AssignedWorkStatus.Open,
          closedOn: null,
          closedAt: null,
          closedByUserId: null,
          closeNote: null,
          confirmedAt: null,
          confirmedByUserId: null,
          returnedAt: null,
          returnReason: null,
        })),
      );
      return item.id;
    });
    return this.get(actor, id);
  }

  /** The parts the reader may see, with the 状态 filter: 办理中 / 已办结 / 逾期. */
  async list(
    actor: Actor,
    filter: { status?: AssignedWorkFilter; unitId?: string },
    page: PageQuery,
  ): Promise<Page<AssignedWorkPart>> {
    const statuses =
      filter.status === 'open'
        ? [AssignedWorkStatus.Open]
        : filter.status === 'closed'
          ? [AssignedWorkStatus.Closed, AssignedWorkStatus.Confirmed]
          : undefined;
    const rows = await this.repository.parts({
      cityId: actor.cityId,
      scopePath: this.readsWholeCity(actor) ? '' : actor.unitPath,
      unitId: filter.unitId,
      statuses,
    });
    const today = this.today();
    const chosen = filter.status === 'overdue' ? rows.filter((r) => this.overdue(r, today)) : rows;
    const start = (page.page - 1) * page.pageSize;
    return pageOf(await this.views(actor, chosen.slice(start, start + page.pageSize)), chosen.length, page);
  }

  /**
   * The reader's own to-do: its units' open parts for their people (liaisons), and closures waiting
   * to be confirmed for the office. Soonest due first.
   */
  async todo(actor: Actor): Promise<AssignedWorkPart[]> {
    const rows: AssignedWorkPartRow[] = [];
    if (hasRole(actor, 'liaison'))
      rows.push(
        ...(await this.repository.parts({
          cityId: actor.cityId,
          scopePath: actor.unitPath,
          statuses: [AssignedWorkStatus.Open],
        })),
      );
    if (hasRole(actor, 'admin', 'office'))
      rows.push(
        ...(await this.repository.parts({
          cityId: actor.cityId,
          scopePath: '',
          statuses: [AssignedWorkStatus.Closed],
        })),
      );
    return this.views(actor, rows);
  }

  async get(actor: Actor, id: string): Promise<AssignedWorkItemView> {
    const rows = (await this.repository.partsOfItem(id)).filter((r) => this.mayRead(actor, r));
    const first = rows[0];
    if (!first) throw DomainError.notFound('交办事项');
    return {
      id: first.itemId,
      content: first.content,
      basis: first.basis,
      dueDate: first.dueDate,
      planId: first.planId,
      taskId: first.taskId,
      taskTitle: first.taskTitle,
      createdAt: first.createdAt,
      units: await this.views(actor, rows),
    };
  }

  /** 办结: the unit's people close their open part with a note; the calendar day counts for overdue. */
  async close(actor: Actor, id: string, unitId: string, note: string): Promise<AssignedWorkItemView> {
    await this.dataSource.transaction(async (m) => {
      const part = await this.closable(m, actor, id, unitId, true);
      const now = this.clock.now();
      part.status = AssignedWorkStatus.Closed;
      part.closedAt = now;
      part.closedOn = localDateOf(now, this.env.APP_TIMEZONE);
      part.closedByUserId = actor.userId;
      part.closeNote = note.trim();
      await m.getRepository(AssignedWorkUnit).save(part);
    });
    return this.get(actor, id);
  }

  /** The office accepts a closure: it stands, and its day is the one the overdue rule reads. */
  async confirm(actor: Actor, id: string, unitId: string): Promise<AssignedWorkItemView> {
    await this.dataSource.transaction(async (m) => {
      const part = await this.awaitingOffice(m, actor, id, unitId);
      part.status = AssignedWorkStatus.Confirmed;
      part.confirmedAt = this.clock.now();
      part.confirmedByUserId = actor.userId;
      await m.getRepository(AssignedWorkUnit).save(part);
    });
    return this.get(actor, id);
  }

  /** The office returns a closure with a reason: the part is open again, and late if its date has passed. */
  async returnClosure(actor: Actor, id: string, unitId: string, reason: string): Promise<AssignedWorkItemView> {
    await this.dataSource.transaction(async (m) => {
      const part = await this.awaitingOffice(m, actor, id, unitId);
      part.status = AssignedWorkStatus.Open;
      part.closedAt = null;
      part.closedOn = null;
      part.closedByUserId = null;
      part.returnedAt = this.clock.now();
      part.returnReason = reason.trim();
      await m.getRepository(AssignedWorkUnit).save(part);
    });
    return this.get(actor, id);
  }

  /** Throws unless the actor may add files to the part now; run before a byte is received. */
  async assertMayAttach(actor: Actor, id: string, unitId: string): Promise<void> {
    await this.closable(this.dataSource.manager, actor, id, unitId, false);
  }

  /** Links staged bytes to the part (linkStaged: the staged upload is used up either way). */
  async attach(
    actor: Actor,
    target: { id: string; unitId: string },
    upload: { staged: StagedEvidence; filename: string },
  ): Promise<AssignedWorkItemView> {
    const { id, unitId } = target;
    await linkStaged(this.dataSource, this.store, upload, () => this.clock.now(), {
      // The part may have been closed while the bytes arrived.
      authorise: (m) => this.closable(m, actor, id, unitId, true),
      link: async (m, { sha256, filename, uploadedAt }) => {
        await m
          .getRepository(AssignedWorkEvidence)
          .save({ itemId: id, unitId, sha256, filename, uploadedByUserId: actor.userId, uploadedAt });
      },
    });
    return this.get(actor, id);
  }

  /** Unlinks a file while the part is open; the bytes go with the sweep once nothing references them. */
  async detach(actor: Actor, id: string, unitId: string, sha256: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.closable(m, actor, id, unitId, true);
      const links = m.getRepository(AssignedWorkEvidence);
      const link = await links.findOne({ where: { itemId: id, unitId, sha256 } });
      if (!link) throw DomainError.notFound('附件');
      await links.remove(link);
    });
  }

  /** A file of a part, for whoever may read the part. */
  async open(
    actor: Actor,
    id: string,
    unitId: string,
    sha256: string,
    range?: RangeChoice,
  ): Promise<EvidenceFileContent> {
    const m = this.dataSource.manager;
    await this.readablePart(m, actor, id, unitId);
    const link = await m.getRepository(AssignedWorkEvidence).findOne({ where: { itemId: id, unitId, sha256 } });
    const file = link ? await evidenceFileOf(m, sha256) : null;
    const stored = file ? await this.store.open(sha256, range) : null;
    if (!link || !file || !stored) throw DomainError.notFound('附件');
    return { filename: link.filename, mime: file.mime, ...stored };
  }

  private today(): LocalDate {
    return localDate(localDateOf(this.clock.now(), this.env.APP_TIMEZONE));
  }

  private overdue(row: Pick<AssignedWorkPartRow, 'dueDate' | 'closedOn'>, today: LocalDate): boolean {
    return isAssignedWorkOverdue(
      { dueDate: localDate(row.dueDate), closedOn: row.closedOn ? localDate(row.closedOn) : null },
      today,
    );
  }

  private readsWholeCity(actor: Actor): boolean {
    return hasRole(actor, 'admin', 'office', 'leader');
  }

  private mayRead(actor: Actor, row: Pick<AssignedWorkPartRow, 'unitPath' | 'unitCityId'>): boolean {
    if (row.unitCityId !== actor.cityId) return false;
    return this.readsWholeCity(actor) || inScope(actor, { path: row.unitPath });
  }

  private mayClose(actor: Actor, row: Pick<AssignedWorkPartRow, 'unitPath' | 'unitCityId'>): boolean {
    // The unit's own people close; the office confirms or returns, and does not close on a unit's behalf.
    return row.unitCityId === actor.cityId && hasRole(actor, 'liaison') && inScope(actor, { path: row.unitPath });
  }

  private isOffice(actor: Actor, cityId: string | null): boolean {
    return hasRole(actor, 'admin', 'office') && cityId === actor.cityId;
  }

  private async views(actor: Actor, rows: readonly AssignedWorkPartRow[]): Promise<AssignedWorkPart[]> {
    const files = await this.repository.files(rows);
    const today = this.today();
    return rows.map((r) => {
      const { unitPath: _path, unitCityId, ...part } = r;
      return {
        ...part,
        overdue: this.overdue(r, today),
        daysLeft: Math.round((Date.parse(`${r.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS),
        files: files
          .filter((f) => f.itemId === r.itemId && f.unitId === r.unitId)
          .map(({ sha256, filename, uploadedAt }) => ({ sha256, filename, uploadedAt })),
        canClose: r.status === AssignedWorkStatus.Open && this.mayClose(actor, r),
        canConfirm: r.status === AssignedWorkStatus.Closed && this.isOffice(actor, unitCityId),
      };
    });
  }

  /** The part with its unit, 404 for anyone who may not read it (another city, another unit). */
  private async readablePart(
    m: EntityManager,
    actor: Actor,
    id: string,
    unitId: string,
    lock = false,
  ): Promise<{ part: AssignedWorkUnit; unit: Unit }> {
    const part = await m
      .getRepository(AssignedWorkUnit)
      .findOne({ where: { itemId: id, unitId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const [unit] = part ? await findUnits(m, [unitId]) : [];
    if (!part || !unit || !this.mayRead(actor, { unitPath: unit.path, unitCityId: unit.cityId }))
      throw DomainError.notFound('交办事项');
    return { part, unit };
  }

  private async closable(
    m: EntityManager,
    actor: Actor,
    id: string,
    unitId: string,
    lock: boolean,
  ): Promise<AssignedWorkUnit> {
    const { part, unit } = await this.readablePart(m, actor, id, unitId, lock);
    if (!this.mayClose(actor, { unitPath: unit.path, unitCityId: unit.cityId }))
      throw DomainError.forbidden('只有承办单位可以办结交办事项');
    if (part.status !== AssignedWorkStatus.Open) throw DomainError.conflict('该事项已办结，如需修改请联系办公室退回');
    return part;
  }

  private async awaitingOffice(m: EntityManager, actor: Actor, id: string, unitId: string): Promise<AssignedWorkUnit> {
    const { part, unit } = await this.readablePart(m, actor, id, unitId, true);
    if (!this.isOffice(actor, unit.cityId)) throw DomainError.forbidden('只有办公室可以确认或退回办结');
    if (part.status !== AssignedWorkStatus.Closed)
      throw DomainError.conflict(part.status === AssignedWorkStatus.Open ? '该事项尚未办结' : '该事项已确认办结');
    return part;
  }

  private async assertLink(m: EntityManager, actor: Actor, planId: string | null, taskId: string | null) {
    if (taskId && !planId)
      throw DomainError.validation('关联任务时须选择工作方案', [{ field: 'planId', reason: '关联任务时必填' }]);
    if (planId) {
      const plan = await findPlan(m, planId);
      if (!plan || plan.cityId !== actor.cityId)
        throw DomainError.validation('工作方案不存在', [{ field: 'planId', reason: '不存在或不属于本市' }]);
    }
    if (taskId && (await this.repository.taskPlan(taskId, m)) !== planId)
      throw DomainError.validation('任务不属于所选工作方案', [{ field: 'taskId', reason: '不属于所选工作方案' }]);
  }
}

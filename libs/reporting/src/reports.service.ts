import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { auditedWrite } from '@app/audit';
import {
  type Actor,
  DomainError,
  entityFromRow,
  type Page,
  preparedQuery,
  type PageQuery,
  pageOf,
  requestContext,
  skipTake,
} from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { lateIfSubmittedAt, localDateOf } from '@app/domain';
import { findUnit, getUnit, publishedUnits, type Unit } from '@app/organisation';
import { findIndicators, findIndicatorValue, saveIndicatorValue } from '@app/plans';
import { EntryException } from './entities/entry-exception.entity.js';
import { ReportEvidence } from './entities/evidence.entity.js';
import { PlanIndicator } from './entities/plan-indicator.entity.js';
import { type ProgressStatus, Report, ReportStatus, type SubjectType } from './entities/report.entity.js';
import { ReportingPeriod } from './entities/reporting-period.entity.js';
import { assertCanWrite, assertOffice, canRead } from './report-access.js';
import { itemLabelSql, itemOrderTerms, joinItems, planItem } from './report-items.js';
import { type EvidenceListed, type ReportUnit, saveContext, submitContext } from './report-write-context.js';

export interface IndicatorValueInput {
  indicatorId: string;
  value?: string | null;
  textValue?: string | null;
  source?: string;
}

export interface DraftInput {
  periodId: string;
  subjectType: SubjectType;
  subjectId: string;
  /** The version read; required when the report exists (a stale one gets 409). */
  version?: number;
  progressStatus?: ProgressStatus | null;
  completionPercent?: number | null;
  narrative?: string;
  problems?: string;
  nextSteps?: string;
  investmentToDate?: string | null;
  values?: IndicatorValueInput[];
}

/** A report as listed, with the short name of its unit and the name of its item (任务2 … / 指标数据 / 项目12 …). */
export type ReportRow = Report & { unitName: string; subjectLabel: string };

/** How a report list is ordered: the review queue oldest submission first, a history by month (latest first). */
export const reportListOrders = ['queue', 'period'] as const;
export type ReportListOrder = (typeof reportListOrders)[number];

/** One report of a batch decision, with the version the reviewer read. */
export interface ReportVersion {
  id: string;
  version: number;
}

export interface BatchAcceptResult {
  /** The accepted reports with their new versions. */
  accepted: ReportVersion[];
}

export interface ReportView extends Report {
  unitName: string;
  subjectLabel: string;
  period: { year: number; month: number; dueDate: string; deadline: Date; closesAt: Date | null };
  evidence: { sha256: string; filename: string; uploadedAt: Date }[];
  values: {
    indicatorId: string;
    name: string;
    unitOfMeasure: string;
    value: string | null;
    textValue: string | null;
    source: string;
    confirmation: string;
  }[];
}

export interface Subject {
  unit: Unit;
  label: string;
}

/** The columns a draft's save may change: compared to tell a save that changes nothing. */
const draftColumns = [
  'progressStatus',
  'completionPercent',
  'narrative',
  'problems',
  'nextSteps',
  'investmentToDate',
  'updatedByUserId',
] as const satisfies readonly (keyof Report)[];

const invalidSubject = () =>
  DomainError.validation('报送事项不属于该方案', [{ field: 'subjectId', reason: '报送事项不存在或不属于该方案' }]);

/** A report changed since the client (or this request) read it. */
const staleVersion = (current?: number) =>
  DomainError.conflict(
    '报告已被他人修改，请刷新后重试',
    current === undefined ? undefined : [{ field: 'version', reason: `当前版本为 ${current}` }],
  );

/** What a report needs before it is submitted; `valueCount`: the indicator values it carries. */
function assertComplete(report: Report, valueCount: number): void {
  const missing: { field: string; reason: string }[] = [];
  if (report.subjectType === 'assignment') {
    if (!report.progressStatus) missing.push({ field: 'progressStatus', reason: '请选择推进状态' });
    if (report.completionPercent === null) missing.push({ field: 'completionPercent', reason: '请填写完成进度' });
    if (!report.narrative.trim()) missing.push({ field: 'narrative', reason: '请填写工作进展' });
  }
  if (report.subjectType === 'project' && report.investmentToDate === null)
    missing.push({ field: 'investmentToDate', reason: '请填写本年累计完成投资' });
  if (report.subjectType === 'indicators' && valueCount === 0)
    missing.push({ field: 'values', reason: '请至少填写一项指标数据' });
  if (missing.length) throw DomainError.validation('报告内容不完整', missing);
}

/** Monthly reports: drafts, submission with lateness, review (their evidence: ReportEvidenceService). */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates or updates the draft of a period × subject; only drafts and returned reports change. At the month-end
   * rush this and submit() are most of the traffic: everything checked is read in one statement, and the write with
   * its audit entry is one more (a transaction only when indicator values are saved with it). The version read
   * guards the write: a report changed in between is a 409, as under a lock.
   */
  async saveDraft(actor: Actor, input: DraftInput): Promise<ReportView> {
    const { period, subject, exceptionUntil, report, evidence } = await saveContext(this.dataSource.manager, input);
    if (!period) throw DomainError.validation('报送月份不存在', [{ field: 'periodId', reason: '报送月份不存在' }]);
    if (!subject) throw invalidSubject();
    assertCanWrite(actor, subject.unit);
    this.assertOpenUntil(period, exceptionUntil);
    if (report) {
      if (input.version === undefined)
        throw DomainError.validation('修改已有报告须提供版本号', [{ field: 'version', reason: '必填' }]);
      if (report.version !== input.version) throw staleVersion(report.version);
      if (report.status === ReportStatus.Submitted || report.status === ReportStatus.Accepted) {
        throw DomainError.conflict(
          report.status === ReportStatus.Accepted ? '报告已通过审核，不能修改' : '报告已提交，如需修改请联系办公室退回',
        );
      }
    }
    const draft = Object.assign(
      new Report(),
      report ?? {
        periodId: period.id,
        planId: period.planId,
        unitId: subject.unit.id,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        status: ReportStatus.Draft,
        progressStatus: null,
        completionPercent: null,
        narrative: '',
        problems: '',
        nextSteps: '',
        investmentToDate: null,
      },
    );
    this.applyContent(draft, input);
    draft.updatedByUserId = actor.userId;
    const values = input.subjectType === 'indicators' ? input.values : undefined;
    // Nothing changed and no values: nothing to write, as TypeORM's save would not have written either.
    if (report && !values && draftColumns.every((c) => draft[c] === report[c]))
      return this.toView(this.dataSource.manager, report, subject.unit, period, subject.label, evidence);
    const write = async (m: EntityManager) => {
      const [saved] = await preparedQuery(m, ...this.writeDraft(m, draft, report?.version));
      if (!saved) throw report ? staleVersion() : DomainError.conflict('报告已被他人创建，请刷新后重试');
      const stored = entityFromRow(m.connection, Report, saved);
      if (values) await this.saveValues(m, actor, period, subject.unit, stored, values);
      return this.toView(m, stored, subject.unit, period, subject.label, evidence);
    };
    return values ? this.dataSource.transaction(write) : write(this.dataSource.manager);
  }

  /** The draft's INSERT (a new report; none if another request created it first) or versioned UPDATE, audited. */
  private writeDraft(m: EntityManager, draft: Report, version: number | undefined): [string, unknown[]] {
    const metadata = m.connection.getMetadata(Report);
    const at = this.clock.now();
    const content = [
      draft.progressStatus,
      draft.completionPercent,
      draft.narrative,
      draft.problems,
      draft.nextSteps,
      draft.investmentToDate,
      draft.updatedByUserId,
    ];
    const { sql, params } =
      version === undefined
        ? auditedWrite(
            metadata,
            {
              sql: `INSERT INTO reports (progress_status, completion_percent, narrative, problems, next_steps, investment_to_date,
                      updated_by_user_id, period_id, plan_id, unit_id, subject_type, subject_id, status)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                    ON CONFLICT (period_id, subject_type, subject_id) DO NOTHING RETURNING *`,
              params: [
                ...content,
                draft.periodId,
                draft.planId,
                draft.unitId,
                draft.subjectType,
                draft.subjectId,
                draft.status,
              ],
            },
            { action: 'create', at },
          )
        : auditedWrite(
            metadata,
            {
              sql: `UPDATE reports SET progress_status = $1, completion_percent = $2, narrative = $3, problems = $4,
                      next_steps = $5, investment_to_date = $6, updated_by_user_id = $7, version = version + 1, updated_at = now()
                    WHERE id = $8 AND version = $9 RETURNING *`,
              params: [...content, draft.id, version],
            },
            { action: 'update', at, before: 'id = $8' },
          );
    return [sql, params];
  }

  private applyContent(report: Report, input: DraftInput): void {
    if (input.subjectType === 'assignment') {
      if (input.progressStatus !== undefined) report.progressStatus = input.progressStatus;
      if (input.completionPercent !== undefined)
        report.completionPercent =
          input.completionPercent === null ? null : new Decimal(input.completionPercent).toFixed(2);
    }
    if (input.subjectType === 'project' && input.investmentToDate !== undefined)
      report.investmentToDate = input.investmentToDate;
    if (input.narrative !== undefined) report.narrative = input.narrative;
    if (input.problems !== undefined) report.problems = input.problems;
    if (input.nextSteps !== undefined) report.nextSteps = input.nextSteps;
  }

  /** Values for the indicators the plan has this county report itself; anything else is refused. */
  private async saveValues(
    m: EntityManager,
    actor: Actor,
    period: ReportingPeriod,
    unit: Pick<Unit, 'id'>,
    report: Report,
    values: IndicatorValueInput[],
  ): Promise<void> {
    const assigned = await m
      .getRepository(PlanIndicator)
      .find({ where: { planId: period.planId, unitId: unit.id, reporter: 'unit' } });
    const indicators = await findIndicators(
      m,
      values.map((v) => v.indicatorId),
    );
    const problems = values.flatMap((v, i) => {
      if (!assigned.some((a) => a.indicatorId === v.indicatorId))
        return [{ field: `values.${i}.indicatorId`, reason: '该指标未分配给本单位填报' }];
      const indicator = indicators.find((x) => x.id === v.indicatorId)!;
      if ((v.value === undefined || v.value === null) && !v.textValue)
        return [{ field: `values.${i}.value`, reason: '请填写数值' }];
      if (
        v.value !== undefined &&
        v.value !== null &&
        indicator.maxValue !== null &&
        new Decimal(v.value).gt(indicator.maxValue)
      ) {
        return [
          {
            field: `values.${i}.value`,
            reason: `不能超过 ${new Decimal(indicator.maxValue).toFixed()}${indicator.unitOfMeasure}`,
          },
        ];
      }
      return [];
    });
    if (problems.length) throw DomainError.validation('指标数据有误', problems);
    for (const v of values) {
      const key = { indicatorId: v.indicatorId, unitId: unit.id, year: period.year, month: period.month };
      const existing = await findIndicatorValue(m, key);
      // A figure the authority confirmed stands; the county's report does not overwrite it.
      if (existing?.confirmation === 'confirmed') continue;
      await saveIndicatorValue(m, existing, key, {
        value: v.value ?? null,
        textValue: v.value === null || v.value === undefined ? (v.textValue ?? null) : null,
        source: v.source ?? '县（市、区）报送',
        reportId: report.id,
        reportedByUserId: actor.userId,
      });
    }
  }

  /** Submits a draft or returned report; the first submission stamps its lateness (see saveDraft on the statements). */
  async submit(actor: Actor, id: string, version: number): Promise<ReportView> {
    const m = this.dataSource.manager;
    const { period, subject, exceptionUntil, report, evidence, valueCount } = await submitContext(m, id);
    if (!report || !period || !subject || !canRead(actor, subject.unit)) {
      // A report whose item has since been removed is still found, and refused as before.
      if (report && period && !subject) throw invalidSubject();
      throw DomainError.notFound('报告');
    }
    assertCanWrite(actor, subject.unit);
    if (report.version !== version) throw staleVersion(report.version);
    if (report.status === ReportStatus.Submitted) throw DomainError.conflict('报告已提交，请勿重复提交');
    if (report.status === ReportStatus.Accepted) throw DomainError.conflict('报告已通过审核，不能再次提交');
    this.assertOpenUntil(period, exceptionUntil);
    assertComplete(report, valueCount);
    const now = this.clock.now();
    const firstSubmittedAt = report.firstSubmittedAt ?? now;
    const late = report.firstSubmittedAt ? report.late : lateIfSubmittedAt(report, period.deadline, now);
    const { sql, params } = auditedWrite(
      m.connection.getMetadata(Report),
      {
        sql: `UPDATE reports SET status = $3, submitted_at = $4, first_submitted_at = $5, late = $6, updated_by_user_id = $7,
                version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 RETURNING *`,
        params: [report.id, version, ReportStatus.Submitted, now, firstSubmittedAt, late, actor.userId],
      },
      { action: 'update', at: now, before: 'id = $1' },
    );
    const [saved] = await preparedQuery(m, sql, params);
    if (!saved) throw staleVersion();
    return this.toView(m, entityFromRow(m.connection, Report, saved), subject.unit, period, subject.label, evidence);
  }

  async returnReport(actor: Actor, id: string, reason: string): Promise<ReportView> {
    return this.review(actor, id, ReportStatus.Submitted, ReportStatus.Returned, reason, '只有已提交的报告可以退回');
  }

  async accept(actor: Actor, id: string): Promise<ReportView> {
    return this.review(actor, id, ReportStatus.Submitted, ReportStatus.Accepted, undefined, '只有已提交的报告可以通过');
  }

  /**
   * Accepts the selected reports all together or not at all: each must be readable and reviewable by the actor,
   * still submitted, and at the version the reviewer read. Each save leaves its own audit entry, as one accept does.
   */
  async acceptMany(actor: Actor, items: readonly ReportVersion[]): Promise<BatchAcceptResult> {
    const ids = items.map((i) => i.id);
    if (new Set(ids).size !== ids.length)
      throw DomainError.validation('同一份报告不能重复选择', [{ field: 'items', reason: '报告重复' }]);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Report);
      // Locked in id order, so two overlapping batches wait for each other instead of deadlocking.
      const reports = await repo
        .createQueryBuilder('r')
        .where('r.id IN (:...ids)', { ids })
        .orderBy('r.id')
        .setLock('pessimistic_write')
        .getMany();
      if (reports.length !== ids.length) throw DomainError.notFound('报告');
      const units = new Map<string, Unit>();
      for (const unitId of new Set(reports.map((r) => r.unitId)))
        units.set(unitId, await getUnit(m, unitId, { withDeleted: true }));
      for (const report of reports) {
        const unit = units.get(report.unitId)!;
        if (!canRead(actor, unit)) throw DomainError.notFound('报告');
        assertOffice(actor, unit);
      }
      const now = this.clock.now();
      const accepted: ReportVersion[] = [];
      for (const item of items) {
        const report = reports.find((r) => r.id === item.id)!;
        const unitName = units.get(report.unitId)!.shortName;
        if (report.status !== ReportStatus.Submitted)
          throw DomainError.conflict(`${unitName}的报告不是待审核状态，请刷新后重试`, [
            { field: 'items', reason: `报告 ${report.id} 的状态已变更` },
          ]);
        if (report.version !== item.version)
          throw DomainError.conflict(`${unitName}的报告已被他人修改，请刷新后重试`, [
            { field: 'items', reason: `报告 ${report.id} 当前版本为 ${report.version}` },
          ]);
        report.status = ReportStatus.Accepted;
        report.reviewedAt = now;
        report.reviewedByUserId = actor.userId;
        const saved = await repo.save(report);
        accepted.push({ id: saved.id, version: saved.version });
      }
      return { accepted };
    });
  }

  /** After acceptance only the office reopens a report, with a reason; the unit then corrects it. */
  async reopen(actor: Actor, id: string, reason: string): Promise<ReportView> {
    return this.review(actor, id, ReportStatus.Accepted, ReportStatus.Returned, reason, '只有已通过的报告可以重新打开');
  }

  private async review(
    actor: Actor,
    id: string,
    from: ReportStatus,
    to: ReportStatus,
    reason: string | undefined,
    wrongState: string,
  ): Promise<ReportView> {
    await requestContext.withReason(reason, () =>
      this.dataSource.transaction(async (m) => {
        const report = await m.getRepository(Report).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!report) throw DomainError.notFound('报告');
        const unit = await getUnit(m, report.unitId, { withDeleted: true });
        if (!canRead(actor, unit)) throw DomainError.notFound('报告');
        assertOffice(actor, unit);
        if (report.status !== from) throw DomainError.conflict(wrongState);
        report.status = to;
        report.reviewedAt = this.clock.now();
        report.reviewedByUserId = actor.userId;
        if (to === ReportStatus.Returned) report.returnedReason = reason ?? null;
        await m.getRepository(Report).save(report);
      }),
    );
    return this.view(actor, id);
  }

  /** Opens a closed period again for one unit until a given time, for a stated reason. */
  async openException(
    actor: Actor,
    periodId: string,
    unitId: string,
    reason: string,
    openUntil: Date,
  ): Promise<EntryException> {
    return requestContext.withReason(reason, () =>
      this.dataSource.transaction(async (m) => {
        const period = await m.getRepository(ReportingPeriod).findOne({ where: { id: periodId } });
        if (!period) throw DomainError.notFound('报送月份');
        const unit = await findUnit(m, unitId);
        if (!unit) throw DomainError.validation('单位不存在', [{ field: 'unitId', reason: '单位不存在' }]);
        assertOffice(actor, unit);
        if (openUntil.getTime() <= this.clock.now().getTime())
          throw DomainError.validation('开放截止时间须晚于当前时间', [
            { field: 'openUntil', reason: '须晚于当前时间' },
          ]);
        const repo = m.getRepository(EntryException);
        const existing = await repo.findOne({ where: { periodId, unitId } });
        return repo.save(
          Object.assign(existing ?? repo.create({ periodId, unitId }), {
            reason,
            openUntil,
            createdByUserId: actor.userId,
          }),
        );
      }),
    );
  }

  async get(actor: Actor, id: string): Promise<ReportView> {
    return this.view(actor, id);
  }

  /** The review queue and report lists: office sees the city, a liaison its own subtree. */
  async list(
    actor: Actor,
    filter: {
      planId?: string;
      periodId?: string;
      unitId?: string;
      status?: ReportStatus;
      subjectType?: SubjectType;
      order?: ReportListOrder;
    },
    page: PageQuery,
  ): Promise<Page<ReportRow>> {
    const q = joinItems(
      this.dataSource
        .getRepository(Report)
        .createQueryBuilder('r')
        .innerJoin(publishedUnits, 'u', 'u.id = r.unit_id AND u.deleted_at IS NULL'),
    )
      .innerJoin(ReportingPeriod, 'rp', 'rp.id = r.period_id')
      .addSelect('u.short_name', 'unit_name')
      .addSelect(itemLabelSql('r.subject_type'), 'subject_label')
      .where(
        actor.roles.some((r) => r !== 'liaison') ? '(u.path LIKE :scope OR u.city_id = :city)' : 'u.path LIKE :scope',
        { scope: `${actor.unitPath}%`, city: actor.cityId },
      );
    if (filter.planId) q.andWhere('r.plan_id = :planId', { planId: filter.planId });
    if (filter.periodId) q.andWhere('r.period_id = :periodId', { periodId: filter.periodId });
    if (filter.unitId) q.andWhere('r.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.status) q.andWhere('r.status = :status', { status: filter.status });
    if (filter.subjectType) q.andWhere('r.subject_type = :subjectType', { subjectType: filter.subjectType });
    const { skip, take } = skipTake(page);
    const total = await q.getCount();
    if (filter.order === 'period') q.orderBy('rp.year', 'DESC').addOrderBy('rp.month', 'DESC').addOrderBy('u.path');
    else q.orderBy('r.submitted_at', 'ASC', 'NULLS LAST').addOrderBy('u.path');
    for (const term of itemOrderTerms('r.subject_type')) q.addOrderBy(term);
    const { entities, raw } = await q.offset(skip).limit(take).getRawAndEntities();
    return pageOf(
      entities.map((e, i) => {
        const row = raw[i] as { unit_name: string; subject_label: string };
        return Object.assign(e, { unitName: row.unit_name, subjectLabel: row.subject_label });
      }),
      total,
      page,
    );
  }

  /** A month is open from its first day; after `closesAt` only an office exception reopens it. */
  async assertOpen(m: EntityManager, period: ReportingPeriod, unitId: string): Promise<void> {
    const closed = period.closesAt !== null && this.clock.now().getTime() >= period.closesAt.getTime();
    const exception = closed
      ? await m.getRepository(EntryException).findOne({ where: { periodId: period.id, unitId } })
      : null;
    this.assertOpenUntil(period, exception?.openUntil ?? null);
  }

  /** assertOpen() for a caller that read the unit's exception (its open-until time) already. */
  private assertOpenUntil(period: ReportingPeriod, exceptionUntil: Date | null): void {
    const now = this.clock.now();
    const today = localDateOf(now, this.env.APP_TIMEZONE);
    if (today < period.opensOn) throw DomainError.conflict(`${period.year}年${period.month}月尚未开始，不能填报`);
    if (period.closesAt && now.getTime() >= period.closesAt.getTime()) {
      if (!exceptionUntil || exceptionUntil.getTime() <= now.getTime())
        throw DomainError.conflict(`${period.year}年${period.month}月的报送已截止，如需补报请联系办公室`);
    }
  }

  /** The unit a period's subject belongs to and its label (任务n …, 项目n …, 指标数据); 400 when not the plan's. */
  async subject(m: EntityManager, period: ReportingPeriod, type: SubjectType, id: string): Promise<Subject> {
    const { unitId, label } = await this.subjectOwner(m, period, type, id);
    const unit = await getUnit(m, unitId, { withDeleted: true });
    return { unit, label };
  }

  /** The subject's unit id and label, for a caller that holds the unit already: the saves' rule (planItem). */
  private async subjectOwner(
    m: EntityManager,
    period: ReportingPeriod,
    type: SubjectType,
    id: string,
  ): Promise<{ unitId: string; label: string }> {
    const item = await planItem(m, period.planId, type, id);
    if (!item) throw invalidSubject();
    return item;
  }

  private async view(actor: Actor, id: string): Promise<ReportView> {
    const m = this.dataSource.manager;
    const report = await m.getRepository(Report).findOne({ where: { id } });
    if (!report) throw DomainError.notFound('报告');
    const unit = await getUnit(m, report.unitId, { withDeleted: true });
    if (!canRead(actor, unit)) throw DomainError.notFound('报告');
    const period = await m.getRepository(ReportingPeriod).findOneOrFail({ where: { id: report.periodId } });
    return this.toView(m, report, unit, period);
  }

  /** The report as the API shows it, from rows the caller already holds (one or two queries more). */
  private async toView(
    m: EntityManager,
    report: Report,
    unit: Pick<ReportUnit, 'id' | 'shortName'>,
    period: ReportingPeriod,
    label?: string,
    knownEvidence?: EvidenceListed[],
  ): Promise<ReportView> {
    const subjectLabel = label ?? (await this.subjectOwner(m, period, report.subjectType, report.subjectId)).label;
    const evidence =
      knownEvidence ??
      (await m.getRepository(ReportEvidence).find({ where: { reportId: report.id }, order: { uploadedAt: 'ASC' } }));
    const values: ReportView['values'] =
      report.subjectType === 'indicators'
        ? await m.query(
            `SELECT pi.indicator_id AS "indicatorId", i.name, i.unit_of_measure AS "unitOfMeasure", v.value::text AS value, v.text_value AS "textValue",
                    coalesce(v.source, '') AS source, coalesce(v.confirmation, '') AS confirmation
             FROM plan_indicators pi JOIN plans.indicators i ON i.id = pi.indicator_id
             LEFT JOIN plans.indicator_values v ON v.indicator_id = pi.indicator_id AND v.unit_id = pi.unit_id AND v.year = $3 AND v.month = $4
             WHERE pi.plan_id = $1 AND pi.unit_id = $2 AND pi.reporter = 'unit' ORDER BY i.sort_order, i.name`,
            [period.planId, unit.id, period.year, period.month],
          )
        : [];
    return Object.assign(report, {
      unitName: unit.shortName,
      subjectLabel,
      period: {
        year: period.year,
        month: period.month,
        dueDate: period.dueDate,
        deadline: period.deadline,
        closesAt: period.closesAt,
      },
      evidence: evidence.map((e) => ({ sha256: e.sha256, filename: e.filename, uploadedAt: e.uploadedAt })),
      values,
    });
  }
}

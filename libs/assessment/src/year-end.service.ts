import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Actor, DomainError, hasRole, inScope, requestContext } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import {
  evaluateScheme,
  leafCriteria,
  type LeafInput,
  localDate,
  localDateOf,
  type Scheme as ScoringScheme,
  type UnitInput,
  type UnitResult,
  WorkingCalendar,
  zonedInstant,
  localTime,
} from '@app/domain';
import { YearEndNoticesService } from '@app/notifications';
import { findUnit, findUnits } from '@app/organisation';
import { PlanAccess } from '@app/plans';
import { QueueName, ScoringJob, type ScoringPayloads } from '@app/queue';
import {
  Appeal,
  AppealStatus,
  Assessment,
  AssessmentEntry,
  AssessmentEvent,
  AssessmentStatus,
  EntryEvidence,
  EntryStage,
  EvidencePurpose,
  type FrozenResults,
  type FrozenUnitInput,
  RevisionKind,
  ScoringRun,
  ScoringRunStatus,
  SelfAssessmentSubmission,
  SubmissionStatus,
} from './entities/assessment.entity.js';
import { recordRevision } from './assessment-revisions.js';
import { type LeafSource, Scheme, SchemeStatus } from './entities/scheme.entity.js';
import { type EntryFile, explain, type Explanation } from './explanation.js';
import { type SelfAssessmentState, selfAssessmentState } from './self-assessment-state.js';
import { quarterInputs } from './quarterly-inputs.js';
import { lateReportMonths } from './late-report-months.js';
import { overdueAssignedWork } from './assigned-work-inputs.js';
import { notMeasurableMarks, notMeasurableReason } from './not-measurable-marks.js';
import { type AppealView, appealViews, assertUploaded, evidenceFiles } from './year-end-evidence.js';

/** An assessment as listed: everything but its results. */
export type AssessmentSummary = Omit<Assessment, 'results'>;

export interface AssessmentUnit {
  id: string;
  shortName: string;
  tier: string;
}

export interface SubmissionView {
  status: SubmissionStatus;
  submittedAt: Date;
  returnedAt: Date | null;
  returnReason: string | null;
}

export interface AssessmentEntries {
  self: AssessmentEntry[];
  review: AssessmentEntry[];
  events: AssessmentEvent[];
  /** Files uploaded for the unit's leaves. */
  files: EntryFile[];
  submission: SubmissionView | null;
}

/** One unit's row of the office's review list. */
export interface SelfAssessmentProgress {
  unitId: string;
  shortName: string;
  tier: string;
  state: SelfAssessmentState;
  submittedAt: Date | null;
  returnReason: string | null;
  /** Leaves the unit types (those the platform computes are not counted). */
  typedLeaves: number;
  selfEntries: number;
  reviewedEntries: number;
  /** The typed leaves' points as the unit claimed them, scored by the scheme (null before any value). */
  selfScore: string | null;
  /** The same leaves as the office settled them. */
  reviewedScore: string | null;
  /** The approved total, platform-fed leaves, bonus and penalties included (null before approval). */
  total: string | null;
}

export interface AssessmentResults {
  assessment: AssessmentSummary;
  results: UnitResult[];
}

export interface EntryInput {
  criterionId: string;
  input: Record<string, unknown>;
  reason?: string;
  evidence?: string[];
}

interface Leaf {
  id: string;
  name: string;
  points: number;
  kind: string;
}

/** The scheme's leaves with what write-validation needs. The definition was validated when stored. */
function leavesOf(definition: ScoringScheme): Leaf[] {
  return leafCriteria(definition.criteria).map((c) => ({
    id: c.id,
    name: c.name,
    points: Number(c.points),
    kind: c.rule?.kind ?? '',
  }));
}

/** The leaves a unit types: every leaf the platform does not compute. */
function typedLeaves(scheme: Scheme): Leaf[] {
  return leavesOf(scheme.definition).filter((l) => {
    const source = scheme.inputMap[l.id];
    return !source || source.type === 'manual';
  });
}

function submissionView(s: SelfAssessmentSubmission): SubmissionView {
  return { status: s.status, submittedAt: s.submittedAt, returnedAt: s.returnedAt, returnReason: s.returnReason };
}

/**
 * The year-end cycle. Units enter values and evidence per leaf (private to them); the office
 * accepts or adjusts each with a reason (初审); the leadership approves (审定), which computes and
 * locks the results; the office publishes them with ranks, commendations and admonitions, opening
 * an appeal window of five working days. Leaves fed by platform data are never typed.
 */
@Injectable()
export class YearEndService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly env: AppEnv,
    private readonly clock: Clock,
    private readonly notices: YearEndNoticesService,
    @InjectQueue(QueueName.Scoring) private readonly scoring: Queue<ScoringPayloads[typeof ScoringJob.Score]>,
  ) {}

  async create(actor: Actor, planId: string, schemeId: string): Promise<Assessment> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.access.editable(actor, planId, m);
      const scheme = await m.getRepository(Scheme).findOne({ where: { id: schemeId } });
      if (!scheme || scheme.cityId !== plan.cityId)
        throw DomainError.validation('考评方案不存在', [{ field: 'schemeId', reason: '考评方案不存在' }]);
      if (scheme.status === SchemeStatus.Draft) throw DomainError.conflict('考评方案尚未启用');
      if (scheme.kind !== 'county' && scheme.kind !== 'department')
        throw DomainError.validation('年终考评须使用县区或市直单位考评方案', [
          { field: 'schemeId', reason: '方案类型不符' },
        ]);
      if (await m.getRepository(Assessment).exists({ where: { planId, schemeId } }))
        throw DomainError.conflict('该方案的年终考评已创建');
      await m.getRepository(Scheme).update({ id: scheme.id }, { status: SchemeStatus.Frozen });
      const created = await m.getRepository(Assessment).save(
        m.getRepository(Assessment).create({
          cityId: plan.cityId,
          planId,
          schemeId,
          year: scheme.year,
          subjectKind: scheme.kind,
          status: AssessmentStatus.SelfAssessment,
          revision: 1,
          results: null,
          approvedAt: null,
          approvedByUserId: null,
          publishedAt: null,
          appealUntil: null,
          reopenReason: null,
        }),
      );
      const units = await this.units(m, created);
      await this.notices.selfOpened(
        m,
        created,
        units.map((u) => u.id),
        null,
      );
      return created;
    });
  }

  async list(actor: Actor, planId: string): Promise<AssessmentSummary[]> {
    await this.access.readable(actor, planId);
    return this.dataSource.getRepository(Assessment).find({
      where: { planId },
      order: { year: 'DESC', subjectKind: 'ASC' },
      select: {
        id: true,
        cityId: true,
        planId: true,
        schemeId: true,
        year: true,
        subjectKind: true,
        status: true,
        revision: true,
        approvedAt: true,
        publishedAt: true,
        appealUntil: true,
        createdAt: true,
        updatedAt: true,
      },
    });
  }

  /** The units an assessment covers: all of them for the office and leaders, one's own otherwise. */
  async unitsOf(actor: Actor, id: string): Promise<AssessmentUnit[]> {
    const { a } = await this.load(this.dataSource.manager, actor, id);
    const all = await this.units(this.dataSource.manager, a);
    const privileged = hasRole(actor, 'admin', 'office', 'leader') && actor.cityId === a.cityId;
    return all
      .filter((u) => privileged || inScope(actor, u))
      .map(({ id: unitId, shortName, tier }) => ({ id: unitId, shortName, tier }));
  }

  /** The units the assessment covers: the year's tiered counties, or the departments with tasks in the plan. */
  private async units(
    m: EntityManager,
    a: Assessment,
  ): Promise<{ id: string; shortName: string; tier: string; path: string; cityId: string | null }[]> {
    if (a.subjectKind === 'county') {
      return m.query(
        `SELECT u.id, u.short_name AS "shortName", t.tier::text AS tier, u.path, u.city_id AS "cityId"
         FROM organisation.county_tiers t JOIN organisation.units u ON u.id = t.unit_id
         WHERE t.year = $1 AND u.city_id = $2 AND u.active AND u.deleted_at IS NULL ORDER BY t.tier, u.sort_order`,
        [a.year, a.cityId],
      );
    }
    return m.query(
      `SELECT DISTINCT u.id, u.short_name AS "shortName", '' AS tier, u.path, u.city_id AS "cityId", u.sort_order
       FROM plans.assignments x JOIN plans.tasks t ON t.id = x.task_id JOIN organisation.units u ON u.id = x.unit_id
       WHERE t.plan_id = $1 AND u.kind IN ('department', 'institution', 'enterprise') AND u.active AND u.deleted_at IS NULL ORDER BY u.sort_order`,
      [a.planId],
    );
  }

  private async load(
    m: EntityManager,
    actor: Actor,
    id: string,
    lock = false,
  ): Promise<{ a: Assessment; scheme: Scheme }> {
    const a = await m
      .getRepository(Assessment)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!a) throw DomainError.notFound('年终考评');
    await this.access.readable(actor, a.planId, m);
    const scheme = await m.getRepository(Scheme).findOneOrFail({ where: { id: a.schemeId } });
    return { a, scheme };
  }

  /** A unit enters (or corrects) its own values while self-assessment is open. */
  async selfAssess(actor: Actor, id: string, unitId: string, entries: EntryInput[]): Promise<AssessmentEntry[]> {
    return this.dataSource.transaction(async (m) => {
      const { a, scheme } = await this.load(m, actor, id, true);
      const unit = (await this.units(m, a)).find((u) => u.id === unitId);
      if (!unit)
        throw DomainError.validation('该单位不在本次考评范围内', [{ field: 'unitId', reason: '不在考评范围内' }]);
      if (!hasRole(actor, 'liaison', 'office', 'admin') || !inScope(actor, unit))
        throw DomainError.forbidden('只能填报本单位的自评');
      this.assertSelfOpen(a);
      await this.assertNotSubmitted(m, a.id, unitId);
      return this.write(m, actor, a, scheme, unitId, EntryStage.Self, entries);
    });
  }

  /**
   * Throws unless the actor is a liaison of the unit and may still change its self-assessment (the
   * stage is open and the unit has not handed it in): the rule for adding evidence to a leaf.
   */
  async assertMayAttach(
    m: EntityManager,
    actor: Actor,
    id: string,
    unitId: string,
    criterionId: string,
    lock = false,
  ): Promise<void> {
    const { a, scheme } = await this.load(m, actor, id, lock);
    const unit = (await this.units(m, a)).find((u) => u.id === unitId);
    if (!unit) throw DomainError.notFound('该单位的自评');
    if (!hasRole(actor, 'liaison') || !inScope(actor, unit))
      throw DomainError.forbidden('只能为本单位的自评上传佐证材料');
    const leaf = leavesOf(scheme.definition).find((l) => l.id === criterionId);
    const source = scheme.inputMap[criterionId];
    if (!leaf || (source && source.type !== 'manual')) throw DomainError.notFound('该自评项目');
    this.assertSelfOpen(a);
    await this.assertNotSubmitted(m, a.id, unitId);
  }

  /** Throws unless the actor may read the unit's entries (the rule of `entries`). */
  async assertMayRead(m: EntityManager, actor: Actor, id: string, unitId: string): Promise<void> {
    const { a } = await this.load(m, actor, id);
    const unit = await findUnit(m, unitId);
    if (!unit) throw DomainError.notFound('单位');
    const privileged = hasRole(actor, 'admin', 'office', 'leader') && actor.cityId === unit.cityId;
    if (!privileged && !inScope(actor, unit) && a.status !== AssessmentStatus.Published)
      throw DomainError.notFound('自评材料');
  }

  /**
   * The assessment (if the actor may read its plan), its scheme, the unit when the assessment covers it, and whether
   * the unit types `criterionId`: what the evidence rules decide by.
   */
  async scopeOf(m: EntityManager, actor: Actor, id: string, unitId: string, criterionId = '', lock = false) {
    const { a, scheme } = await this.load(m, actor, id, lock);
    const unit = (await this.units(m, a)).find((u) => u.id === unitId);
    const typedLeaf = typedLeaves(scheme).some((l) => l.id === criterionId);
    return { a, scheme, unit, typedLeaf, now: this.clock.now() };
  }

  /** A unit hands in its self-assessment (提交): every leaf it types must have a value. */
  async submitSelf(actor: Actor, id: string, unitId: string): Promise<SubmissionView> {
    return this.dataSource.transaction(async (m) => {
      const { a, scheme } = await this.load(m, actor, id, true);
      const unit = (await this.units(m, a)).find((u) => u.id === unitId);
      if (!unit) throw DomainError.notFound('该单位的自评');
      if (!hasRole(actor, 'liaison', 'office', 'admin') || !inScope(actor, unit))
        throw DomainError.forbidden('只能提交本单位的自评');
      this.assertSelfOpen(a);
      await this.assertNotSubmitted(m, a.id, unitId);
      const typed = typedLeaves(scheme);
      const entered = new Set(
        (
          await m
            .getRepository(AssessmentEntry)
            .find({ where: { assessmentId: a.id, unitId, stage: EntryStage.Self }, select: { criterionId: true } })
        ).map((e) => e.criterionId),
      );
      const missing = typed.filter((l) => !entered.has(l.id));
      if (missing.length)
        throw DomainError.conflict(
          `尚有 ${missing.length} 项未填报，不能提交`,
          missing.map((l) => ({ field: `entries.${l.id}`, reason: `${l.name}未填报` })),
        );
      const repo = m.getRepository(SelfAssessmentSubmission);
      const existing = await repo.findOne({ where: { assessmentId: a.id, unitId } });
      const saved = await repo.save(
        Object.assign(existing ?? repo.create({ assessmentId: a.id, unitId }), {
          status: SubmissionStatus.Submitted,
          submittedAt: this.clock.now(),
          submittedByUserId: actor.userId,
        }),
      );
      await this.notices.selfSubmitted(m, a, unitId, saved.submittedAt);
      return submissionView(saved);
    });
  }

  /** The office hands a submitted self-assessment back for changes (退回), with a reason. */
  async returnSelf(actor: Actor, id: string, unitId: string, reason: string): Promise<SubmissionView> {
    return this.dataSource.transaction(async (m) => {
      const { a } = await this.load(m, actor, id, true);
      this.assertOffice(actor, a);
      this.assertSelfOpen(a);
      const repo = m.getRepository(SelfAssessmentSubmission);
      const submission = await repo.findOne({ where: { assessmentId: a.id, unitId } });
      if (submission?.status !== SubmissionStatus.Submitted) throw DomainError.conflict('该单位尚未提交自评');
      const saved = await repo.save(
        Object.assign(submission, {
          status: SubmissionStatus.Returned,
          returnedAt: this.clock.now(),
          returnedByUserId: actor.userId,
          returnReason: reason,
        }),
      );
      await this.notices.selfReturned(m, a, unitId, reason, saved.returnedAt!);
      return submissionView(saved);
    });
  }

  /**
   * The office's review list: per unit, where its self-assessment stands and the typed leaves'
   * points as claimed and as reviewed (each stage's values scored together, as the scheme compares
   * units within a tier), with the approved total once there is one.
   */
  async progress(actor: Actor, id: string): Promise<SelfAssessmentProgress[]> {
    const m = this.dataSource.manager;
    const { a, scheme } = await this.load(m, actor, id);
    if (!hasRole(actor, 'admin', 'office', 'leader') || actor.cityId !== a.cityId)
      throw DomainError.forbidden('只有办公室和领导小组可以查看各单位自评情况');
    const units = await this.units(m, a);
    const typed = new Set(typedLeaves(scheme).map((l) => l.id));
    const entries = (await m.getRepository(AssessmentEntry).find({ where: { assessmentId: a.id } })).filter((e) =>
      typed.has(e.criterionId),
    );
    const submissions = await m.getRepository(SelfAssessmentSubmission).find({ where: { assessmentId: a.id } });
    const scored = (stage: EntryStage) => {
      const inputs: UnitInput[] = units.map((u) => ({
        unitId: u.id,
        tier: u.tier,
        leaves: Object.fromEntries(
          entries
            .filter((e) => e.unitId === u.id && e.stage === stage)
            .map((e) => [e.criterionId, e.input as LeafInput]),
        ),
      }));
      const totals = new Map(evaluateScheme(scheme.definition, inputs).results.map((r) => [r.unitId, r.criteriaTotal]));
      return (unitId: string) =>
        entries.some((e) => e.unitId === unitId && e.stage === stage) ? (totals.get(unitId) ?? null) : null;
    };
    const selfScore = scored(EntryStage.Self);
    const reviewedScore = scored(EntryStage.Review);
    const approved = a.results ? (a.results as { results: UnitResult[] }).results : [];
    return units.map((u) => {
      const submission = submissions.find((x) => x.unitId === u.id) ?? null;
      const selfEntries = entries.filter((e) => e.unitId === u.id && e.stage === EntryStage.Self).length;
      const reviewedEntries = entries.filter((e) => e.unitId === u.id && e.stage === EntryStage.Review).length;
      return {
        unitId: u.id,
        shortName: u.shortName,
        tier: u.tier,
        state: selfAssessmentState({
          typedLeaves: typed.size,
          selfEntries,
          reviewedEntries,
          submission: submission?.status ?? null,
        }),
        submittedAt: submission?.submittedAt ?? null,
        returnReason: submission?.status === SubmissionStatus.Returned ? submission.returnReason : null,
        typedLeaves: typed.size,
        selfEntries,
        reviewedEntries,
        selfScore: selfScore(u.id),
        reviewedScore: reviewedScore(u.id),
        total: approved.find((r) => r.unitId === u.id)?.total ?? null,
      };
    });
  }

  private assertSelfOpen(a: Assessment): void {
    if (a.status !== AssessmentStatus.SelfAssessment)
      throw DomainError.conflict(
        a.status === AssessmentStatus.Review ? '自评已结束，正在初审' : '考评已审定，不能修改',
      );
  }

  private async assertNotSubmitted(m: EntityManager, assessmentId: string, unitId: string): Promise<void> {
    const submission = await m.getRepository(SelfAssessmentSubmission).findOne({ where: { assessmentId, unitId } });
    if (submission?.status === SubmissionStatus.Submitted)
      throw DomainError.conflict('自评已提交，如需修改请联系办公室退回');
  }

  async startReview(actor: Actor, id: string): Promise<Assessment> {
    return this.dataSource.transaction(async (m) => {
      const { a } = await this.load(m, actor, id, true);
      this.assertOffice(actor, a);
      if (a.status !== AssessmentStatus.SelfAssessment) throw DomainError.conflict('只有自评阶段可以转入初审');
      a.status = AssessmentStatus.Review;
      return m.getRepository(Assessment).save(a);
    });
  }

  /** The office's preliminary review of one unit: accepts the self-assessed values or sets others, with a reason. */
  async review(
    actor: Actor,
    id: string,
    unitId: string,
    body: { acceptSelf?: boolean; entries?: EntryInput[] },
  ): Promise<AssessmentEntry[]> {
    return this.dataSource.transaction(async (m) => {
      const { a, scheme } = await this.load(m, actor, id, true);
      this.assertOffice(actor, a);
      if (a.status !== AssessmentStatus.Review)
        throw DomainError.conflict(
          a.status === AssessmentStatus.SelfAssessment ? '请先结束自评、转入初审' : '考评已审定，不能修改',
        );
      if (!(await this.units(m, a)).some((u) => u.id === unitId))
        throw DomainError.validation('该单位不在本次考评范围内', [{ field: 'unitId', reason: '不在考评范围内' }]);
      const entries: EntryInput[] = [];
      if (body.acceptSelf) {
        const own = await m
          .getRepository(AssessmentEntry)
          .find({ where: { assessmentId: id, unitId, stage: EntryStage.Self } });
        entries.push(
          ...own.map((e) => ({
            criterionId: e.criterionId,
            input: e.input as Record<string, unknown>,
            reason: e.reason || '认可自评',
            evidence: e.evidence,
          })),
        );
      }
      for (const e of body.entries ?? []) {
        if (!e.reason?.trim())
          throw DomainError.validation('调整须说明理由', [
            { field: `entries.${e.criterionId}.reason`, reason: '必填' },
          ]);
        entries.push(e);
      }
      return this.write(m, actor, a, scheme, unitId, EntryStage.Review, entries);
    });
  }

  private async write(
    m: EntityManager,
    actor: Actor,
    a: Assessment,
    scheme: Scheme,
    unitId: string,
    stage: EntryStage,
    entries: EntryInput[],
  ): Promise<AssessmentEntry[]> {
    const leaves = leavesOf(scheme.definition);
    const fed = scheme.inputMap;
    const problems = entries.flatMap((e, i) => {
      const leaf = leaves.find((l) => l.id === e.criterionId);
      if (!leaf) return [{ field: `entries.${i}.criterionId`, reason: '不是该方案的末级指标' }];
      const source = fed[e.criterionId];
      if (source && source.type !== 'manual')
        return [{ field: `entries.${i}.criterionId`, reason: '该项由平台数据计算，不能填报' }];
      if (leaf.kind === 'manual') {
        const score = Number((e.input as { score?: unknown }).score);
        const reason = (e.input as { reason?: unknown }).reason;
        if (!Number.isFinite(score) || score < 0 || score > leaf.points)
          return [{ field: `entries.${i}.input.score`, reason: `须在 0 至 ${leaf.points} 之间` }];
        if (typeof reason !== 'string' || !reason.trim())
          return [{ field: `entries.${i}.input.reason`, reason: '人工评分须说明理由' }];
      }
      return [];
    });
    if (problems.length) throw DomainError.validation('考评数据有误', problems);
    // Evidence is a file uploaded for this unit's leaf, never a hash typed in from elsewhere.
    // The review may cite what the unit uploaded and what the office added while reviewing.
    const purposes =
      stage === EntryStage.Self ? [EvidencePurpose.Self] : [EvidencePurpose.Self, EvidencePurpose.Review];
    const uploads = await m
      .getRepository(EntryEvidence)
      .find({ where: { assessmentId: a.id, unitId, purpose: In(purposes) } });
    const uploadedFor = (criterionId: string) =>
      uploads.filter((f) => f.criterionId === criterionId).map((f) => f.sha256);
    const unknown = entries.flatMap((e, i) =>
      (e.evidence ?? []).some((h) => !uploadedFor(e.criterionId).includes(h))
        ? [{ field: `entries.${i}.evidence`, reason: '佐证材料须先上传到该项' }]
        : [],
    );
    if (unknown.length) throw DomainError.validation('佐证材料不存在', unknown);
    const repo = m.getRepository(AssessmentEntry);
    const saved: AssessmentEntry[] = [];
    for (const e of entries) {
      const existing = await repo.findOne({ where: { assessmentId: a.id, unitId, criterionId: e.criterionId, stage } });
      const fields = {
        input: e.input,
        reason: e.reason ?? '',
        evidence: e.evidence ?? uploadedFor(e.criterionId),
        enteredByUserId: actor.userId,
      };
      saved.push(
        await repo.save(
          existing
            ? Object.assign(existing, fields)
            : repo.create({ assessmentId: a.id, unitId, criterionId: e.criterionId, stage, ...fields }),
        ),
      );
    }
    return saved;
  }

  /** Bonus, penalty and veto events, each with evidence; only while the office reviews. */
  async recordEvent(
    actor: Actor,
    id: string,
    event: {
      unitId: string;
      kind: 'bonus' | 'penalty' | 'veto';
      itemId: string;
      count?: number;
      note?: string;
      evidence: string[];
    },
  ): Promise<AssessmentEvent> {
    return this.dataSource.transaction(async (m) => {
      const { a, scheme } = await this.load(m, actor, id, true);
      this.assertOffice(actor, a);
      if (a.status === AssessmentStatus.Approved || a.status === AssessmentStatus.Published)
        throw DomainError.conflict('考评已审定，不能修改');
      if (!event.evidence?.length)
        throw DomainError.validation('加减分事项须附佐证材料', [{ field: 'evidence', reason: '至少一项' }]);
      if (!event.note?.trim())
        throw DomainError.validation('请填写事由', [{ field: 'note', reason: '须说明加减分或否决的事由' }]);
      if (event.kind === 'veto' && (event.count ?? 1) !== 1)
        throw DomainError.validation('一票否决事项不计次数', [{ field: 'count', reason: '一票否决只能登记 1 次' }]);
      const definition = scheme.definition;
      const items =
        event.kind === 'bonus'
          ? definition.bonus?.items
          : event.kind === 'penalty'
            ? definition.penalties?.items
            : definition.vetoItems;
      if (!items?.some((x) => x.id === event.itemId))
        throw DomainError.validation('方案中没有该事项', [{ field: 'itemId', reason: '方案中没有该事项' }]);
      if (!(await this.units(m, a)).some((u) => u.id === event.unitId))
        throw DomainError.validation('该单位不在本次考评范围内', [{ field: 'unitId', reason: '不在考评范围内' }]);
      await assertUploaded(
        m,
        { assessmentId: a.id, unitId: event.unitId, purpose: EvidencePurpose.Event },
        event.evidence,
        'evidence',
      );
      return m.getRepository(AssessmentEvent).save(
        m.getRepository(AssessmentEvent).create({
          assessmentId: a.id,
          unitId: event.unitId,
          kind: event.kind,
          itemId: event.itemId,
          count: event.count ?? 1,
          note: event.note ?? '',
          evidence: event.evidence,
          recordedByUserId: actor.userId,
        }),
      );
    });
  }

  /**
   * 审定: every typed leaf of every unit must have been reviewed. The results are computed by the worker (a scoring
   * run); the assessment answers at once as 审定计算中 and is approved, locked, when the run commits.
   */
  async approve(actor: Actor, id: string): Promise<Assessment> {
    if (!hasRole(actor, 'leader', 'admin')) throw DomainError.forbidden('只有领导小组可以审定');
    return this.dataSource.transaction(async (m) => {
      const { a, scheme } = await this.load(m, actor, id, true);
      if (a.status === AssessmentStatus.Scoring) throw DomainError.conflict('已审定，正在计算考评结果');
      if (a.status !== AssessmentStatus.Review)
        throw DomainError.conflict(
          a.status === AssessmentStatus.SelfAssessment ? '尚未完成初审，不能审定' : '考评已审定',
        );
      const { missing } = await this.collect(m, a, scheme);
      if (missing.length) {
        throw DomainError.conflict(
          `尚有 ${missing.length} 项未完成初审，不能审定`,
          missing.slice(0, 50).map((x) => ({ field: `${x.unit}.${x.criterionId}`, reason: '未初审' })),
        );
      }
      a.status = AssessmentStatus.Scoring;
      await this.requestRun(m, actor, a, {
        kind: RevisionKind.Approval,
        revision: a.revision,
        reason: a.reopenReason ?? '',
      });
      return m.getRepository(Assessment).save(a);
    });
  }

  /**
   * Asks the worker for one revision of the results, in the caller's transaction: the job is enqueued last, so a
   * Redis that cannot take it rolls the request back, and the worker waits on the assessment's row lock, which
   * this transaction holds, before it looks for the run. A revision whose run failed may be asked for again.
   */
  private async requestRun(
    m: EntityManager,
    actor: Actor,
    a: Assessment,
    ask: { kind: RevisionKind; revision: number; reason: string; appealId?: string },
  ): Promise<ScoringRun> {
    const repo = m.getRepository(ScoringRun);
    const pending = await repo.exists({
      where: { assessmentId: a.id, status: In([ScoringRunStatus.Queued, ScoringRunStatus.Running]) },
    });
    if (pending) throw DomainError.conflict('考评结果正在计算，请稍后再试');
    const previous = await repo.findOne({ where: { assessmentId: a.id, revision: ask.revision } });
    if (previous && previous.status !== ScoringRunStatus.Failed) throw DomainError.conflict('该版本的考评结果已计算');
    const run = await repo.save(
      Object.assign(previous ?? repo.create({ assessmentId: a.id, revision: ask.revision, attempts: 0 }), {
        kind: ask.kind,
        status: ScoringRunStatus.Queued,
        error: null,
        appealId: ask.appealId ?? null,
        reason: ask.reason,
        requestedByUserId: actor.userId,
        requestedByName: actor.displayName,
        requestedAt: this.clock.now(),
        finishedAt: null,
      }),
    );
    await this.scoring.add(ScoringJob.Score, { runId: run.id, assessmentId: a.id }, { jobId: run.id });
    return run;
  }

  /**
   * The worker's half of a scoring run, in its transaction: computes the revision the run asked for, stores it with
   * the notices it causes, and marks the run done. Nothing happens when the revision is already there.
   */
  async completeRun(m: EntityManager, run: ScoringRun): Promise<{ revision: number; units: number }> {
    const a = await m
      .getRepository(Assessment)
      .findOneOrFail({ where: { id: run.assessmentId }, lock: { mode: 'pessimistic_write' } });
    const scheme = await m.getRepository(Scheme).findOneOrFail({ where: { id: a.schemeId } });
    const by = { userId: run.requestedByUserId, displayName: run.requestedByName };
    const done = async (units: number) => {
      await m
        .getRepository(ScoringRun)
        .update({ id: run.id }, { status: ScoringRunStatus.Done, finishedAt: this.clock.now() });
      return { revision: run.revision, units };
    };
    if (run.kind === RevisionKind.Approval) {
      if (a.status !== AssessmentStatus.Scoring || a.revision !== run.revision) return done(0);
      const { inputs, missing, units } = await this.collect(m, a, scheme);
      if (missing.length) throw DomainError.conflict(`尚有 ${missing.length} 项未完成初审，不能审定`);
      const results = this.score(a, scheme, inputs, units);
      // Approval freezes every input, platform-fed and entered: later changes to the live data reach these
      // results only through a reopened cycle.
      Object.assign(a, {
        results,
        status: AssessmentStatus.Approved,
        approvedAt: run.requestedAt,
        approvedByUserId: run.requestedByUserId,
        reopenReason: null,
      });
      await recordRevision(m, {
        assessmentId: a.id,
        frozen: results,
        kind: RevisionKind.Approval,
        actor: by,
        at: this.clock.now(),
        reason: run.reason,
      });
      await this.notices.approved(m, a, a.revision, results.results.length);
      await m.getRepository(Assessment).save(a);
      return done(results.results.length);
    }
    if (a.revision >= run.revision) return done(0);
    const appeal = await m.getRepository(Appeal).findOneOrFail({ where: { id: run.appealId ?? '' } });
    const published = (a.results as FrozenResults).results;
    const results = this.reevaluate(a, scheme, appeal.unitId, appeal.criterionId, await this.reviewed(m, appeal));
    a.revision = results.revision;
    a.results = results as object;
    await m.getRepository(Assessment).save(a);
    await recordRevision(m, {
      assessmentId: a.id,
      frozen: results,
      kind: RevisionKind.Appeal,
      actor: by,
      at: this.clock.now(),
      reason: run.reason,
      appealId: appeal.id,
    });
    await this.notices.appealDecided(
      m,
      a,
      { ...appeal, criterionName: this.leafName(scheme, appeal.criterionId), upheld: true, reason: run.reason },
      { revision: a.revision, before: published, after: results.results },
    );
    return done(results.results.length);
  }

  /** After a run failed for good: an approval goes back to review, so the leadership can approve again. */
  async failRun(m: EntityManager, run: ScoringRun, error: string): Promise<void> {
    await m
      .getRepository(ScoringRun)
      .update(
        { id: run.id },
        { status: ScoringRunStatus.Failed, error: error.slice(0, 2000), finishedAt: this.clock.now() },
      );
    if (run.kind === RevisionKind.Approval)
      await m
        .getRepository(Assessment)
        .update({ id: run.assessmentId, status: AssessmentStatus.Scoring }, { status: AssessmentStatus.Review });
  }

  /** The newest scoring run of an assessment, for the office and leadership waiting on it. */
  async latestRun(actor: Actor, id: string): Promise<ScoringRun | null> {
    const { a } = await this.load(this.dataSource.manager, actor, id);
    if (!hasRole(actor, 'admin', 'office', 'leader') || actor.cityId !== a.cityId)
      throw DomainError.notFound('考评计算');
    return this.dataSource
      .getRepository(ScoringRun)
      .findOne({ where: { assessmentId: id }, order: { revision: 'DESC' } });
  }

  async publish(actor: Actor, id: string): Promise<Assessment> {
    return this.dataSource.transaction(async (m) => {
      const { a } = await this.load(m, actor, id, true);
      this.assertOffice(actor, a);
      if (a.status !== AssessmentStatus.Approved) throw DomainError.conflict('只有审定后的结果可以公布');
      const now = this.clock.now();
      const calendar = await this.calendar(m, a.cityId, now);
      const until = calendar.addWorkingDays(localDateOf(now, this.env.APP_TIMEZONE), 5);
      a.status = AssessmentStatus.Published;
      a.publishedAt = now;
      a.appealUntil = zonedInstant(until, localTime('17:00'), this.env.APP_TIMEZONE);
      await this.notices.published(m, a, a.revision, (a.results as FrozenResults).results, a.appealUntil);
      return m.getRepository(Assessment).save(a);
    });
  }

  /** Within the window after publication, a unit contests one leaf of its result, with a reason. */
  async appeal(
    actor: Actor,
    id: string,
    input: { unitId: string; criterionId: string; reason: string; evidence?: string[] },
  ): Promise<Appeal> {
    return this.dataSource.transaction(async (m) => {
      const { a, scheme } = await this.load(m, actor, id, true);
      const unit = (await this.units(m, a)).find((u) => u.id === input.unitId);
      if (!unit)
        throw DomainError.validation('该单位不在本次考评范围内', [{ field: 'unitId', reason: '不在考评范围内' }]);
      if (!inScope(actor, unit)) throw DomainError.forbidden('只能对本单位的结果申诉');
      if (a.status !== AssessmentStatus.Published || !a.appealUntil)
        throw DomainError.conflict('结果尚未公布，不能申诉');
      if (this.clock.now().getTime() > a.appealUntil.getTime()) throw DomainError.conflict('申诉期已过');
      if (!leavesOf(scheme.definition).some((l) => l.id === input.criterionId))
        throw DomainError.validation('不是该方案的末级指标', [
          { field: 'criterionId', reason: '不是该方案的末级指标' },
        ]);
      if (
        await m.getRepository(Appeal).exists({
          where: {
            assessmentId: id,
            unitId: input.unitId,
            criterionId: input.criterionId,
            status: AppealStatus.Open,
          },
        })
      ) {
        throw DomainError.conflict('该项已有未处理的申诉');
      }
      await assertUploaded(
        m,
        { assessmentId: id, unitId: input.unitId, purpose: EvidencePurpose.Appeal },
        input.evidence ?? [],
        'evidence',
      );
      const appeal = await m.getRepository(Appeal).save(
        m.getRepository(Appeal).create({
          // Filed on the platform's clock, as the window it is judged against.
          createdAt: this.clock.now(),
          assessmentId: id,
          unitId: input.unitId,
          criterionId: input.criterionId,
          reason: input.reason,
          evidence: input.evidence ?? [],
          status: AppealStatus.Open,
          decisionReason: null,
          createdByUserId: actor.userId,
          decidedByUserId: null,
          decidedAt: null,
        }),
      );
      const criterionName = leavesOf(scheme.definition).find((l) => l.id === input.criterionId)!.name;
      await this.notices.appealFiled(m, a, { ...appeal, criterionName });
      return appeal;
    });
  }

  async appeals(actor: Actor, id: string): Promise<AppealView[]> {
    const m = this.dataSource.manager;
    const { a } = await this.load(m, actor, id);
    const all = await this.dataSource
      .getRepository(Appeal)
      .find({ where: { assessmentId: a.id }, order: { createdAt: 'ASC' } });
    if (hasRole(actor, 'admin', 'office', 'leader') && actor.cityId === a.cityId) return appealViews(m, a.id, all);
    if (all.length === 0) return [];
    const units = await findUnits(
      this.dataSource.manager,
      all.map((x) => x.unitId),
    );
    const own = all.filter((x) => {
      const u = units.find((y) => y.id === x.unitId);
      return u !== undefined && inScope(actor, u);
    });
    return appealViews(m, a.id, own);
  }

  /**
   * The office rejects an appeal with a reason, or upholds it with the corrected input: the review
   * entry changes and the results are computed again as a new revision, ranks included.
   */
  async decideAppeal(
    actor: Actor,
    appealId: string,
    decision: { uphold: boolean; reason: string; input?: Record<string, unknown> },
  ): Promise<Appeal> {
    return requestContext.withReason(decision.reason, () =>
      this.dataSource.transaction(async (m) => {
        const appeal = await m
          .getRepository(Appeal)
          .findOne({ where: { id: appealId }, lock: { mode: 'pessimistic_write' } });
        if (!appeal) throw DomainError.notFound('申诉');
        const { a, scheme } = await this.load(m, actor, appeal.assessmentId, true);
        this.assertOffice(actor, a);
        if (appeal.status !== AppealStatus.Open) throw DomainError.conflict('该申诉已处理');
        if (decision.uphold) {
          if (!decision.input)
            throw DomainError.validation('支持申诉须给出更正后的数值', [{ field: 'input', reason: '必填' }]);
          if (scheme.inputMap[appeal.criterionId] && scheme.inputMap[appeal.criterionId]!.type !== 'manual') {
            throw DomainError.conflict('该项由平台数据计算：请更正原始数据后由系统管理员重新打开考评');
          }
          await this.write(m, actor, a, scheme, appeal.unitId, EntryStage.Review, [
            { criterionId: appeal.criterionId, input: decision.input, reason: decision.reason },
          ]);
          // The corrected input is checked now, with the unit alone: the worker ranks it among the rest.
          this.reevaluate(a, scheme, appeal.unitId, appeal.criterionId, await this.reviewed(m, appeal), true);
          await this.requestRun(m, actor, a, {
            kind: RevisionKind.Appeal,
            revision: a.revision + 1,
            reason: decision.reason,
            appealId: appeal.id,
          });
        }
        Object.assign(appeal, {
          status: decision.uphold ? AppealStatus.Upheld : AppealStatus.Rejected,
          decisionReason: decision.reason,
          decidedByUserId: actor.userId,
          decidedAt: this.clock.now(),
        });
        // An upheld appeal's notice goes out with the revision it makes (ScoringRunsService).
        if (!decision.uphold)
          await this.notices.appealDecided(
            m,
            a,
            {
              ...appeal,
              criterionName: this.leafName(scheme, appeal.criterionId),
              upheld: false,
              reason: decision.reason,
            },
            null,
          );
        return m.getRepository(Appeal).save(appeal);
      }),
    );
  }

  /** The appealed leaf's input as stored with the review, read as evaluate() reads entries (checked by the engine). */
  private async reviewed(m: EntityManager, appeal: Appeal): Promise<LeafInput> {
    const [stored]: { input: LeafInput; evidence: string[] }[] = await m.query(
      `SELECT input, evidence FROM assessment_entries
       WHERE assessment_id = $1 AND unit_id = $2 AND criterion_id = $3 AND stage = 'review'`,
      [appeal.assessmentId, appeal.unitId, appeal.criterionId],
    );
    return { ...stored!.input, evidence: stored!.evidence };
  }

  private leafName(scheme: Scheme, criterionId: string): string {
    return leavesOf(scheme.definition).find((l) => l.id === criterionId)?.name ?? criterionId;
  }

  /**
   * The next revision after an upheld appeal: the approved revision's frozen inputs with only the appealed one
   * changed, scored and ranked again. Nothing is read from the live data: a statistic corrected since the approval
   * does not move the other units' results (only a reopened cycle reads the records again).
   */
  private reevaluate(
    a: Assessment,
    scheme: Scheme,
    unitId: string,
    criterionId: string,
    input: LeafInput,
    alone = false,
  ): FrozenResults {
    const frozen = a.results as FrozenResults;
    const inputs = frozen.inputs
      .filter((u) => !alone || u.unitId === unitId)
      .map((u) => (u.unitId === unitId ? { ...u, leaves: { ...u.leaves, [criterionId]: input } } : u));
    const evaluation = evaluateScheme(scheme.definition, inputs, { commendation: a.subjectKind === 'county' });
    if (evaluation.errors.length)
      throw DomainError.validation(
        '更正后的数值有误',
        evaluation.errors.slice(0, 50).map((e) => ({ field: `input`, reason: e.reason })),
      );
    return { revision: a.revision + 1, schemeVersion: frozen.schemeVersion, inputs, results: evaluation.results };
  }

  /** An administrator reopens approved results for review: a new revision, with a reason. */
  async reopen(actor: Actor, id: string, reason: string): Promise<Assessment> {
    if (!hasRole(actor, 'admin')) throw DomainError.forbidden('只有系统管理员可以重新打开已审定的考评');
    return requestContext.withReason(reason, () =>
      this.dataSource.transaction(async (m) => {
        const { a } = await this.load(m, actor, id, true);
        if (a.status !== AssessmentStatus.Approved && a.status !== AssessmentStatus.Published)
          throw DomainError.conflict(a.status === AssessmentStatus.Scoring ? '考评结果正在计算' : '考评尚未审定');
        if (
          await m
            .getRepository(ScoringRun)
            .exists({ where: { assessmentId: a.id, status: In([ScoringRunStatus.Queued, ScoringRunStatus.Running]) } })
        )
          throw DomainError.conflict('考评结果正在计算，请稍后再试');
        Object.assign(a, {
          status: AssessmentStatus.Review,
          reopenReason: reason,
          revision: a.revision + 1,
          results: null,
          approvedAt: null,
          approvedByUserId: null,
          publishedAt: null,
          appealUntil: null,
        });
        return m.getRepository(Assessment).save(a);
      }),
    );
  }

  /** The scheme the assessment scores with, for documents that print its criteria. */
  async schemeOf(actor: Actor, id: string): Promise<ScoringScheme> {
    const { scheme } = await this.load(this.dataSource.manager, actor, id);
    return scheme.definition;
  }

  /** Results: the office and leadership always; everyone in the city once published. */
  async results(actor: Actor, id: string): Promise<AssessmentResults> {
    const { a } = await this.load(this.dataSource.manager, actor, id);
    const privileged = hasRole(actor, 'admin', 'office', 'leader');
    if (!a.results || (!privileged && a.status !== AssessmentStatus.Published)) throw DomainError.notFound('考评结果');
    const { results, ...assessment } = a;
    return { assessment, results: (results as { results: UnitResult[] }).results };
  }

  async explain(actor: Actor, id: string, unitId: string): Promise<Explanation> {
    const { results } = await this.results(actor, id);
    const files = await this.filesOf(this.dataSource.manager, id, unitId);
    const e = explain(results, unitId, files);
    if (!e) throw DomainError.notFound('该单位的考评结果');
    return e;
  }

  /** A unit's entries: its own people and the office see them; others only after publication. */
  async entries(actor: Actor, id: string, unitId: string): Promise<AssessmentEntries> {
    const m = this.dataSource.manager;
    await this.assertMayRead(m, actor, id, unitId);
    const all = await m
      .getRepository(AssessmentEntry)
      .find({ where: { assessmentId: id, unitId }, order: { criterionId: 'ASC' } });
    const events = await m.getRepository(AssessmentEvent).find({ where: { assessmentId: id, unitId } });
    const submission = await m.getRepository(SelfAssessmentSubmission).findOne({ where: { assessmentId: id, unitId } });
    return {
      self: all.filter((e) => e.stage === 'self'),
      review: all.filter((e) => e.stage === 'review'),
      events,
      files: await this.filesOf(m, id, unitId),
      submission: submission ? submissionView(submission) : null,
    };
  }

  /** The unit's leaf and event files: those whoever may read its entries may read (appeal files are listed with appeals). */
  async filesOf(m: EntityManager, assessmentId: string, unitId: string): Promise<EntryFile[]> {
    return evidenceFiles(
      m,
      assessmentId,
      [unitId],
      [EvidencePurpose.Self, EvidencePurpose.Review, EvidencePurpose.Event],
    );
  }

  /** Every unit's input for every leaf as the records stand (marks, platform data, reviewed entries, events). */
  private async collect(m: EntityManager, a: Assessment, scheme: Scheme) {
    const units = await this.units(m, a);
    const leaves = leavesOf(scheme.definition);
    const reviewed: { unit_id: string; criterion_id: string; input: LeafInput; evidence: string[] }[] = await m.query(
      `SELECT unit_id, criterion_id, input, evidence FROM assessment_entries WHERE assessment_id = $1 AND stage = 'review'`,
      [a.id],
    );
    const events = await m.getRepository(AssessmentEvent).find({ where: { assessmentId: a.id } });
    const platform = await this.platformInputs(
      m,
      a,
      scheme.inputMap,
      units.map((u) => u.id),
    );
    const marks = await notMeasurableMarks(m, a.id);
    const missing: { unit: string; criterionId: string }[] = [];
    const inputs: FrozenUnitInput[] = units.map((u) => {
      const values: Record<string, LeafInput> = {};
      for (const leaf of leaves) {
        const mark = marks.get(`${u.id}:${leaf.id}`);
        const fromPlatform = platform.get(`${u.id}:${leaf.id}`);
        // The office's finding replaces the statistic or the reviewed value: the scheme substitutes the tier average.
        if (mark !== undefined) values[leaf.id] = { notMeasurable: true, reason: notMeasurableReason(mark) };
        else if (fromPlatform) values[leaf.id] = fromPlatform;
        else {
          const entry = reviewed.find((r) => r.unit_id === u.id && r.criterion_id === leaf.id);
          // The engine carries a leaf's evidence into its explanation.
          if (entry) values[leaf.id] = { ...entry.input, evidence: entry.evidence };
          else missing.push({ unit: u.shortName, criterionId: leaf.id });
        }
      }
      const own = events.filter((e) => e.unitId === u.id);
      return {
        unitId: u.id,
        tier: u.tier,
        leaves: values,
        bonus: own
          .filter((e) => e.kind === 'bonus')
          .map((e) => ({ itemId: e.itemId, count: e.count, evidence: e.evidence })),
        penalties: own
          .filter((e) => e.kind === 'penalty')
          .map((e) => ({ itemId: e.itemId, count: e.count, evidence: e.evidence })),
        vetoes: own
          .filter((e) => e.kind === 'veto')
          .map((e) => ({ itemId: e.itemId, note: e.note, evidence: e.evidence })),
      };
    });
    return { inputs, missing, units };
  }

  /** The engine's results for collected inputs, as a revision freezes them; data the engine refuses is a 400. */
  private score(
    a: Assessment,
    scheme: Scheme,
    inputs: FrozenUnitInput[],
    units: { id: string; shortName: string }[],
  ): FrozenResults {
    const evaluation = evaluateScheme(scheme.definition, inputs, {
      commendation: a.subjectKind === 'county',
    });
    if (evaluation.errors.length) {
      throw DomainError.validation(
        '考评数据有误，不能审定',
        evaluation.errors.slice(0, 50).map((e) => ({
          field: `${units.find((u) => u.id === e.unitId)?.shortName ?? e.unitId}.${e.criterionId ?? ''}`,
          reason: e.reason,
        })),
      );
    }
    return { revision: a.revision, schemeVersion: scheme.version, inputs, results: evaluation.results };
  }

  /** Leaves computed from the platform's records, never typed: late reports, indicator values, progress. */
  private async platformInputs(
    m: EntityManager,
    a: Assessment,
    map: Record<string, LeafSource>,
    unitIds: string[],
  ): Promise<Map<string, LeafInput>> {
    const out = new Map<string, LeafInput>();
    const entries = Object.entries(map).filter(([, s]) => s.type !== 'manual');
    if (entries.length === 0) return out;
    const now = this.clock.now();
    if (entries.some(([, s]) => s.type === 'lateReports')) {
      const months = await lateReportMonths(m, a.planId, a.year, unitIds, now);
      // 附表3-2: one event per month with a late or missing report, plus one per overdue assigned item.
      const overdue = await overdueAssignedWork(m, unitIds, a.year, localDate(localDateOf(now, this.env.APP_TIMEZONE)));
      for (const [leafId, s] of entries)
        if (s.type === 'lateReports')
          for (const id of unitIds) {
            const late = months.get(id)?.size ?? 0;
            const items = overdue.get(id) ?? 0;
            out.set(`${id}:${leafId}`, {
              count: late + items,
              parts: [
                { label: '迟报/漏报', count: late, measure: '个月' },
                { label: '逾期交办事项', count: items, measure: '项' },
              ],
            });
          }
    }
    if (entries.some(([, s]) => ['indicatorProgress', 'taskProgress', 'timeliness'].includes(s.type))) {
      const gathered = await quarterInputs(m, a.planId, unitIds, a.year, 12, now);
      for (const [leafId, s] of entries) {
        for (const id of unitIds) {
          const g = gathered.counties.get(id)!;
          const sum = (xs: { ratio: string }[]) => xs.reduce((t, x) => t + Number(x.ratio), 0);
          if (s.type === 'indicatorProgress')
            out.set(
              `${id}:${leafId}`,
              g.indicators.length
                ? { actual: String(sum(g.indicators)), planned: g.indicators.length }
                : { notMeasurable: true },
            );
          if (s.type === 'taskProgress')
            out.set(
              `${id}:${leafId}`,
              g.tasks.length ? { actual: String(sum(g.tasks)), planned: g.tasks.length } : { notMeasurable: true },
            );
          if (s.type === 'timeliness') {
            const due = g.reports.onTime + g.reports.late + g.reports.missing;
            out.set(`${id}:${leafId}`, due ? { actual: g.reports.onTime, planned: due } : { notMeasurable: true });
          }
        }
      }
    }
    for (const [leafId, s] of entries) {
      if (s.type !== 'indicatorValue') continue;
      const rows: { unit_id: string; value: string }[] = await m.query(
        `SELECT DISTINCT ON (v.unit_id) v.unit_id, v.value::text AS value FROM plans.indicator_values v JOIN plans.indicators i ON i.id = v.indicator_id
         WHERE i.city_id = $1 AND i.name = $2 AND v.year = $3 AND v.value IS NOT NULL AND v.unit_id = ANY($4)
         ORDER BY v.unit_id, (v.confirmation = 'confirmed') DESC, v.month DESC`,
        [a.cityId, s.indicatorName, a.year, unitIds],
      );
      for (const id of unitIds) {
        const row = rows.find((r) => r.unit_id === id);
        out.set(`${id}:${leafId}`, row ? { value: row.value } : { notMeasurable: true, reason: '无该指标数据' });
      }
    }
    return out;
  }

  private async calendar(m: EntityManager, cityId: string, now: Date): Promise<WorkingCalendar> {
    const year = Number(localDateOf(now, this.env.APP_TIMEZONE).slice(0, 4));
    const days: { date: string; kind: string }[] = await m.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM reporting.calendar_days WHERE city_id = $1 AND date BETWEEN $2 AND $3`,
      [cityId, `${year}-01-01`, `${year + 1}-12-31`],
    );
    return new WorkingCalendar({
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => localDate(d.date)),
      makeUpWorkdays: days.filter((d) => d.kind === 'workday').map((d) => localDate(d.date)),
    });
  }

  private assertOffice(actor: Actor, a: Assessment): void {
    if (!hasRole(actor, 'admin', 'office') || actor.cityId !== a.cityId)
      throw DomainError.forbidden('只有办公室可以初审和公布');
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import {
  activeOrNewestScheme,
  createFirstSchemeVersion,
  getScheme,
  type Scheme as SchemeEntity,
  SchemeKind,
  SchemeStatus,
} from '@app/assessment';
import { recordAudit } from '@app/audit';
import { type Actor, DomainError } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import {
  DEFAULT_FUND_SCHEME,
  DEFAULT_FUND_SOURCES,
  deductionReason,
  evaluateScheme,
  type FundEvaluationData,
  type FundLeafSource,
  fundLeafInputs,
  type LeafResult,
  type Scheme,
  validateScheme,
} from '@app/domain';
import type { BudgetProject } from './entities/budget-project.entity.js';
import { FundEvaluation, FundEvaluationStatus } from './entities/fund-evaluation.entity.js';
import {
  emptyNarrative,
  type EvaluationReportRow,
  type EvaluatorInputs,
  type FundEvaluationView,
  NARRATIVE_FIELDS,
  type ReportNarrative,
} from './views.js';
import { ExecutionService } from './execution.service.js';
import { FundAccess } from './fund-access.js';
import { PerformanceTargetsService } from './performance-targets.service.js';
import { SurveysService } from './surveys/index.js';

const SCHEME_CODE = 'fund-evaluation';

/**
 * The performance evaluation of a fund (绩效评价), scored by the assessment engine: execution
 * records give 资金到位率 and 预算执行率, the target table's actuals give the output and benefit
 * leaves, the survey gives satisfaction, and the evaluator fills the checklists and expert scores.
 */
@Injectable()
export class FundEvaluationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: FundAccess,
    private readonly execution: ExecutionService,
    private readonly targets: PerformanceTargetsService,
    private readonly surveys: SurveysService,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  async get(actor: Actor, projectId: string): Promise<FundEvaluationView> {
    const project = await this.access.project(actor, projectId, 'read');
    const m = this.dataSource.manager;
    const evaluation = await m.getRepository(FundEvaluation).findOne({ where: { projectId } });
    const scheme = evaluation ? await getScheme(m, evaluation.schemeId) : await this.findScheme(m, project);
    return this.view(project, evaluation, scheme ?? null, await this.newer(m, project, evaluation, scheme));
  }

  /** The evaluator's checklist ticks and expert scores; checked against the scheme before anything is kept. */
  async putInputs(actor: Actor, projectId: string, inputs: EvaluatorInputs): Promise<FundEvaluationView> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, projectId, 'manage', m);
      const evaluation = await this.draft(m, actor, project);
      const scheme = await getScheme(m, evaluation.schemeId);
      const { definition, sources } = this.compiled(scheme);
      const merged = { ...evaluation.evaluatorInputs, ...inputs };
      const problems = Object.keys(inputs).flatMap((leafId) => {
        if ((sources[leafId]?.type ?? 'evaluator') !== 'evaluator')
          return [{ field: `inputs.${leafId}`, reason: '该指标由平台数据计算，不能手工填写' }];
        return [];
      });
      // Let the engine judge each entered leaf on its own: the same rules that will score it.
      const [result] = evaluateScheme(definition, [
        { unitId: projectId, leaves: Object.fromEntries(Object.entries(inputs)) },
      ]).results;
      for (const leaf of result?.leaves ?? []) {
        if (leaf.criterionId in inputs && leaf.score === null)
          problems.push({ field: `inputs.${leaf.criterionId}`, reason: leaf.explanation.steps.join('；') });
      }
      const unknown = Object.keys(inputs).filter((id) => !result?.leaves.some((l) => l.criterionId === id));
      problems.push(...unknown.map((id) => ({ field: `inputs.${id}`, reason: '不是评价方案的末级指标' })));
      if (problems.length) throw DomainError.validation('评价数据有误', problems);
      evaluation.evaluatorInputs = merged;
      await m.getRepository(FundEvaluation).save(evaluation);
      return this.view(project, evaluation, scheme, await this.newer(m, project, evaluation, scheme));
    });
  }

  /**
   * The report's written sections: each given field replaces the stored one (others are kept). Like the
   * inputs, only while the evaluation is a draft and only by those who manage the fund.
   */
  async putNarrative(
    actor: Actor,
    projectId: string,
    narrative: Partial<ReportNarrative>,
  ): Promise<FundEvaluationView> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, projectId, 'manage', m);
      const evaluation = await this.draft(m, actor, project);
      const given = Object.fromEntries(
        NARRATIVE_FIELDS.flatMap((f) => (narrative[f] === undefined ? [] : [[f, narrative[f].trim()]])),
      );
      evaluation.narrative = { ...evaluation.narrative, ...given };
      await m.getRepository(FundEvaluation).save(evaluation);
      const scheme = await getScheme(m, evaluation.schemeId);
      return this.view(project, evaluation, scheme, await this.newer(m, project, evaluation, scheme));
    });
  }

  /** Scores the fund now from the platform's records; a final evaluation must be reopened first. */
  async evaluate(actor: Actor, projectId: string): Promise<FundEvaluationView> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, projectId, 'manage', m);
      const evaluation = await this.draft(m, actor, project);
      const scheme = await getScheme(m, evaluation.schemeId);
      await this.score(m, actor, project, evaluation, scheme);
      return this.view(project, evaluation, scheme, await this.newer(m, project, evaluation, scheme));
    });
  }

  /**
   * Moves a draft evaluation to the newer enabled version of its scheme (the one a new evaluation
   * would start from) and scores it again by that version. The evaluator's inputs for leaves the new
   * version still has, and still reads, are kept; the rest are dropped and show as missing.
   * A final evaluation is refused: its score is what was signed off.
   */
  async moveScheme(actor: Actor, projectId: string, schemeId: string): Promise<FundEvaluationView> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, projectId, 'manage', m);
      const evaluation = await m
        .getRepository(FundEvaluation)
        .findOne({ where: { projectId }, lock: { mode: 'pessimistic_write' } });
      if (!evaluation) throw DomainError.conflict('尚未开始评价，评价将直接采用当前启用的评价方案');
      if (evaluation.status === FundEvaluationStatus.Final)
        throw DomainError.conflict('评价已定稿，不能更换评价方案版本；如需更换请先撤销定稿');
      const current = await getScheme(m, evaluation.schemeId);
      const target = await this.newer(m, project, evaluation, current);
      if (!target || target.id !== schemeId)
        throw DomainError.validation('只能更换为本评价方案更新的已启用版本', [
          { field: 'schemeId', reason: target ? `应为第${target.version}版` : '没有更新的已启用版本' },
        ]);
      const scheme = await getScheme(m, target.id);
      const { definition, sources } = this.compiled(scheme);
      const carried = Object.entries(evaluation.evaluatorInputs).filter(
        ([id]) => (sources[id]?.type ?? 'evaluator') === 'evaluator',
      );
      const [check] = evaluateScheme(definition, [{ unitId: projectId, leaves: Object.fromEntries(carried) }]).results;
      const readable = new Set(check?.leaves.filter((l) => l.score !== null).map((l) => l.criterionId));
      const before = { schemeId: current.id, schemeVersion: current.version, total: evaluation.result?.total ?? null };
      const dropped = Object.keys(evaluation.evaluatorInputs).filter((id) => !readable.has(id));
      evaluation.schemeId = scheme.id;
      evaluation.evaluatorInputs = Object.fromEntries(carried.filter(([id]) => readable.has(id)));
      await this.score(m, actor, project, evaluation, scheme);
      await recordAudit(m, {
        at: this.clock.now(),
        actorUserId: actor.userId,
        actorName: actor.displayName,
        cityId: project.cityId,
        entity: 'fund_evaluations',
        entityId: evaluation.id,
        action: 'move-scheme',
        before,
        after: {
          schemeId: scheme.id,
          schemeVersion: scheme.version,
          total: evaluation.result?.total ?? null,
          droppedInputs: dropped,
        },
        reason: `评价方案由第${current.version}版更换为第${scheme.version}版`,
      });
      return this.view(project, evaluation, scheme, null);
    });
  }

  /** Scores the evaluation by `scheme` from the platform's records and the evaluator's inputs, and keeps the result. */
  private async score(
    m: EntityManager,
    actor: Actor,
    project: BudgetProject,
    evaluation: FundEvaluation,
    scheme: SchemeEntity,
  ): Promise<void> {
    const { definition, sources } = this.compiled(scheme);
    const data = await this.data(m, project, evaluation.evaluatorInputs);
    const [result] = evaluateScheme(definition, [
      { unitId: project.id, leaves: fundLeafInputs(definition, sources, data) },
    ]).results;
    Object.assign(evaluation, {
      result: result ?? null,
      platformInputs: { ...data, evaluator: undefined },
      evaluatedAt: this.clock.now(),
      evaluatedByUserId: actor.userId,
    });
    await m.getRepository(FundEvaluation).save(evaluation);
  }

  /**
   * The newer version a draft evaluation may move to: the city's scheme for the year that a new
   * evaluation would start from (the newest enabled version), when it is a later version of the
   * same scheme. Null for a final evaluation or when the evaluation is already on it.
   */
  private async newer(
    m: EntityManager,
    project: BudgetProject,
    evaluation: FundEvaluation | null,
    scheme: SchemeEntity | null,
  ): Promise<FundEvaluationView['newerScheme']> {
    if (!evaluation || !scheme || evaluation.status === FundEvaluationStatus.Final) return null;
    const latest = await this.findScheme(m, project);
    if (!latest || latest.code !== scheme.code || latest.version <= scheme.version) return null;
    if (latest.status !== SchemeStatus.Active) return null;
    return { id: latest.id, name: latest.name, version: latest.version };
  }

  /** Locks the evaluation (定稿); only a complete one can be final. */
  async finalise(actor: Actor, projectId: string, final: boolean): Promise<FundEvaluationView> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.access.project(actor, projectId, 'manage', m);
      const evaluation = await m
        .getRepository(FundEvaluation)
        .findOne({ where: { projectId }, lock: { mode: 'pessimistic_write' } });
      if (!evaluation?.result) throw DomainError.conflict('尚未评价，不能定稿');
      if (final && !evaluation.result.complete)
        throw DomainError.conflict('评价数据不完整，不能定稿（请先填写全部评价指标）');
      evaluation.status = final ? FundEvaluationStatus.Final : FundEvaluationStatus.Draft;
      await m.getRepository(FundEvaluation).save(evaluation);
      const scheme = await getScheme(m, evaluation.schemeId);
      return this.view(project, evaluation, scheme, await this.newer(m, project, evaluation, scheme));
    });
  }

  private async draft(m: EntityManager, actor: Actor, project: BudgetProject): Promise<FundEvaluation> {
    const repo = m.getRepository(FundEvaluation);
    const existing = await repo.findOne({ where: { projectId: project.id }, lock: { mode: 'pessimistic_write' } });
    if (existing?.status === FundEvaluationStatus.Final) throw DomainError.conflict('评价已定稿，如需修改请先撤销定稿');
    if (existing) return existing;
    const scheme = (await this.findScheme(m, project)) ?? (await this.seedScheme(m, project));
    await repo
      .createQueryBuilder()
      .insert()
      .values({ projectId: project.id, schemeId: scheme.id, evaluatedByUserId: actor.userId })
      .orIgnore()
      .execute();
    return repo.findOneOrFail({ where: { projectId: project.id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The city's fund scheme for the year: the active version, else the newest. */
  private findScheme(m: EntityManager, project: BudgetProject): Promise<SchemeEntity | null> {
    return activeOrNewestScheme(m, { cityId: project.cityId, kind: SchemeKind.Fund, year: project.year });
  }

  /** The first evaluation of a year starts from the common 决策/过程/产出/效益 scheme, which the office may then edit. */
  private async seedScheme(m: EntityManager, project: BudgetProject): Promise<SchemeEntity> {
    await createFirstSchemeVersion(m, {
      cityId: project.cityId,
      code: `${SCHEME_CODE}-${project.year}`,
      name: `${project.year}年度${DEFAULT_FUND_SCHEME.name}`,
      kind: SchemeKind.Fund,
      year: project.year,
      status: SchemeStatus.Active,
      definition: DEFAULT_FUND_SCHEME,
      inputMap: DEFAULT_FUND_SOURCES,
    });
    return (await this.findScheme(m, project))!;
  }

  private compiled(scheme: SchemeEntity): { definition: Scheme; sources: Record<string, FundLeafSource> } {
    const checked = validateScheme(scheme.definition);
    if (!checked.ok)
      throw DomainError.conflict(
        `评价方案“${scheme.name}”有误：${checked.errors.map((e) => `${e.path} ${e.reason}`).join('；')}`,
      );
    const sources = Object.fromEntries(
      Object.entries(scheme.inputMap).filter((entry): entry is [string, FundLeafSource] =>
        ['fundingRate', 'executionRate', 'targetsAttained', 'survey', 'evaluator'].includes(entry[1].type),
      ),
    );
    return { definition: checked.scheme, sources };
  }

  /** What the platform knows: the year's execution, each indicator's year-end attainment, the survey. */
  private async data(
    m: EntityManager,
    project: BudgetProject,
    evaluator: EvaluatorInputs,
  ): Promise<FundEvaluationData> {
    // A year-end evaluation judges the whole budget year, whatever today is.
    const execution = await this.execution.summarise(m, project, `${project.year}-12`);
    const indicators = await this.targets.views(m, project.id);
    const survey = await this.surveys.likertInput(project.id, m);
    return {
      budget: project.annualBudget,
      received: execution.total.received,
      spent: execution.total.spent,
      indicators: indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        level3: i.level3,
        attainment: i.full?.attainment ?? 'not_met',
        deviationReason: i.full ? i.full.deviationReason : '未填报实际完成值',
      })),
      survey: survey
        ? { counts: survey.counts, dontKnow: survey.dontKnow, weights: survey.weights, labels: survey.labels }
        : null,
      evaluator,
    };
  }

  private view(
    project: BudgetProject,
    evaluation: FundEvaluation | null,
    scheme: SchemeEntity | null,
    newerScheme: FundEvaluationView['newerScheme'],
  ): FundEvaluationView {
    const definition: Scheme = scheme?.definition ?? DEFAULT_FUND_SCHEME;
    const sources = (scheme?.inputMap ?? DEFAULT_FUND_SOURCES) as Record<string, FundLeafSource>;
    const result = evaluation?.result ?? null;
    const data = {
      ...(evaluation?.platformInputs ?? {}),
      evaluator: evaluation?.evaluatorInputs ?? {},
    } as unknown as FundEvaluationData;
    const rows = result ? reportRows(definition, sources, result.leaves, data) : [];
    return {
      projectId: project.id,
      projectName: project.name,
      year: project.year,
      status: evaluation?.status ?? 'none',
      schemeId: scheme?.id ?? '',
      schemeName: scheme?.name ?? DEFAULT_FUND_SCHEME.name,
      schemeVersion: scheme?.version ?? 0,
      newerScheme,
      scheme: definition,
      sources,
      evaluatorInputs: evaluation?.evaluatorInputs ?? {},
      evaluatedAt: evaluation?.evaluatedAt ?? null,
      complete: result?.complete ?? false,
      total: result?.total ?? null,
      grade: result?.grade ?? null,
      rows,
      platformInputs: evaluation?.platformInputs ?? {},
      narrative: { ...emptyNarrative(), ...(evaluation?.narrative ?? {}) },
      version: evaluation?.version ?? 0,
    };
  }
}

/** One report row per leaf, with its 一级/二级/三级 names, score rate and 扣分原因. */
export function reportRows(
  scheme: Scheme,
  sources: Record<string, FundLeafSource>,
  leaves: readonly LeafResult[],
  data: FundEvaluationData,
): EvaluationReportRow[] {
  const names = new Map<string, string[]>();
  const walk = (criteria: Scheme['criteria'], path: string[]) => {
    for (const c of criteria) {
      if (c.children?.length) walk(c.children, [...path, c.name]);
      else names.set(c.id, [...path, c.name]);
    }
  };
  walk(scheme.criteria, []);
  return leaves.map((leaf) => {
    const [level1 = '', level2 = '', level3 = ''] = names.get(leaf.criterionId) ?? [leaf.name];
    const rate =
      leaf.score === null || new Decimal(leaf.points).isZero()
        ? null
        : new Decimal(leaf.score).div(leaf.points).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    return {
      criterionId: leaf.criterionId,
      level1,
      level2,
      level3,
      points: leaf.points,
      score: leaf.score,
      scoreRate: rate,
      reason: data.indicators ? deductionReason(leaf, scheme, sources[leaf.criterionId], data) : '',
      source: sources[leaf.criterionId]?.type ?? 'evaluator',
      steps: leaf.explanation.steps,
    };
  });
}

import { ZERO, fmt, publish, toScoreString, type Dec } from '../../../decimal.js';
import { summariseEvents } from './events.js';
import { gradeFor } from './grade.js';
import { rankWithinTiers } from './ranking.js';
import type { PreparedLeaf, TierStats } from './rules/rule.js';
import { compileScheme, type CompiledLeaf, type CompiledScheme } from './scheme-validator.js';
import type {
  EvaluateOptions,
  Evaluation,
  LeafExplanation,
  LeafResult,
  Scheme,
  ScoringError,
  SubtotalResult,
  UnitInput,
  UnitResult,
} from '../../types.js';

/** The tier of units that name none: everyone is compared with everyone. */
export const DEFAULT_TIER = '';

type LeafState =
  | { kind: 'error'; reason: string; inputs: Record<string, string>; evidence: readonly string[] }
  | { kind: 'substitute'; reason: string; evidence: readonly string[] }
  | { kind: 'prepared'; leaf: PreparedLeaf; evidence: readonly string[] };

interface Scored {
  exact: Dec;
  published: Dec;
  steps: string[];
}

interface UnitWork {
  unit: UnitInput;
  tier: string;
  states: LeafState[];
  scored: (Scored | null)[];
  errors: ScoringError[];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tierLabel(tier: string): string {
  return tier === DEFAULT_TIER ? '全部单位' : `“${tier}”类别`;
}

function readLeafState(leaf: CompiledLeaf, raw: unknown): LeafState {
  if (raw === undefined || raw === null) return { kind: 'error', reason: '缺少该指标的输入', inputs: {}, evidence: [] };
  if (!isRecord(raw)) return { kind: 'error', reason: '输入格式错误：应为对象', inputs: {}, evidence: [] };
  const rawEvidence = raw['evidence'];
  if (rawEvidence !== undefined && (!Array.isArray(rawEvidence) || !rawEvidence.every((e) => typeof e === 'string'))) {
    return { kind: 'error', reason: '佐证材料（evidence）必须是字符串数组', inputs: {}, evidence: [] };
  }
  const evidence: readonly string[] = (rawEvidence as string[] | undefined) ?? [];
  if (raw['notMeasurable'] === true) {
    const reason =
      typeof raw['reason'] === 'string' && raw['reason'].trim() !== '' ? raw['reason'].trim() : '难以单独统计';
    return { kind: 'substitute', reason, evidence };
  }
  const prepared = leaf.rule.prepare(raw, leaf.points);
  if (!prepared.ok) return { kind: 'error', reason: prepared.reason, inputs: {}, evidence };
  return { kind: 'prepared', leaf: prepared.leaf, evidence };
}

/** Validates the scheme (throws InvalidSchemeError when it is not valid) and evaluates every unit at once. */
export function evaluateScheme(scheme: Scheme, units: readonly UnitInput[], options: EvaluateOptions = {}): Evaluation {
  return evaluateCompiled(compileScheme(scheme), units, options);
}

/** Evaluates a whole population of units against a compiled scheme.
 *  Phases: read inputs → tier statistics per leaf (once) → score → tier-average substitution →
 *  subtotals, bonus, penalties, total, grade → rank within tier. Input errors are returned, not thrown. */
export function evaluateCompiled(
  scheme: CompiledScheme,
  units: readonly UnitInput[],
  options: EvaluateOptions = {},
): Evaluation {
  const errors: ScoringError[] = [];
  const work: UnitWork[] = [];
  const seen = new Set<string>();

  // 1. Read every unit's inputs.
  units.forEach((unit, position) => {
    const unitId = isRecord(unit) && typeof unit.unitId === 'string' && unit.unitId.trim() !== '' ? unit.unitId : null;
    if (unitId === null) {
      errors.push({ unitId: `#${position + 1}`, criterionId: null, reason: '单位编号（unitId）必须是非空字符串' });
      return;
    }
    if (seen.has(unitId)) {
      errors.push({ unitId, criterionId: null, reason: '单位重复出现，只计第一次' });
      return;
    }
    seen.add(unitId);
    const unitErrors: ScoringError[] = [];
    const tier = typeof unit.tier === 'string' ? unit.tier : DEFAULT_TIER;
    const leaves = isRecord(unit.leaves) ? unit.leaves : null;
    if (leaves === null)
      unitErrors.push({ unitId, criterionId: null, reason: '指标输入（leaves）必须是以末级指标编号为键的对象' });
    else {
      for (const key of Object.keys(leaves)) {
        if (!scheme.leafById.has(key)) unitErrors.push({ unitId, criterionId: key, reason: '方案中没有这个末级指标' });
      }
    }
    const states = scheme.leaves.map((leaf) => readLeafState(leaf, leaves?.[leaf.id]));
    work.push({
      unit,
      tier,
      states,
      scored: new Array<Scored | null>(scheme.leaves.length).fill(null),
      errors: unitErrors,
    });
  });

  // 2. Tier statistics, once per leaf that compares units (linear).
  const statsByLeaf: (Map<string, TierStats> | null)[] = scheme.leaves.map((leaf) => {
    if (!leaf.rule.needsTierStats) return null;
    const stats = new Map<string, TierStats>();
    for (const w of work) {
      const state = w.states[leaf.index];
      if (state?.kind !== 'prepared' || state.leaf.stat === null) continue;
      const value = state.leaf.stat;
      const current = stats.get(w.tier);
      if (!current) stats.set(w.tier, { min: value, max: value, count: 1 });
      else {
        if (value.lt(current.min)) current.min = value;
        if (value.gt(current.max)) current.max = value;
        current.count += 1;
      }
    }
    return stats;
  });

  // 3. Score every measured leaf.
  for (const w of work) {
    for (const leaf of scheme.leaves) {
      const state = w.states[leaf.index];
      if (state?.kind !== 'prepared') continue;
      const outcome = state.leaf.run(statsByLeaf[leaf.index]?.get(w.tier) ?? null);
      if (outcome.ok) {
        w.scored[leaf.index] = { exact: outcome.score, published: publish(outcome.score), steps: outcome.steps };
      } else {
        w.states[leaf.index] = {
          kind: 'error',
          reason: outcome.reason,
          inputs: state.leaf.inputs,
          evidence: state.evidence,
        };
      }
    }
  }

  // 4. Tier-average substitution: the average of the published scores of the tier's other, measured units.
  const substitutions = new Map<string, NonNullable<LeafExplanation['substitution']>>();
  for (const leaf of scheme.leaves) {
    if (!work.some((w) => w.states[leaf.index]?.kind === 'substitute')) continue;
    const pools = new Map<string, { total: Dec; unitIds: string[] }>();
    for (const w of work) {
      const scored = w.scored[leaf.index];
      if (!scored) continue;
      const pool = pools.get(w.tier) ?? { total: ZERO, unitIds: [] };
      pool.total = pool.total.plus(scored.published);
      pool.unitIds.push(w.unit.unitId);
      pools.set(w.tier, pool);
    }
    for (const w of work) {
      const state = w.states[leaf.index];
      if (state?.kind !== 'substitute') continue;
      const pool = pools.get(w.tier);
      if (!pool) {
        w.states[leaf.index] = {
          kind: 'error',
          reason: `${tierLabel(w.tier)}没有其他已测得该指标的单位，无法按类别平均得分计算`,
          inputs: { notMeasurable: 'true' },
          evidence: state.evidence,
        };
        continue;
      }
      const exact = pool.total.div(pool.unitIds.length);
      const published = publish(exact);
      w.scored[leaf.index] = {
        exact,
        published,
        steps: [
          `本单位该指标无法计量（${state.reason}），按${tierLabel(w.tier)}其他已测单位的平均得分计算`,
          `平均得分 = ${pool.unitIds.length} 个单位已公布得分之和 ${fmt(pool.total)} ÷ ${pool.unitIds.length} = ${fmt(exact)}，` +
            `四舍五入 ${toScoreString(published)}`,
        ],
      };
      substitutions.set(`${w.unit.unitId}\u0000${leaf.id}`, {
        tier: w.tier,
        reason: state.reason,
        fromUnitIds: [...pool.unitIds].sort(),
        average: toScoreString(published),
      });
    }
  }

  // 5. Per unit: leaves, subtotals, bonus, penalties, total, grade.
  const results: UnitResult[] = [];
  for (const w of work) {
    const unitId = w.unit.unitId;
    const leafResults: LeafResult[] = [];
    const nodeTotals: Dec[] = scheme.nodes.map(() => ZERO);
    let criteriaTotal = ZERO;
    for (const leaf of scheme.leaves) {
      const state = w.states[leaf.index] as LeafState;
      const scored = w.scored[leaf.index] ?? null;
      if (state.kind === 'error') w.errors.push({ unitId, criterionId: leaf.id, reason: state.reason });
      if (scored) {
        criteriaTotal = criteriaTotal.plus(scored.published);
        for (const a of leaf.ancestors) nodeTotals[a] = (nodeTotals[a] as Dec).plus(scored.published);
      }
      const substitution = substitutions.get(`${unitId}\u0000${leaf.id}`);
      const explanation: LeafExplanation = {
        rule: leaf.rule.kind,
        inputs:
          state.kind === 'prepared'
            ? state.leaf.inputs
            : state.kind === 'substitute'
              ? { notMeasurable: 'true' }
              : state.inputs,
        steps: state.kind === 'error' ? [`输入错误：${state.reason}`] : (scored?.steps ?? []),
        evidence: state.evidence,
        ...(substitution ? { substitution } : {}),
      };
      leafResults.push({
        criterionId: leaf.id,
        name: leaf.name,
        level: leaf.level,
        parentId: leaf.parentId,
        points: toScoreString(leaf.points),
        score: scored && state.kind !== 'error' ? toScoreString(scored.published) : null,
        exact: scored && state.kind !== 'error' ? scored.exact.toFixed() : null,
        substituted: substitution !== undefined,
        explanation,
      });
    }
    const subtotals: SubtotalResult[] = scheme.nodes.map((node, i) => ({
      criterionId: node.id,
      name: node.name,
      level: node.level,
      parentId: node.parentId,
      points: toScoreString(node.points),
      score: toScoreString(nodeTotals[i] as Dec),
    }));

    const bonus = summariseEvents(scheme.bonus, w.unit.bonus, unitId, '加分项', w.errors);
    const penalties = summariseEvents(scheme.penalties, w.unit.penalties, unitId, '扣分项', w.errors);
    const vetoes: UnitResult['vetoes'][number][] = [];
    if (w.unit.vetoes !== undefined && !Array.isArray(w.unit.vetoes)) {
      w.errors.push({ unitId, criterionId: null, reason: '否决事项输入必须是数组' });
    }
    for (const veto of Array.isArray(w.unit.vetoes) ? w.unit.vetoes : []) {
      const item = isRecord(veto) && typeof veto.itemId === 'string' ? scheme.vetoItems.get(veto.itemId) : undefined;
      if (!item) {
        w.errors.push({
          unitId,
          criterionId: isRecord(veto) && typeof veto.itemId === 'string' ? veto.itemId : null,
          reason: '方案中没有这个否决事项',
        });
        continue;
      }
      vetoes.push({
        itemId: item.id,
        name: item.name,
        note: typeof veto.note === 'string' ? veto.note : '',
        evidence: Array.isArray(veto.evidence)
          ? veto.evidence.filter((e: unknown): e is string => typeof e === 'string')
          : [],
      });
    }

    const total = criteriaTotal.plus(bonus.counted).minus(penalties.counted);
    const complete = w.errors.length === 0;
    const gradeBasis = scheme.gradeIncludesBonus ? total : total.minus(bonus.counted);
    errors.push(...w.errors);
    results.push({
      unitId,
      tier: w.tier,
      complete,
      leaves: leafResults,
      subtotals,
      criteriaTotal: toScoreString(criteriaTotal),
      bonus: bonus.summary,
      penalties: penalties.summary,
      total: toScoreString(total),
      grade: complete ? gradeFor(gradeBasis, scheme.grades) : null,
      vetoed: vetoes.length > 0,
      vetoes,
      rank: null,
      commended: null,
      admonished: null,
    });
  }

  // 6. Rank within tiers on the published totals.
  const ranking = rankWithinTiers(
    results.map((r) => ({ unitId: r.unitId, tier: r.tier, total: r.total, vetoed: r.vetoed, complete: r.complete })),
    options,
  );
  for (const r of results) {
    const outcome = ranking.get(r.unitId);
    if (outcome) Object.assign(r, outcome);
  }
  return { results, errors };
}

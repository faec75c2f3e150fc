import { D, fmt, toScoreString, type Dec } from '../decimal.js';
import { summariseEvents } from './events.js';
import { gradeFor } from './grade.js';
import { rankWithinTiers } from './ranking.js';
import { centsOfScoreText, flat, fmtFixed, publishedText, scoreTextOfCents, scoreTextOfFixed } from './texts.js';
import { compareStats, type StatValue, type TierStats } from './rules/rule.js';
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
} from './types.js';

/** The tier of units that name none: everyone is compared with everyone. */
export const DEFAULT_TIER = '';

type LeafState =
  | { kind: 'error'; reason: string; inputs: Record<string, string>; evidence: readonly string[] }
  | { kind: 'substitute'; reason: string; evidence: readonly string[] }
  | {
      kind: 'prepared';
      /** The input as the leaf's rule read it, scored by that rule. */
      input: unknown;
      inputs: Record<string, string>;
      stat: StatValue | null;
      evidence: readonly string[];
    };

/** A leaf's score as texts: every figure published is written from the exact text once, not from Decimals. */
interface Scored {
  /** `toFixed()` of the exact score. */
  exact: string;
  /** Half-up to two decimals, as published. */
  published: string;
  /** The published score in whole cents, or null when a JS number cannot hold it exactly. */
  cents: number | null;
  steps: string[];
}

/**
 * A sum of published scores (two decimals each): whole cents in a JS number while that is exact, which is every
 * real table; beyond 2^53 − 1 cents it goes on in Decimal, adding the same values in the same order as before.
 */
class PublishedSum {
  private cents = 0;
  private exact: Dec | null = null;

  add(score: Pick<Scored, 'published' | 'cents'>): void {
    if (this.exact === null && score.cents !== null) {
      const next = this.cents + score.cents;
      // Whole numbers whose sum is still a safe integer were added without rounding.
      if (Number.isSafeInteger(next)) {
        this.cents = next;
        return;
      }
    }
    this.exact = (this.exact ?? new D(scoreTextOfCents(this.cents))).plus(new D(score.published));
  }

  /** `publishedText` of the sum. */
  text(): string {
    return this.exact === null ? scoreTextOfCents(this.cents) : publishedText(this.exact);
  }

  value(): Dec {
    return this.exact ?? new D(scoreTextOfCents(this.cents));
  }
}

interface UnitWork {
  unit: UnitInput;
  tier: string;
  leaves: Readonly<Record<string, unknown>> | null;
  /** Read in the first pass only for the leaves whose rule needs tier statistics; the others are read when scored. */
  statStates: (LeafState | undefined)[];
  errors: ScoringError[];
}

/** A unit scored but waiting for its tier's averages (it has a leaf that cannot be measured). */
interface Pending {
  position: number;
  w: UnitWork;
  states: LeafState[];
  scored: (Scored | null)[];
}

interface Pool {
  total: PublishedSum;
  unitIds: string[];
  /** Written once per pool, for every unit that takes this average. */
  average: (Omit<Scored, 'steps'> & { text: string; sortedIds: string[] }) | null;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tierLabel(tier: string): string {
  return tier === DEFAULT_TIER ? '全部单位' : `“${tier}”类别`;
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function readLeafState(leaf: CompiledLeaf, raw: unknown): LeafState {
  if (raw === undefined || raw === null) return { kind: 'error', reason: '缺少该指标的输入', inputs: {}, evidence: [] };
  if (!isRecord(raw)) return { kind: 'error', reason: '输入格式错误：应为对象', inputs: {}, evidence: [] };
  const rawEvidence = raw['evidence'];
  if (rawEvidence !== undefined && !isStringArray(rawEvidence)) {
    return { kind: 'error', reason: '佐证材料（evidence）必须是字符串数组', inputs: {}, evidence: [] };
  }
  const evidence: readonly string[] = rawEvidence ?? [];
  if (raw['notMeasurable'] === true) {
    const reason =
      typeof raw['reason'] === 'string' && raw['reason'].trim() !== '' ? raw['reason'].trim() : '难以单独统计';
    return { kind: 'substitute', reason, evidence };
  }
  const read = leaf.rule.read(raw);
  if (!read.ok) return { kind: 'error', reason: read.reason, inputs: {}, evidence };
  return { kind: 'prepared', input: read.input, inputs: read.inputs, stat: leaf.rule.statValue(read.input), evidence };
}

/** Validates the scheme (throws InvalidSchemeError when it is not valid) and evaluates every unit at once. */
export function evaluateScheme(scheme: Scheme, units: readonly UnitInput[], options: EvaluateOptions = {}): Evaluation {
  return evaluateCompiled(compileScheme(scheme), units, options);
}

/** Evaluates a whole population of units against a compiled scheme.
 *  Passes: read inputs (and the values of the leaves that compare units) → tier statistics per leaf (once) →
 *  per unit: score, subtotals, bonus, penalties, total, grade → tier-average substitution for the units that
 *  need it → rank within tier. Input errors are returned, not thrown.
 *  A unit is finished as soon as it is scored, so what it needed on the way is garbage while still young:
 *  a year-end table's cost was mostly the collector copying every unit's working state. */
export function evaluateCompiled(
  scheme: CompiledScheme,
  units: readonly UnitInput[],
  options: EvaluateOptions = {},
): Evaluation {
  const errors: ScoringError[] = [];
  const work: UnitWork[] = [];
  const seen = new Set<string>();
  const statLeaves = scheme.leaves.filter((leaf) => leaf.rule.needsTierStats);
  // Leaves some unit may not measure: only their scores are pooled for tier averages.
  const averaged = new Set<number>();

  // 1. Read every unit.
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
      for (const leaf of scheme.leaves) {
        const raw = leaves[leaf.id];
        if (isRecord(raw) && raw['notMeasurable'] === true) averaged.add(leaf.index);
      }
    }
    const statStates: (LeafState | undefined)[] = [];
    for (const leaf of statLeaves) statStates[leaf.index] = readLeafState(leaf, leaves?.[leaf.id]);
    work.push({ unit, tier, leaves, statStates, errors: unitErrors });
  });

  // 2. Tier statistics, once per leaf that compares units (linear): only each tier's best and worst become Decimals.
  const statsByLeaf: (Map<string, TierStats> | null)[] = scheme.leaves.map((leaf) => {
    if (!leaf.rule.needsTierStats) return null;
    const extremes = new Map<string, { min: StatValue; max: StatValue; count: number }>();
    for (const w of work) {
      const state = w.statStates[leaf.index];
      if (state?.kind !== 'prepared' || state.stat === null) continue;
      const value = state.stat;
      const current = extremes.get(w.tier);
      if (!current) extremes.set(w.tier, { min: value, max: value, count: 1 });
      else {
        if (compareStats(value, current.min) < 0) current.min = value;
        if (compareStats(value, current.max) > 0) current.max = value;
        current.count += 1;
      }
    }
    const stats = new Map<string, TierStats>();
    for (const [tier, { min, max, count }] of extremes) stats.set(tier, { min: min.value, max: max.value, count });
    return stats;
  });

  // 3. Per unit: score every measured leaf, pool the published scores that tier averages are taken from,
  //    and finish the unit unless it waits for an average.
  const leafPoints = scheme.leaves.map((leaf) => toScoreString(leaf.points));
  const nodePoints = scheme.nodes.map((node) => toScoreString(node.points));
  const pools: (Map<string, Pool> | null)[] = scheme.leaves.map((leaf) =>
    averaged.has(leaf.index) ? new Map() : null,
  );
  const results: (UnitResult | null)[] = [];
  const unitErrors: ScoringError[][] = [];
  const totals: (Dec | null)[] = [];
  const pending: Pending[] = [];
  work.forEach((w, position) => {
    const states: LeafState[] = [];
    const scored: (Scored | null)[] = [];
    let waits = false;
    for (const leaf of scheme.leaves) {
      let state = w.statStates[leaf.index] ?? readLeafState(leaf, w.leaves?.[leaf.id]);
      let score: Scored | null = null;
      if (state.kind === 'prepared') {
        const outcome = leaf.rule.score(state.input, leaf.points, statsByLeaf[leaf.index]?.get(w.tier) ?? null);
        if (outcome.ok) {
          const published = scoreTextOfFixed(outcome.exact);
          score = { exact: outcome.exact, published, cents: centsOfScoreText(published), steps: outcome.steps };
          const leafPools = pools[leaf.index];
          if (leafPools) {
            let pool = leafPools.get(w.tier);
            if (!pool) {
              pool = { total: new PublishedSum(), unitIds: [], average: null };
              leafPools.set(w.tier, pool);
            }
            pool.total.add(score);
            pool.unitIds.push(w.unit.unitId);
          }
        } else {
          state = { kind: 'error', reason: outcome.reason, inputs: state.inputs, evidence: state.evidence };
        }
      } else if (state.kind === 'substitute') waits = true;
      states.push(state);
      scored.push(score);
    }
    results.push(null);
    unitErrors.push(w.errors);
    totals.push(null);
    if (waits) pending.push({ position, w, states, scored });
    else finish(position, w, states, scored, null);
  });

  // 4. Tier-average substitution: the average of the published scores of the tier's other, measured units.
  for (const { position, w, states, scored } of pending) {
    const substitutions: (NonNullable<LeafExplanation['substitution']> | undefined)[] = [];
    for (const leaf of scheme.leaves) {
      const state = states[leaf.index] as LeafState;
      if (state.kind !== 'substitute') continue;
      const pool = pools[leaf.index]?.get(w.tier);
      if (!pool) {
        states[leaf.index] = {
          kind: 'error',
          reason: `${tierLabel(w.tier)}没有其他已测得该指标的单位，无法按类别平均得分计算`,
          inputs: { notMeasurable: 'true' },
          evidence: state.evidence,
        };
        continue;
      }
      if (pool.average === null) {
        const total = pool.total.value();
        const exact = total.div(pool.unitIds.length).toFixed();
        const published = scoreTextOfFixed(exact);
        pool.average = {
          exact,
          published,
          cents: centsOfScoreText(published),
          text: flat`平均得分 = ${pool.unitIds.length} 个单位已公布得分之和 ${fmt(total)} ÷ ${pool.unitIds.length} = ${fmtFixed(
            exact,
          )}，四舍五入 ${published}`,
          sortedIds: [...pool.unitIds].sort(),
        };
      }
      const { exact, published, cents, text, sortedIds } = pool.average;
      scored[leaf.index] = {
        exact,
        published,
        cents,
        steps: [flat`本单位该指标无法计量（${state.reason}），按${tierLabel(w.tier)}其他已测单位的平均得分计算`, text],
      };
      substitutions[leaf.index] = {
        tier: w.tier,
        reason: state.reason,
        fromUnitIds: sortedIds.slice(),
        average: published,
      };
    }
    finish(position, w, states, scored, substitutions);
  }

  // 5. One unit's leaves, subtotals, bonus, penalties, total and grade.
  function finish(
    position: number,
    w: UnitWork,
    states: readonly LeafState[],
    scoredLeaves: readonly (Scored | null)[],
    substitutions: readonly (NonNullable<LeafExplanation['substitution']> | undefined)[] | null,
  ): void {
    const unitId = w.unit.unitId;
    const leafResults: LeafResult[] = [];
    const nodeTotals = scheme.nodes.map(() => new PublishedSum());
    const criteriaSum = new PublishedSum();
    for (const leaf of scheme.leaves) {
      const state = states[leaf.index] as LeafState;
      const scored = scoredLeaves[leaf.index] ?? null;
      if (state.kind === 'error') w.errors.push({ unitId, criterionId: leaf.id, reason: state.reason });
      if (scored) {
        criteriaSum.add(scored);
        for (const a of leaf.ancestors) (nodeTotals[a] as PublishedSum).add(scored);
      }
      const substitution = substitutions?.[leaf.index];
      const explanation: LeafExplanation = {
        rule: leaf.rule.kind,
        inputs:
          state.kind === 'prepared'
            ? state.inputs
            : state.kind === 'substitute'
              ? { notMeasurable: 'true' }
              : state.inputs,
        steps: state.kind === 'error' ? [`输入错误：${state.reason}`] : (scored?.steps ?? []),
        evidence: state.evidence,
      };
      if (substitution) explanation.substitution = substitution;
      const measured = scored !== null && state.kind !== 'error';
      leafResults.push({
        criterionId: leaf.id,
        name: leaf.name,
        level: leaf.level,
        parentId: leaf.parentId,
        points: leafPoints[leaf.index] as string,
        score: measured ? scored.published : null,
        exact: measured ? scored.exact : null,
        substituted: substitution !== undefined,
        explanation,
      });
    }
    const subtotals: SubtotalResult[] = scheme.nodes.map((node, i) => ({
      criterionId: node.id,
      name: node.name,
      level: node.level,
      parentId: node.parentId,
      points: nodePoints[i] as string,
      score: (nodeTotals[i] as PublishedSum).text(),
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

    const criteriaTotal = criteriaSum.value();
    const total = criteriaTotal.plus(bonus.counted).minus(penalties.counted);
    const complete = w.errors.length === 0;
    const gradeBasis = scheme.gradeIncludesBonus ? total : total.minus(bonus.counted);
    totals[position] = total;
    results[position] = {
      unitId,
      tier: w.tier,
      complete,
      leaves: leafResults,
      subtotals,
      criteriaTotal: criteriaSum.text(),
      bonus: bonus.summary,
      penalties: penalties.summary,
      total: publishedText(total),
      grade: complete ? gradeFor(gradeBasis, scheme.grades) : null,
      vetoed: vetoes.length > 0,
      vetoes,
      rank: null,
      commended: null,
      admonished: null,
    };
  }

  const finished = results.filter((r): r is UnitResult => r !== null);
  for (const list of unitErrors) errors.push(...list);

  // 6. Rank within tiers on the published totals.
  const ranking = rankWithinTiers(
    // The exact totals: already at 2 decimals, they are the published totals without parsing them back.
    finished.map((r, i) => ({
      unitId: r.unitId,
      tier: r.tier,
      total: totals[i] as Dec,
      vetoed: r.vetoed,
      complete: r.complete,
    })),
    options,
  );
  for (const r of finished) {
    const outcome = ranking.get(r.unitId);
    if (outcome) Object.assign(r, outcome);
  }
  return { results: finished, errors };
}

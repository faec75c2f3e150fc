import type { LeafInput, UnitInput, UnitResult } from '@app/domain';
import type { FrozenResults } from './entities/assessment.entity.js';

// One named type per kind of value: the OpenAPI document names every schema after a type.
type Change<T> = { before: T; after: T };
/** A score, total or grade before and after (null where there was none). */
export interface TextChange {
  before: string | null;
  after: string | null;
}
/** A rank before and after. */
export interface RankChange {
  before: number | null;
  after: number | null;
}
/** A commendation or admonition before and after (null where the tier's ranking was withheld). */
export interface FlagChange {
  before: boolean | null;
  after: boolean | null;
}
/** A leaf's input before and after. */
export interface InputChange {
  before: LeafInput | null;
  after: LeafInput | null;
}

/** One leaf of one unit whose input or score differs between two revisions. */
export interface LeafChange {
  criterionId: string;
  name: string;
  input: InputChange;
  score: TextChange;
}

/** What changed for one unit: its changed leaves, and its total, rank, grade, commendation and admonition. */
export interface UnitChange {
  unitId: string;
  tier: string;
  leaves: LeafChange[];
  total: TextChange;
  rank: RankChange;
  grade: TextChange;
  commended: FlagChange;
  admonished: FlagChange;
}

export interface RevisionDiff {
  from: number;
  to: number;
  /** Only units with a difference, in the order of the later revision. */
  units: UnitChange[];
}

/** Equal as stored JSON: the frozen inputs are plain data, written and read back by PostgreSQL's jsonb. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}

function change<T>(before: T, after: T): Change<T> {
  return { before, after };
}

/**
 * What a later revision changed against an earlier one, unit by unit: a unit appears when any leaf's input or score,
 * its total, rank, grade, commendation or admonition differs (a unit that lost its commendation to another's
 * upheld appeal is listed, though none of its inputs moved). Pure.
 */
export function diffRevisions(from: FrozenResults, to: FrozenResults): RevisionDiff {
  const inputsBefore = new Map<string, UnitInput>(from.inputs.map((u) => [u.unitId, u]));
  const inputsAfter = new Map<string, UnitInput>(to.inputs.map((u) => [u.unitId, u]));
  const resultsBefore = new Map<string, UnitResult>(from.results.map((r) => [r.unitId, r]));
  const units: UnitChange[] = [];
  for (const after of to.results) {
    const before = resultsBefore.get(after.unitId);
    const scoreBefore = new Map(before?.leaves.map((l) => [l.criterionId, l.score]) ?? []);
    const leaves: LeafChange[] = [];
    for (const leaf of after.leaves) {
      const input = change(
        inputsBefore.get(after.unitId)?.leaves[leaf.criterionId] ?? null,
        inputsAfter.get(after.unitId)?.leaves[leaf.criterionId] ?? null,
      );
      const score = change(scoreBefore.get(leaf.criterionId) ?? null, leaf.score);
      if (!same(input.before, input.after) || score.before !== score.after)
        leaves.push({ criterionId: leaf.criterionId, name: leaf.name, input, score });
    }
    const unit: UnitChange = {
      unitId: after.unitId,
      tier: after.tier,
      leaves,
      total: change(before?.total ?? null, after.total),
      rank: change(before?.rank ?? null, after.rank),
      grade: change(before?.grade ?? null, after.grade),
      commended: change(before?.commended ?? null, after.commended),
      admonished: change(before?.admonished ?? null, after.admonished),
    };
    const moved = [unit.total, unit.rank, unit.grade, unit.commended, unit.admonished].some(
      (c) => c.before !== c.after,
    );
    if (leaves.length > 0 || moved) units.push(unit);
  }
  return { from: from.revision, to: to.revision, units };
}

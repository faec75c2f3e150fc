import { Decimal } from 'decimal.js';
import { competitionRanks, type LeafExplanation, type UnitResult } from '@app/domain';

/** A file uploaded for one leaf of a unit's self-assessment. */
export interface EntryFile {
  criterionId: string;
  sha256: string;
  filename: string;
  uploadedAt: Date;
}

export interface LeafComparison {
  criterionId: string;
  name: string;
  points: string;
  score: string | null;
  explanation: LeafExplanation;
  tier: { average: string; best: string; rankInTier: number | null; units: number };
  /** The evidence the scored entry cites, by the names it was uploaded under. */
  files: EntryFile[];
  /** Why the score is not the unit's own, in a sentence (不可单独统计：…，按同档平均分计); null when it is. */
  note: string | null;
}

export interface Explanation {
  unitId: string;
  tier: string;
  total: string;
  rank: number | null;
  grade: string | null;
  subtotals: UnitResult['subtotals'];
  bonus: UnitResult['bonus'];
  penalties: UnitResult['penalties'];
  vetoes: UnitResult['vetoes'];
  leaves: LeafComparison[];
}

/**
 * A unit's result point by point, each leaf set against its tier: the tier's average and best
 * published score on that leaf and the unit's rank on it (equal scores share a rank), with the
 * unit's uploaded files that the scored entry cites.
 */
export function explain(
  results: readonly UnitResult[],
  unitId: string,
  uploads: readonly EntryFile[] = [],
): Explanation | null {
  const own = results.find((r) => r.unitId === unitId);
  if (!own) return null;
  const tier = results.filter((r) => r.tier === own.tier);
  const leaves = own.leaves.map((leaf) => {
    const scores = tier
      .map((r) => r.leaves.find((l) => l.criterionId === leaf.criterionId)?.score)
      .filter((s): s is string => s !== null && s !== undefined);
    const decimals = scores.map((s) => new Decimal(s));
    const average = decimals.length
      ? decimals
          .reduce((a, b) => a.plus(b), new Decimal(0))
          .div(decimals.length)
          .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          .toFixed(2)
      : '0.00';
    const best = decimals.length ? Decimal.max(...decimals).toFixed(2) : '0.00';
    const sorted = [...decimals].sort((a, b) => b.comparedTo(a));
    const ranks = competitionRanks(sorted);
    const rankInTier = leaf.score === null ? null : (ranks[sorted.findIndex((d) => d.eq(leaf.score!))] ?? null);
    return {
      criterionId: leaf.criterionId,
      name: leaf.name,
      points: leaf.points,
      score: leaf.score,
      explanation: leaf.explanation,
      tier: { average, best, rankInTier, units: decimals.length },
      files: uploads.filter((f) => f.criterionId === leaf.criterionId && leaf.explanation.evidence.includes(f.sha256)),
      note: leaf.explanation.substitution ? `${leaf.explanation.substitution.reason}，按同档平均分计` : null,
    };
  });
  return {
    unitId,
    tier: own.tier,
    total: own.total,
    rank: own.rank,
    grade: own.grade,
    subtotals: own.subtotals,
    bonus: own.bonus,
    penalties: own.penalties,
    vetoes: own.vetoes,
    leaves,
  };
}

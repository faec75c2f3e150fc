import { Decimal } from 'decimal.js';
import {
  competitionRanks,
  type EventLine,
  type EventSummary,
  type LeafExplanation,
  type UnitResult,
} from '@app/domain';

/** A file uploaded for a unit's year-end assessment: for a leaf (self-assessment or review), an event or an appeal. */
export interface EntryFile {
  purpose: 'self' | 'review' | 'event' | 'appeal';
  unitId: string;
  /** The leaf it was uploaded for; '' for an event's or an appeal's file. */
  criterionId: string;
  sha256: string;
  filename: string;
  /** Bytes. */
  size: number;
  uploadedAt: Date;
  /** Where whoever may read it downloads it. */
  href: string;
}

/** A bonus or penalty line with the files its event cites. */
export interface ExplainedEventLine extends EventLine {
  files: EntryFile[];
}

export interface ExplainedEvents extends Omit<EventSummary, 'items'> {
  items: ExplainedEventLine[];
}

export type ExplainedVeto = UnitResult['vetoes'][number] & { files: EntryFile[] };

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
  bonus: ExplainedEvents;
  penalties: ExplainedEvents;
  vetoes: ExplainedVeto[];
  leaves: LeafComparison[];
}

/**
 * A unit's result point by point, each leaf set against its tier: the tier's average and best
 * published score on that leaf and the unit's rank on it (equal scores share a rank), with the
 * unit's uploaded files that the scored entry cites; each bonus, penalty and veto with the files its
 * event cites.
 */
export function explain(
  results: readonly UnitResult[],
  unitId: string,
  uploads: readonly EntryFile[] = [],
): Explanation | null {
  const own = results.find((r) => r.unitId === unitId);
  if (!own) return null;
  const tier = results.filter((r) => r.tier === own.tier);
  const eventFiles = uploads.filter((f) => f.purpose === 'event');
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
      files: once(
        uploads.filter(
          (f) =>
            (f.purpose === 'self' || f.purpose === 'review') &&
            f.criterionId === leaf.criterionId &&
            leaf.explanation.evidence.includes(f.sha256),
        ),
      ),
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
    bonus: withFiles(own.bonus, eventFiles),
    penalties: withFiles(own.penalties, eventFiles),
    vetoes: own.vetoes.map((v) => ({ ...v, files: cited(eventFiles, v.evidence) })),
    leaves,
  };
}

/** Each file once: the same bytes may have been uploaded at the self-assessment and again at review. */
function once(files: readonly EntryFile[]): EntryFile[] {
  return files.filter((f, i) => files.findIndex((g) => g.sha256 === f.sha256) === i);
}

function cited(files: readonly EntryFile[], evidence: readonly string[]): EntryFile[] {
  return once(files.filter((f) => evidence.includes(f.sha256)));
}

function withFiles(summary: EventSummary, files: readonly EntryFile[]): ExplainedEvents {
  return { ...summary, items: summary.items.map((line) => ({ ...line, files: cited(files, line.evidence) })) };
}

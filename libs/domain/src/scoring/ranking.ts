import { compareDecimals, parseDecimal, type Dec, type NumberLike } from '../decimal.js';

export interface RankingEntry {
  unitId: string;
  tier: string;
  /** The published total. */
  total: Dec | NumberLike;
  vetoed?: boolean;
  /** An incomplete unit withholds its tier's ranking (default true). */
  complete?: boolean;
}
export interface RankingOptions {
  /** Counties only: mark commendation and admonition. */
  commendation?: boolean;
  /** Default 3. */
  commendationTopN?: number;
}
export interface RankingOutcome {
  rank: number | null;
  commended: boolean | null;
  admonished: boolean | null;
}

export const DEFAULT_COMMENDATION_TOP_N = 3;

/** Competition ranks ("1224"), highest first: equal totals share a rank and the next rank skips.
 *  Compared with `compareDecimals`: `cmp` copies its argument on every call, and a county's sort makes thousands. */
export function competitionRanks(totals: readonly Dec[]): number[] {
  const order = totals.map((_, i) => i).sort((a, b) => compareDecimals(totals[b] as Dec, totals[a] as Dec));
  const ranks = new Array<number>(totals.length);
  order.forEach((index, position) => {
    const previous = order[position - 1];
    ranks[index] =
      previous !== undefined && compareDecimals(totals[previous] as Dec, totals[index] as Dec) === 0
        ? (ranks[previous] as number)
        : position + 1;
  });
  return ranks;
}

function toDec(value: Dec | NumberLike, unitId: string): Dec {
  if (typeof value === 'object') return value;
  const parsed = parseDecimal(value);
  if (parsed === null) throw new RangeError(`单位 ${unitId} 的总分无法识别：${String(value)}`);
  return parsed;
}

/** Ranks units within their tier by published total. With commendation on (counties):
 *  commended = rank ≤ N among the tier's units that are not vetoed (a tie at the cut commends all tied);
 *  admonished = every unit with the tier's lowest total, when not all totals in the tier are equal.
 *  A tier with an incomplete unit gets no ranking at all (all null). The result does not depend on input order. */
export function rankWithinTiers(
  entries: readonly RankingEntry[],
  options: RankingOptions = {},
): Map<string, RankingOutcome> {
  const topN = options.commendationTopN ?? DEFAULT_COMMENDATION_TOP_N;
  const tiers = new Map<string, { unitId: string; total: Dec; vetoed: boolean; complete: boolean }[]>();
  for (const e of entries) {
    const list = tiers.get(e.tier) ?? [];
    list.push({
      unitId: e.unitId,
      total: toDec(e.total, e.unitId),
      vetoed: e.vetoed ?? false,
      complete: e.complete ?? true,
    });
    tiers.set(e.tier, list);
  }
  const outcome = new Map<string, RankingOutcome>();
  for (const members of tiers.values()) {
    if (members.some((m) => !m.complete)) {
      for (const m of members) outcome.set(m.unitId, { rank: null, commended: null, admonished: null });
      continue;
    }
    const ranks = competitionRanks(members.map((m) => m.total));
    const eligible = members.filter((m) => !m.vetoed);
    const eligibleRanks = competitionRanks(eligible.map((m) => m.total));
    const commended = new Set(eligible.filter((_, i) => (eligibleRanks[i] as number) <= topN).map((m) => m.unitId));
    let lowest = members[0]?.total;
    let highest = lowest;
    for (const m of members) {
      if (lowest === undefined || compareDecimals(m.total, lowest) < 0) lowest = m.total;
      if (highest === undefined || compareDecimals(m.total, highest) > 0) highest = m.total;
    }
    const someoneIsLast = lowest !== undefined && highest !== undefined && compareDecimals(lowest, highest) < 0;
    members.forEach((m, i) => {
      outcome.set(m.unitId, {
        rank: ranks[i] as number,
        commended: options.commendation ? commended.has(m.unitId) : null,
        admonished: options.commendation
          ? someoneIsLast && lowest !== undefined && compareDecimals(m.total, lowest) === 0
          : null,
      });
    });
  }
  return outcome;
}

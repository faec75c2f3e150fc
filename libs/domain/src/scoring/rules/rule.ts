import { D, compareDecimals, type Dec } from '../../decimal.js';
import { fixedCompare, type Fixed } from '../../fixed-decimal.js';
import type { RuleKind, SchemeIssue } from '../types.js';

/** min and max of the measured values of one leaf within one tier (for linear conversion). */
export interface TierStats {
  min: Dec;
  max: Dec;
  count: number;
}

/** A unit's value entering the tier statistics. Values are compared in fixed point when both have it, so a
 *  Decimal is made only for the values that need one: a tier's best and worst, and those too long for fixed point. */
export interface StatValue {
  /** The value in fixed point, or null when it is too long for it. */
  readonly fixed: Fixed | null;
  readonly value: Dec;
}

export function compareStats(a: StatValue, b: StatValue): number {
  return a.fixed !== null && b.fixed !== null ? fixedCompare(a.fixed, b.fixed) : compareDecimals(a.value, b.value);
}

/** A leaf's computed score before publishing, with its exact text (`score.toFixed()`) and the steps that explain it.
 *  The text is made once, by the rule that writes it into the steps too: the published score is rounded from it. */
export class LeafScore {
  readonly ok = true;
  constructor(
    readonly exact: string,
    readonly steps: string[],
    private decimal: Dec | null = null,
  ) {}

  /** The exact score as a Decimal. A rule that computed without one makes it from the text only when asked:
   *  the evaluation reads the text. */
  get score(): Dec {
    return (this.decimal ??= new D(this.exact));
  }
}
export type Outcome = LeafScore | { ok: false; reason: string };

/** One unit's input for a leaf, read and checked. */
export type ReadResult<I> = { ok: true; input: I; inputs: Record<string, string> } | { ok: false; reason: string };

/** One rule kind: how its JSON parameters are checked, how an input is read, how it is scored.
 *  `score` is a pure function of (parameters, input, points, tier statistics). */
export interface RuleHandler<P, I> {
  kind: RuleKind;
  compile(rule: Readonly<Record<string, unknown>>, points: Dec, path: string, issues: SchemeIssue[]): P | null;
  read(raw: Readonly<Record<string, unknown>>, params: P): ReadResult<I>;
  score(params: P, input: I, points: Dec, tier: TierStats | null): Outcome;
  /** Only rules that compare a unit with its tier (linear) expose the value entering the statistics. */
  statValue?(input: I): StatValue;
}

/**
 * A compiled leaf rule with its parameter and input types hidden. The parameters are bound once per scheme;
 * a unit's input is passed back as it was read, so scoring a leaf makes no closure per unit.
 */
export interface BoundRule {
  kind: RuleKind;
  needsTierStats: boolean;
  read(raw: Readonly<Record<string, unknown>>): ReadResult<unknown>;
  /** The value entering the tier statistics; null for the rules that need none. */
  statValue(input: unknown): StatValue | null;
  score(input: unknown, points: Dec, tier: TierStats | null): Outcome;
}

export function bindRule<P, I>(handler: RuleHandler<P, I>, params: P): BoundRule {
  const statValue = handler.statValue;
  return {
    kind: handler.kind,
    needsTierStats: statValue !== undefined,
    read: (raw) => handler.read(raw, params),
    // The input was read by `read` above for this same rule: it is an I.
    statValue: (input) => (statValue ? statValue(input as I) : null),
    score: (input, points, tier) => handler.score(params, input as I, points, tier),
  };
}

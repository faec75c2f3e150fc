import type { Dec } from '../../../../decimal.js';
import type { RuleKind, SchemeIssue } from '../../../types.js';

/** min and max of the measured values of one leaf within one tier (for linear conversion). */
export interface TierStats {
  min: Dec;
  max: Dec;
  count: number;
}

/** A leaf's computed score before publishing, with the steps that explain it. */
export type Outcome = { ok: true; score: Dec; steps: string[] } | { ok: false; reason: string };

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
  statValue?(input: I): Dec;
}

/** A unit's leaf input, read and ready to score once tier statistics are known. */
export interface PreparedLeaf {
  inputs: Record<string, string>;
  stat: Dec | null;
  run(tier: TierStats | null): Outcome;
}

/** A compiled leaf rule with its parameter types hidden. */
export interface BoundRule {
  kind: RuleKind;
  needsTierStats: boolean;
  prepare(
    raw: Readonly<Record<string, unknown>>,
    points: Dec,
  ): { ok: true; leaf: PreparedLeaf } | { ok: false; reason: string };
}

export function bindRule<P, I>(handler: RuleHandler<P, I>, params: P): BoundRule {
  return {
    kind: handler.kind,
    needsTierStats: handler.statValue !== undefined,
    prepare(raw, points) {
      const read = handler.read(raw, params);
      if (!read.ok) return read;
      const input = read.input;
      return {
        ok: true,
        leaf: {
          inputs: read.inputs,
          stat: handler.statValue ? handler.statValue(input) : null,
          run: (tier) => handler.score(params, input, points, tier),
        },
      };
    },
  };
}

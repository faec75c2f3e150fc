import { evaluateScheme } from './evaluate.js';
import type {
  EvaluateOptions,
  Evaluation,
  LeafInput,
  LeafResult,
  NumberLike,
  Rule,
  Scheme,
  UnitInput,
} from './types.js';

/** Test helpers for the scoring specs (not part of the public API). */

export function oneLeafScheme(rule: Rule, points: NumberLike = 10): Scheme {
  return { id: 'one', name: '单项', total: points, criteria: [{ id: 'x', name: '测试指标', points, rule }] };
}

/** Scores one input against a one-leaf scheme through the public path. */
export function scoreOne(
  rule: Rule,
  points: NumberLike,
  input: LeafInput | undefined,
): { leaf: LeafResult; evaluation: Evaluation } {
  const evaluation = evaluateScheme(oneLeafScheme(rule, points), [
    { unitId: 'u', leaves: input === undefined ? {} : { x: input } },
  ]);
  const leaf = evaluation.results[0]?.leaves[0];
  if (!leaf) throw new Error('no leaf result');
  return { leaf, evaluation };
}

/** Scores a population of values on one leaf (for rules that compare units in a tier). */
export function scorePopulation(
  rule: Rule,
  points: NumberLike,
  units: readonly { unitId: string; tier?: string; input: LeafInput }[],
  options: EvaluateOptions = {},
): Record<string, string | null> {
  const inputs: UnitInput[] = units.map((u) => ({ unitId: u.unitId, tier: u.tier, leaves: { x: u.input } }));
  const { results } = evaluateScheme(oneLeafScheme(rule, points), inputs, options);
  return Object.fromEntries(results.map((r) => [r.unitId, r.leaves[0]?.score ?? null]));
}

/** mulberry32: a small seeded PRNG, so shuffles are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateScheme } from './evaluate.js';
import { referenceEvaluateScheme } from './testing/reference-engine/index.js';
import { scoringCase, type ScoringCase } from './testing/scheme-arbitraries.js';

type Outcome = { ok: true; json: string; value: unknown } | { ok: false; error: string };

function outcome(evaluate: typeof evaluateScheme, c: ScoringCase): Outcome {
  try {
    const value = evaluate(c.scheme, c.units, c.options);
    return { ok: true, json: JSON.stringify(value), value };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** The fast engine must publish exactly what the engine before it did: totals, ranks, grades, every explanation. */
function assertSameAsReference(c: ScoringCase): void {
  const expected = outcome(referenceEvaluateScheme, c);
  const actual = outcome(evaluateScheme, c);
  if (expected.ok && actual.ok) {
    // The serialised form is what is stored and shown: key order and absent keys count too.
    expect(actual.json).toBe(expected.json);
    expect(actual.value).toStrictEqual(expected.value);
  } else {
    expect(actual).toEqual(expected);
  }
}

describe('evaluateScheme publishes exactly what the reference engine does', () => {
  it('on small random schemes and populations (every rule kind, errors, ties, tiers)', () => {
    fc.assert(fc.property(scoringCase(10), assertSameAsReference), { numRuns: 300 });
  });

  it('on larger populations, where tier statistics, averages and ranks have many members', () => {
    fc.assert(fc.property(scoringCase(60), assertSameAsReference), { numRuns: 40 });
  });
});

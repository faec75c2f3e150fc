import { describe, expect, it } from '@jest/globals';
import { evaluateScheme, type Scheme } from '@app/domain';
import type { FrozenResults, FrozenUnitInput } from './entities/assessment.entity.js';
import { diffRevisions } from './revision-diff.js';

const scheme: Scheme = {
  id: 's',
  name: '县区考评',
  total: 100,
  criteria: [
    { id: 'a', name: '科技投入', points: 50, rule: { kind: 'manual' } },
    { id: 'b', name: '平台建设', points: 50, rule: { kind: 'manual' } },
  ],
};

function frozen(revision: number, scores: Record<string, [number, number]>): FrozenResults {
  const inputs: FrozenUnitInput[] = Object.entries(scores).map(([unitId, [a, b]]) => ({
    unitId,
    tier: '一类',
    leaves: { a: { score: a, reason: '核定' }, b: { score: b, reason: '核定' } },
  }));
  const { results } = evaluateScheme(scheme, inputs, { commendation: true, commendationTopN: 1 });
  return { revision, schemeVersion: 1, inputs, results };
}

describe('diffRevisions', () => {
  it('lists the appealed leaf, and a unit whose rank and commendation moved though none of its inputs did', () => {
    const before = frozen(1, { u1: [40, 40], u2: [45, 40], u3: [30, 30] });
    const after = frozen(2, { u1: [48, 40], u2: [45, 40], u3: [30, 30] });
    const diff = diffRevisions(before, after);
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.units.map((u) => u.unitId)).toEqual(['u1', 'u2']);
    const [u1, u2] = diff.units;
    expect(u1!.leaves).toEqual([
      {
        criterionId: 'a',
        name: '科技投入',
        input: { before: { score: 40, reason: '核定' }, after: { score: 48, reason: '核定' } },
        score: { before: '40.00', after: '48.00' },
      },
    ]);
    expect(u1!.rank).toEqual({ before: 2, after: 1 });
    expect(u1!.commended).toEqual({ before: false, after: true });
    expect(u2!.leaves).toEqual([]);
    expect(u2!.commended).toEqual({ before: true, after: false });
  });

  it('finds nothing between equal revisions, whatever the key order of the stored inputs', () => {
    const one = frozen(1, { u1: [40, 40] });
    const reordered = {
      ...one,
      revision: 2,
      inputs: one.inputs.map((u) => ({ ...u, leaves: { b: u.leaves['b'], a: u.leaves['a'] } })),
    };
    expect(diffRevisions(one, reordered).units).toEqual([]);
  });
});

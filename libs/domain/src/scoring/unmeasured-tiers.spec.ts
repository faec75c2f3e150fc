import { describe, expect, it } from '@jest/globals';
import { evaluateScheme } from './evaluate.js';
import type { Scheme, UnitInput } from './types.js';
import { fullMarksForUnmeasuredTiers, UNMEASURED_TIER_EVIDENCE } from './unmeasured-tiers.js';

/** The quarterly progress scheme's shape: three rate leaves fed by the platform. */
const scheme: Scheme = {
  id: 'quarterly-test',
  name: '季度推进评分',
  total: 100,
  criteria: [
    { id: 'q1', name: '指标进度', points: 60, rule: { kind: 'rate' } },
    { id: 'q2', name: '任务进度', points: 25, rule: { kind: 'rate' } },
    { id: 'q3', name: '报送及时率', points: 15, rule: { kind: 'rate' } },
  ],
};

const none = { notMeasurable: true as const, reason: '无有目标值的指标' };
const county = (unitId: string, tier: string, q1: UnitInput['leaves'][string], q3: [number, number]): UnitInput => ({
  unitId,
  tier,
  leaves: { q1, q2: { actual: 1, planned: 2 }, q3: { actual: q3[0], planned: q3[1] } },
});

describe('fullMarksForUnmeasuredTiers', () => {
  const units = [
    // 一类: no county has an indicator with a target.
    county('a', '一类', none, [3, 3]),
    county('b', '一类', none, [2, 4]),
    // 二类: one county is measured, so the other gets the tier average, not full marks.
    county('c', '二类', { actual: '0.5', planned: 1 }, [3, 3]),
    county('d', '二类', none, [3, 3]),
  ];

  it('gives a leaf in full to every unit of a tier where no unit is measured on it', () => {
    const prepared = fullMarksForUnmeasuredTiers(units);
    expect(prepared.filter((u) => u.tier === '一类').map((u) => u.leaves['q1'])).toEqual([
      { actual: 1, planned: 1, evidence: [UNMEASURED_TIER_EVIDENCE] },
      { actual: 1, planned: 1, evidence: [UNMEASURED_TIER_EVIDENCE] },
    ]);
    const { results, errors } = evaluateScheme(scheme, prepared);
    expect(errors).toEqual([]);
    const byId = Object.fromEntries(results.map((r) => [r.unitId, r]));
    expect(byId['a']?.leaves[0]?.score).toBe('60.00');
    expect(byId['b']?.leaves[0]?.score).toBe('60.00');
    // The full leaf leaves the ranking to the other leaves: a reported on time more often than b.
    expect([byId['a']?.total, byId['a']?.rank, byId['b']?.total, byId['b']?.rank]).toEqual(['87.50', 1, '80.00', 2]);
  });

  it('leaves the tier average to a tier where some unit is measured', () => {
    const prepared = fullMarksForUnmeasuredTiers(units);
    expect(prepared.find((u) => u.unitId === 'd')?.leaves['q1']).toEqual(none);
    const { results } = evaluateScheme(scheme, prepared);
    const d = results.find((r) => r.unitId === 'd')?.leaves[0];
    expect([d?.score, d?.substituted]).toEqual(['30.00', true]);
  });

  it('without it the evaluation cannot score the unmeasured tier at all', () => {
    const { errors } = evaluateScheme(scheme, units);
    expect(errors.map((e) => [e.unitId, e.criterionId])).toEqual([
      ['a', 'q1'],
      ['b', 'q1'],
    ]);
  });

  it('does not change the inputs it is given', () => {
    const before = JSON.stringify(units);
    fullMarksForUnmeasuredTiers(units);
    expect(JSON.stringify(units)).toBe(before);
  });
});

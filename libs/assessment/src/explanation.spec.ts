import { describe, expect, it } from '@jest/globals';
import { evaluateScheme, type Scheme } from '@app/domain';
import { explain } from './explanation.js';

const scheme: Scheme = {
  id: 's',
  name: '测试',
  total: 10,
  criteria: [
    { id: 'a', name: '甲', points: 6, rule: { kind: 'rate' as const } },
    { id: 'b', name: '乙', points: 4, rule: { kind: 'rate' as const } },
  ],
};

describe('explain', () => {
  const { results } = evaluateScheme(scheme, [
    {
      unitId: 'u1',
      tier: '1',
      leaves: { a: { actual: 1, planned: 1, evidence: ['f'.repeat(64)] }, b: { actual: 1, planned: 2 } },
    },
    { unitId: 'u2', tier: '1', leaves: { a: { actual: 1, planned: 2 }, b: { actual: 1, planned: 2 } } },
    { unitId: 'u3', tier: '1', leaves: { a: { actual: 0, planned: 1 }, b: { actual: 2, planned: 2 } } },
    { unitId: 'u4', tier: '2', leaves: { a: { actual: 1, planned: 1 }, b: { actual: 2, planned: 2 } } },
  ]);

  it('sets each leaf against the unit’s own tier only', () => {
    const e = explain(results, 'u2')!;
    expect(e.total).toBe('5.00');
    expect(e.leaves.map((l) => [l.criterionId, l.score, l.tier])).toEqual([
      ['a', '3.00', { average: '3.00', best: '6.00', rankInTier: 2, units: 3 }],
      ['b', '2.00', { average: '2.67', best: '4.00', rankInTier: 2, units: 3 }],
    ]);
  });

  it('shares a leaf rank between equal scores and knows nothing of strangers', () => {
    expect(explain(results, 'u1')!.leaves[1]!.tier.rankInTier).toBe(2);
    expect(explain(results, 'nobody')).toBeNull();
  });

  it('lists the uploaded files the scored entry cites, by leaf', () => {
    const at = new Date('2024-01-10T02:00:00Z');
    const cited = { criterionId: 'a', sha256: 'f'.repeat(64), filename: '会议纪要.pdf', uploadedAt: at };
    const uncited = { criterionId: 'a', sha256: 'e'.repeat(64), filename: '草稿.pdf', uploadedAt: at };
    const otherLeaf = { criterionId: 'b', sha256: 'f'.repeat(64), filename: '会议纪要.pdf', uploadedAt: at };
    const e = explain(results, 'u1', [cited, uncited, otherLeaf])!;
    expect(e.leaves.map((l) => [l.criterionId, l.files])).toEqual([
      ['a', [cited]],
      ['b', []],
    ]);
  });

  it('says in words why a substituted leaf carries the tier average, and nothing for a measured one', () => {
    const substituted = evaluateScheme(scheme, [
      { unitId: 'u1', tier: '1', leaves: { a: { actual: 1, planned: 1 }, b: { actual: 1, planned: 2 } } },
      { unitId: 'u2', tier: '1', leaves: { a: { actual: 1, planned: 2 }, b: { actual: 1, planned: 1 } } },
      {
        unitId: 'u3',
        tier: '1',
        leaves: {
          a: { notMeasurable: true, reason: '不可单独统计：新区统计口径未单列' },
          b: { actual: 0, planned: 1 },
        },
      },
    ]).results;
    const e = explain(substituted, 'u3')!;
    expect(e.leaves.map((l) => [l.criterionId, l.score, l.note])).toEqual([
      ['a', '4.50', '不可单独统计：新区统计口径未单列，按同档平均分计'],
      ['b', '0.00', null],
    ]);
  });
});

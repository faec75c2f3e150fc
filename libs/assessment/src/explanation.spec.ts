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

const file = (criterionId: string, digit: string, filename: string) => ({
  purpose: 'self' as const,
  unitId: 'u1',
  criterionId,
  sha256: digit.repeat(64),
  filename,
  size: 1024,
  uploadedAt: new Date('2024-01-10T02:00:00Z'),
  href: `/api/assessments/x/units/u1/evidence/${digit.repeat(64)}`,
});

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
    const cited = file('a', 'f', '会议纪要.pdf');
    const uncited = file('a', 'e', '草稿.pdf');
    const otherLeaf = file('b', 'f', '会议纪要.pdf');
    const again = { ...cited, purpose: 'review' as const };
    const appeal = { ...cited, purpose: 'appeal' as const };
    const e = explain(results, 'u1', [cited, uncited, otherLeaf, again, appeal])!;
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

  it('lists the files each bonus, penalty and veto event cites, and only event files', () => {
    const withEvents = evaluateScheme(
      {
        ...scheme,
        bonus: { cap: 5, items: [{ id: 'x', name: '加分', points: 2 }] },
        penalties: { items: [{ id: 'y', name: '扣分', points: 1 }] },
        vetoItems: [{ id: 'v', name: '否决' }],
      },
      [
        {
          unitId: 'u1',
          leaves: { a: { actual: 1, planned: 1 }, b: { actual: 1, planned: 1 } },
          bonus: [{ itemId: 'x', count: 1, evidence: ['1'.repeat(64)] }],
          penalties: [{ itemId: 'y', count: 2, evidence: ['2'.repeat(64)] }],
          vetoes: [{ itemId: 'v', evidence: ['3'.repeat(64)] }],
        },
      ],
    ).results;
    const bonus = { ...file('', '1', '证书.pdf'), purpose: 'event' as const };
    const penalty = { ...file('', '2', '通报.pdf'), purpose: 'event' as const };
    const veto = { ...file('', '3', '处理决定.pdf'), purpose: 'event' as const };
    const notAnEventFile = file('', '1', '证书.pdf');
    const e = explain(withEvents, 'u1', [notAnEventFile, bonus, penalty, veto])!;
    expect(e.bonus.items.map((i) => [i.itemId, i.points, i.files])).toEqual([['x', '2.00', [bonus]]]);
    expect(e.penalties.items.map((i) => [i.itemId, i.points, i.files])).toEqual([['y', '2.00', [penalty]]]);
    expect(e.vetoes.map((v) => [v.itemId, v.files])).toEqual([['v', [veto]]]);
  });
});

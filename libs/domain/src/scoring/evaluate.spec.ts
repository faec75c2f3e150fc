import { describe, expect, it } from '@jest/globals';
import { D, sum } from '../decimal.js';
import { evaluateScheme } from './evaluate.js';
import { seededRandom, shuffle } from './spec-helpers.js';
import type { Scheme, UnitInput, UnitResult } from './types.js';

const scheme: Scheme = {
  id: 'county-test',
  name: '县级测试方案',
  total: 100,
  criteria: [
    {
      id: 'c1',
      name: '科技创新指标',
      points: 60,
      children: [
        { id: 'c1.1', name: '研发支出与地区生产总值之比', points: 30, rule: { kind: 'linear', direction: 'higher' } },
        {
          id: 'c1.2',
          name: '高新技术企业数',
          points: 30,
          rule: { kind: 'ratioToTarget', target: 100, direction: 'higher' },
        },
      ],
    },
    {
      id: 'c2',
      name: '政策保障',
      points: 40,
      children: [
        { id: 'c2.1', name: '科技管理部门能力建设', points: 30, rule: { kind: 'manual' } },
        { id: 'c2.2', name: '按时报送', points: 10, rule: { kind: 'perEvent', pointsPerEvent: 1 } },
      ],
    },
  ],
  bonus: {
    cap: 15,
    items: [
      { id: 'b.unicorn', name: '独角兽企业', points: 5 },
      { id: 'b.gazelle', name: '瞪羚企业', points: 1 },
    ],
  },
  penalties: { items: [{ id: 'p.safety', name: '安全生产事故', points: 2 }] },
  vetoItems: [{ id: 'v.integrity', name: '重大科研诚信问题' }],
};

const unit = (
  unitId: string,
  tier: string,
  [rd, hte, manual, late]: [string | null, number, string, number],
  extra: Partial<UnitInput> = {},
): UnitInput => ({
  unitId,
  tier,
  leaves: {
    'c1.1':
      rd === null
        ? { notMeasurable: true, reason: '新区数据难以单独统计' }
        : { value: rd, evidence: [`stat-${unitId}`] },
    'c1.2': { value: hte },
    'c2.1': { score: manual, reason: '对照材料评分' },
    'c2.2': { count: late },
  },
  ...extra,
});

/** Tier 一类 of the worked example (see the numbers in the test names). */
const tier1: UnitInput[] = [
  unit('a', '一类', ['1.0', 100, '25', 0]),
  unit('b', '一类', ['2.5', 50, '28', 2], {
    bonus: [
      { itemId: 'b.unicorn', count: 2 },
      { itemId: 'b.gazelle', count: 3 },
      { itemId: 'b.unicorn', count: '2', evidence: ['认定文件'] },
    ],
    vetoes: [{ itemId: 'v.integrity', note: '论文造假被通报' }],
  }),
  unit('c', '一类', ['3.0', 80, '20', 12], {
    bonus: [{ itemId: 'b.gazelle', count: 2 }],
    penalties: [{ itemId: 'p.safety', count: 1 }],
  }),
  unit('r', '一类', [null, 90, '22', 1]),
  unit('d', '一类', ['1.0', 40, '10', 3]),
];

const byId = (results: readonly UnitResult[]) => Object.fromEntries(results.map((r) => [r.unitId, r]));

describe('evaluateScheme — worked county example', () => {
  const { results, errors } = evaluateScheme(scheme, tier1, { commendation: true });
  const r = byId(results);

  it('has no input errors', () => {
    expect(errors).toEqual([]);
  });

  it.each([
    // leaves: c1.1 linear (worst 1.0, best 3.0), c1.2 value/100 × 30, c2.1 manual, c2.2 10 − late
    {
      id: 'a',
      leaves: ['0.00', '30.00', '25.00', '10.00'],
      bonus: '0.00',
      penalties: '0.00',
      total: '65.00',
      grade: '中',
    },
    {
      id: 'b',
      leaves: ['22.50', '15.00', '28.00', '8.00'],
      bonus: '15.00',
      penalties: '0.00',
      total: '88.50',
      grade: '良',
    },
    {
      id: 'c',
      leaves: ['30.00', '24.00', '20.00', '0.00'],
      bonus: '2.00',
      penalties: '2.00',
      total: '74.00',
      grade: '中',
    },
    // r's c1.1 = average of a, b, c, d = (0 + 22.5 + 30 + 0) / 4 = 13.125 ⇒ 13.13
    {
      id: 'r',
      leaves: ['13.13', '27.00', '22.00', '9.00'],
      bonus: '0.00',
      penalties: '0.00',
      total: '71.13',
      grade: '中',
    },
    {
      id: 'd',
      leaves: ['0.00', '12.00', '10.00', '7.00'],
      bonus: '0.00',
      penalties: '0.00',
      total: '29.00',
      grade: '差',
    },
  ])('unit $id: $leaves + $bonus − $penalties = $total ($grade)', ({ id, leaves, bonus, penalties, total, grade }) => {
    const result = r[id] as UnitResult;
    expect(result.leaves.map((l) => l.score)).toEqual(leaves);
    expect(result.bonus.afterCap).toBe(bonus);
    expect(result.penalties.afterCap).toBe(penalties);
    expect(result.total).toBe(total);
    expect(result.grade).toBe(grade);
    expect(result.complete).toBe(true);
  });

  it('gives subtotals per criterion node', () => {
    expect(r['b']?.subtotals.map((s) => [s.criterionId, s.level, s.score])).toEqual([
      ['c1', 1, '37.50'],
      ['c2', 1, '36.00'],
    ]);
  });

  it('reports the bonus before and after the cap', () => {
    expect(r['b']?.bonus).toEqual({
      items: [
        {
          itemId: 'b.unicorn',
          name: '独角兽企业',
          count: 4,
          pointsEach: '5.00',
          points: '20.00',
          evidence: ['认定文件'],
        },
        { itemId: 'b.gazelle', name: '瞪羚企业', count: 3, pointsEach: '1.00', points: '3.00', evidence: [] },
      ],
      beforeCap: '23.00',
      cap: '15.00',
      afterCap: '15.00',
    });
  });

  it('substitutes the tier average and says where it came from', () => {
    const leaf = r['r']?.leaves[0];
    expect(leaf?.substituted).toBe(true);
    expect(leaf?.explanation.substitution).toEqual({
      tier: '一类',
      reason: '新区数据难以单独统计',
      fromUnitIds: ['a', 'b', 'c', 'd'],
      average: '13.13',
    });
    expect(leaf?.explanation.steps[1]).toBe('平均得分 = 4 个单位已公布得分之和 52.5 ÷ 4 = 13.125，四舍五入 13.13');
  });

  it('ranks within the tier, skips the vetoed unit for commendation and admonishes the last', () => {
    const table = Object.fromEntries(results.map((x) => [x.unitId, [x.rank, x.vetoed, x.commended, x.admonished]]));
    expect(table).toEqual({
      b: [1, true, false, false],
      c: [2, false, true, false],
      r: [3, false, true, false],
      a: [4, false, true, false],
      d: [5, false, false, true],
    });
  });

  it('explains a leaf with its rule, inputs, steps and evidence', () => {
    expect(r['b']?.leaves[0]?.explanation).toEqual({
      rule: 'linear',
      inputs: { value: '2.5' },
      steps: [
        '越高越好；本类别 4 个已测单位中最优 3，最差 1',
        '比例 = (2.5 − 1) ÷ (3 − 1) = 0.75',
        '得分 = 30 × 0.75 = 22.5',
      ],
      evidence: ['stat-b'],
    });
  });
});

describe('evaluateScheme — rules of the population', () => {
  it('averages published scores, not exact ones, for substitution', () => {
    // a 20.006 ⇒ 20.01, b 20.003 ⇒ 20.00: average of published 20.005 ⇒ 20.01 (exact would give 20.0045 ⇒ 20.00)
    const manualOnly: Scheme = {
      id: 'm',
      name: 'm',
      total: 30,
      criteria: [{ id: 'm1', name: '评审', points: 30, rule: { kind: 'manual' } }],
    };
    const { results } = evaluateScheme(manualOnly, [
      { unitId: 'a', tier: 'T', leaves: { m1: { score: '20.006', reason: '好' } } },
      { unitId: 'b', tier: 'T', leaves: { m1: { score: '20.003', reason: '好' } } },
      { unitId: 'x', tier: 'T', leaves: { m1: { notMeasurable: true } } },
    ]);
    expect(results.map((x) => x.total)).toEqual(['20.01', '20.00', '20.01']);
  });

  it('reports substitution with no measured unit in the tier as an input error', () => {
    const { results, errors } = evaluateScheme(scheme, [
      unit('x', '二类', [null, 90, '22', 1]),
      unit('y', '三类', ['2', 90, '22', 1]),
    ]);
    expect(errors).toEqual([
      { unitId: 'x', criterionId: 'c1.1', reason: '“二类”类别没有其他已测得该指标的单位，无法按类别平均得分计算' },
    ]);
    const x = byId(results)['x'];
    expect([x?.complete, x?.leaves[0]?.score, x?.grade, x?.rank]).toEqual([false, null, null, null]);
    expect(byId(results)['y']?.rank).toBe(1);
  });

  it('sums published leaf scores: three times 3.333… is 9.99, not 10.00', () => {
    const thirds: Scheme = {
      id: 't',
      name: 't',
      total: 30,
      criteria: ['r1', 'r2', 'r3'].map((id) => ({ id, name: id, points: 10, rule: { kind: 'rate' as const } })),
    };
    const input = { actual: 1, planned: 3 };
    const { results } = evaluateScheme(thirds, [{ unitId: 'u', leaves: { r1: input, r2: input, r3: input } }]);
    expect(results[0]?.total).toBe('9.99');
  });

  it('grades without the bonus when the scheme says so', () => {
    const { results } = evaluateScheme({ ...scheme, gradeIncludesBonus: false }, tier1);
    expect(byId(results)['b']?.grade).toBe('中'); // 73.50 without its 15 bonus points
  });

  it('leaves commendation and admonition out unless asked (departments)', () => {
    const { results } = evaluateScheme(scheme, tier1);
    expect(results.every((x) => x.commended === null && x.admonished === null && x.rank !== null)).toBe(true);
  });

  it('returns input errors per unit and leaf instead of throwing', () => {
    const { errors } = evaluateScheme(scheme, [
      unit('a', '一类', ['1', 100, '31', 0], {
        bonus: [
          { itemId: 'b.dragon', count: 1 },
          { itemId: 'b.gazelle', count: -1 },
        ],
      }),
      unit('a', '一类', ['1', 100, '1', 0]),
      {
        unitId: 'z',
        tier: '一类',
        leaves: { 'c1.1': { value: 1 }, 'c1.2': { value: 1 }, 'c2.2': { count: 0 }, c9: { value: 1 } },
      },
    ]);
    expect(errors).toEqual([
      { unitId: 'a', criterionId: null, reason: '单位重复出现，只计第一次' },
      { unitId: 'a', criterionId: 'c2.1', reason: '评审得分 31 超过本项分值 30' },
      { unitId: 'a', criterionId: 'b.dragon', reason: '方案中没有这个加分项' },
      { unitId: 'a', criterionId: 'b.gazelle', reason: '加分项“瞪羚企业”的次数必须是非负整数' },
      { unitId: 'z', criterionId: 'c9', reason: '方案中没有这个末级指标' },
      { unitId: 'z', criterionId: 'c2.1', reason: '缺少该指标的输入' },
    ]);
  });

  it('caps penalties when the scheme caps them', () => {
    const capped: Scheme = {
      ...scheme,
      penalties: { cap: 3, items: [{ id: 'p.safety', name: '安全生产事故', points: 2 }] },
    };
    const { results } = evaluateScheme(capped, [
      unit('a', '一类', ['1', 100, '25', 0], { penalties: [{ itemId: 'p.safety', count: 4 }] }),
    ]);
    expect(results[0]?.penalties).toMatchObject({ beforeCap: '8.00', cap: '3.00', afterCap: '3.00' });
    expect(results[0]?.total).toBe('92.00');
  });

  it('throws InvalidSchemeError for an invalid scheme', () => {
    expect(() => evaluateScheme({ ...scheme, total: 90 }, tier1)).toThrow('考评方案无效');
  });
});

describe('evaluateScheme — properties', () => {
  const random = seededRandom(20230410);
  const tiers = ['一类', '二类', '三类'];
  const population: UnitInput[] = Array.from({ length: 60 }, (_, i) => {
    const pick = (n: number) => Math.floor(random() * n);
    return {
      unitId: `u${String(i).padStart(2, '0')}`,
      tier: tiers[i % 3] as string,
      leaves: {
        'c1.1': pick(10) === 0 ? { notMeasurable: true } : { value: (random() * 4).toFixed(3) },
        'c1.2': { value: pick(130) },
        'c2.1': { score: (random() * 30).toFixed(2), reason: '评审' },
        'c2.2': { count: pick(12) },
      },
      bonus: [
        { itemId: 'b.unicorn', count: pick(4) },
        { itemId: 'b.gazelle', count: pick(6) },
      ],
      penalties: pick(4) === 0 ? [{ itemId: 'p.safety', count: 1 }] : [],
      vetoes: pick(8) === 0 ? [{ itemId: 'v.integrity' }] : [],
    };
  });
  const baseline = evaluateScheme(scheme, population, { commendation: true });
  const sorted = (results: readonly UnitResult[]) => [...results].sort((x, y) => (x.unitId < y.unitId ? -1 : 1));

  it('evaluates the population without errors', () => {
    expect(baseline.errors).toEqual([]);
  });

  it('total = Σ published leaves + capped bonus − penalties, bonus ≤ cap, subtotals add up', () => {
    for (const result of baseline.results) {
      const leaves = sum(result.leaves.map((l) => new D(l.score ?? 0)));
      expect(result.criteriaTotal).toBe(leaves.toFixed(2));
      expect(new D(result.total).eq(leaves.plus(result.bonus.afterCap).minus(result.penalties.afterCap))).toBe(true);
      expect(new D(result.bonus.afterCap).eq(D.min(result.bonus.beforeCap, 15))).toBe(true);
      for (const node of result.subtotals) {
        const below = result.leaves.filter((l) => l.parentId === node.criterionId).map((l) => new D(l.score ?? 0));
        expect(node.score).toBe(sum(below).toFixed(2));
      }
    }
  });

  it('every tier has commended units, none vetoed, and an admonished last', () => {
    for (const tier of tiers) {
      const members = baseline.results.filter((x) => x.tier === tier);
      expect(members.some((x) => x.commended)).toBe(true);
      expect(members.filter((x) => x.vetoed).every((x) => x.commended === false)).toBe(true);
      const lowest = D.min(...members.map((x) => x.total));
      expect(members.filter((x) => x.admonished).every((x) => new D(x.total).eq(lowest))).toBe(true);
    }
  });

  it.each([1, 2, 3, 4, 5])('gives the same results for a shuffled input order (seed %i)', (seed) => {
    const shuffled = evaluateScheme(scheme, shuffle(population, seededRandom(seed)), { commendation: true });
    expect(sorted(shuffled.results)).toEqual(sorted(baseline.results));
  });

  it('gives identical outputs for identical inputs', () => {
    const again = evaluateScheme(scheme, JSON.parse(JSON.stringify(population)) as UnitInput[], { commendation: true });
    expect(again).toEqual(baseline);
  });
});

import { describe, expect, it } from '@jest/globals';
import { D, sum } from '../../decimal.js';
import { evaluateScheme } from '../evaluate.js';
import { validateScheme } from '../scheme-validator.js';
import type { Criterion, UnitInput } from '../types.js';
import {
  ganzhouCountyBonusTable,
  ganzhouCountyScheme2023,
  ganzhouCountyTiers2023,
  ganzhouDepartmentScheme2023,
} from './ganzhou-2023.js';

const leavesOf = (criteria: readonly Criterion[]): Criterion[] =>
  criteria.flatMap((c) => (c.children && c.children.length > 0 ? leavesOf(c.children) : [c]));

describe('Ganzhou 2023 seed schemes (赣市科赋字〔2023〕1号 附件3)', () => {
  it.each([ganzhouCountyScheme2023, ganzhouDepartmentScheme2023])('$id validates and totals 100', (scheme) => {
    expect(validateScheme(scheme).ok).toBe(true);
    expect(scheme.total).toBe(100);
    expect(sum(scheme.criteria.map((c) => new D(c.points))).toFixed()).toBe('100');
  });

  it('county: indicators 60 (10 linear items), policy 25 = 10 + 15, comprehensive 15 = 10 + 5, bonus cap 15', () => {
    const [indicators, policy, comprehensive] = ganzhouCountyScheme2023.criteria;
    expect(indicators?.children?.map((c) => [c.points, c.rule?.kind])).toEqual(
      Array.from({ length: 10 }, () => [6, 'linear']),
    );
    expect(policy?.children?.map((c) => c.points)).toEqual([10, 15]);
    expect(comprehensive?.children?.map((c) => c.points)).toEqual([10, 5]);
    expect(ganzhouCountyScheme2023.bonus?.cap).toBe(15);
    expect(ganzhouCountyBonusTable).toHaveLength(24);
  });

  it('department: daily duties 30 = 5 + 10 + 5 + 10 (−1 per late submission), key tasks 70', () => {
    const [duties, tasks] = ganzhouDepartmentScheme2023.criteria;
    expect(duties?.children?.map((c) => c.points)).toEqual([5, 10, 5, 10]);
    expect(duties?.children?.[3]?.rule).toEqual({ kind: 'perEvent', pointsPerEvent: 1 });
    expect(tasks?.points).toBe(70);
  });

  it('every criterion of a seed is named in Chinese and has a stable id', () => {
    for (const scheme of [ganzhouCountyScheme2023, ganzhouDepartmentScheme2023]) {
      for (const leaf of leavesOf(scheme.criteria)) {
        expect(leaf.id).toMatch(/^[cd]\d+(\.\d+)?$/);
        expect(leaf.name).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('scores tier 一类 with 赣州蓉江新区 on the tier average', () => {
    const tier1 = Object.entries(ganzhouCountyTiers2023).filter(([, tier]) => tier === '一类');
    const units: UnitInput[] = tier1.map(([name, tier], i) => ({
      unitId: name,
      tier,
      leaves: Object.fromEntries(
        leavesOf(ganzhouCountyScheme2023.criteria).map((leaf) => {
          if (leaf.rule?.kind === 'linear')
            return [leaf.id, name === '赣州蓉江新区' ? { notMeasurable: true } : { value: i }];
          if (leaf.rule?.kind === 'rate') return [leaf.id, { actual: 90, planned: 100 }];
          return [leaf.id, { score: new D(leaf.points).times('0.8').toFixed(), reason: '材料齐全' }];
        }),
      ),
      bonus:
        name === '章贡区'
          ? [
              { itemId: 'b.gazelle', count: 3 },
              { itemId: 'b.project-city-key', count: 3 },
            ]
          : [],
    }));
    const { results, errors } = evaluateScheme(ganzhouCountyScheme2023, units, { commendation: true });
    expect(errors).toEqual([]);
    const rongjiang = results.find((r) => r.unitId === '赣州蓉江新区');
    // others' values 0, 2, 3, 4, 5 over worst 0 / best 5: 0, 2.4, 3.6, 4.8, 6 ⇒ mean 3.36 per indicator
    expect(rongjiang?.leaves.filter((l) => l.substituted).map((l) => l.score)).toEqual(
      Array.from({ length: 10 }, () => '3.36'),
    );
    expect(results.find((r) => r.unitId === '章贡区')?.bonus).toMatchObject({ beforeCap: '4.50', afterCap: '4.50' });
  });
});

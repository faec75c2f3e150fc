import { describe, expect, it } from '@jest/globals';
import { D, ZERO } from '../../decimal.js';
import { scorePopulation } from '../spec-helpers.js';
import { linearScore, type LinearParams } from './linear.js';

const tier1 = (values: Record<string, number | string>, tier = '一类') =>
  Object.entries(values).map(([unitId, value]) => ({ unitId, tier, input: { value } }));

describe('linear', () => {
  it('higher is better: points × (v − worst) ÷ (best − worst) within the tier', () => {
    // worst 1.0, best 3.0: 2.5 ⇒ 0.75 × 6 = 4.5
    const scores = scorePopulation({ kind: 'linear', direction: 'higher' }, 6, tier1({ a: '1.0', b: '2.5', c: '3.0' }));
    expect(scores).toEqual({ a: '0.00', b: '4.50', c: '6.00' });
  });

  it('lower is better reverses the ends', () => {
    const scores = scorePopulation({ kind: 'linear', direction: 'lower' }, 6, tier1({ a: 10, b: 12, c: 20 }));
    expect(scores).toEqual({ a: '6.00', b: '4.80', c: '0.00' });
  });

  it('best = worst gives everyone full points', () => {
    const scores = scorePopulation({ kind: 'linear', direction: 'higher' }, 6, tier1({ a: 2, b: '2.00' }));
    expect(scores).toEqual({ a: '6.00', b: '6.00' });
  });

  it('a single unit in its tier gets full points', () => {
    expect(scorePopulation({ kind: 'linear', direction: 'higher' }, 6, tier1({ a: 7 }))).toEqual({ a: '6.00' });
  });

  it('a floor share f gives points × (f + (1 − f) × ratio)', () => {
    // f = 0.6: worst gets 3.6, b (ratio 0.5) gets 6 × (0.6 + 0.4 × 0.5) = 4.8
    const scores = scorePopulation(
      { kind: 'linear', direction: 'higher', floorShare: '0.6' },
      6,
      tier1({ a: 0, b: 5, c: 10 }),
    );
    expect(scores).toEqual({ a: '3.60', b: '4.80', c: '6.00' });
  });

  it('compares units only within their own tier', () => {
    const scores = scorePopulation({ kind: 'linear', direction: 'higher' }, 10, [
      ...tier1({ a: 1, b: 3 }, '一类'),
      ...tier1({ c: 100, d: 200, e: 125 }, '二类'),
    ]);
    expect(scores).toEqual({ a: '0.00', b: '10.00', c: '0.00', d: '10.00', e: '2.50' });
  });

  it('works from the tier statistics it is given, also when a caller changes them between calls', () => {
    const params: LinearParams = { direction: 'higher', floorShare: ZERO };
    const points = new D(6);
    const tier = { min: new D(1), max: new D(3), count: 3 };
    expect(linearScore(params, { value: new D('2.5') }, points, tier).score.toFixed()).toBe('4.5');
    tier.max = new D(2);
    tier.count = 2;
    const changed = linearScore(params, { value: new D('1.5') }, points, tier);
    expect(changed.score.toFixed()).toBe('3');
    expect(changed.steps[0]).toBe('越高越好；本类别 2 个已测单位中最优 2，最差 1');
  });
});

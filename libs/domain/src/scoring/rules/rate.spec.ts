import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';

describe('rate', () => {
  it.each([
    // 资金到位率 = actual ÷ planned × 2
    { name: '95 of 100 planned × 2', cap: undefined, actual: 95, planned: 100, points: 2, score: '1.90' },
    {
      name: 'strings from PostgreSQL numeric',
      cap: undefined,
      actual: '1234.5',
      planned: '2000.00',
      points: 2,
      score: '1.23',
    },
    { name: 'over-delivery capped at 1', cap: undefined, actual: 130, planned: 100, points: 2, score: '2.00' },
    { name: 'cap below 1', cap: '0.8', actual: 90, planned: 100, points: 10, score: '8.00' },
    { name: 'negative actual floors at 0', cap: undefined, actual: -5, planned: 100, points: 2, score: '0.00' },
    { name: 'half-up on publish: 2/3 × 10 = 6.666…', cap: undefined, actual: 2, planned: 3, points: 10, score: '6.67' },
    {
      name: 'half-up on publish: 0.125 × 1 = 0.13',
      cap: undefined,
      actual: '0.125',
      planned: 1,
      points: 1,
      score: '0.13',
    },
  ])('$name', ({ cap, actual, planned, points, score }) => {
    const { leaf } = scoreOne(cap === undefined ? { kind: 'rate' } : { kind: 'rate', cap }, points, {
      actual,
      planned,
    });
    expect(leaf.score).toBe(score);
  });

  it('keeps the exact score beside the published one', () => {
    const { leaf } = scoreOne({ kind: 'rate' }, 10, { actual: 2, planned: 3 });
    expect(leaf.exact?.startsWith('6.66666666')).toBe(true);
    expect(leaf.explanation.steps[0]).toBe('比率 = 实际 2 ÷ 计划 3 = ≈0.666667');
  });

  it('refuses a zero plan as an input error', () => {
    const { leaf, evaluation } = scoreOne({ kind: 'rate' }, 2, { actual: 1, planned: 0 });
    expect(leaf.score).toBeNull();
    expect(evaluation.errors[0]?.reason).toBe('计划值（planned）必须大于0');
  });
});

import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';
import type { Direction } from '../types.js';

describe('ratioToTarget', () => {
  it.each<{ direction: Direction; value: number | string; score: string }>([
    { direction: 'higher', value: 1500, score: '4.29' }, // 1500 ÷ 1750 × 5 = 4.2857…
    { direction: 'higher', value: 1750, score: '5.00' },
    { direction: 'higher', value: 2000, score: '5.00' }, // capped at 1
    { direction: 'higher', value: -10, score: '0.00' },
    { direction: 'lower', value: 2000, score: '4.38' }, // 1750 ÷ 2000 × 5 = 4.375 → 4.38 half-up
    { direction: 'lower', value: 1000, score: '5.00' },
    { direction: 'lower', value: 0, score: '5.00' },
  ])('$direction, value $value of 1750 ⇒ $score', ({ direction, value, score }) => {
    expect(scoreOne({ kind: 'ratioToTarget', target: 1750, direction }, 5, { value }).leaf.score).toBe(score);
  });
});

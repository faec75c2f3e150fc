import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';
import type { Comparator } from '../types.js';

describe('threshold', () => {
  it.each<{ operator: Comparator; value: number | string; score: string }>([
    { operator: '>=', value: 50, score: '5.00' },
    { operator: '>=', value: '49.99', score: '0.00' },
    { operator: '>', value: 50, score: '0.00' },
    { operator: '>', value: '50.01', score: '5.00' },
    { operator: '<=', value: 50, score: '5.00' },
    { operator: '<', value: 50, score: '0.00' },
    { operator: '<', value: 49, score: '5.00' },
    { operator: '=', value: '50.00', score: '5.00' },
    { operator: '=', value: 51, score: '0.00' },
  ])('$value $operator 50 ⇒ $score', ({ operator, value, score }) => {
    expect(scoreOne({ kind: 'threshold', operator, target: 50 }, 5, { value }).leaf.score).toBe(score);
  });
});

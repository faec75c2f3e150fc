import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';

describe('perEvent', () => {
  // 没有及时报送材料、完成交办工作的，每次扣1分，扣完为止 (10 points)
  it.each([
    { count: 0, score: '10.00' },
    { count: 3, score: '7.00' },
    { count: '10', score: '0.00' },
    { count: 14, score: '0.00' },
  ])('$count late submissions ⇒ $score', ({ count, score }) => {
    expect(scoreOne({ kind: 'perEvent', pointsPerEvent: 1 }, 10, { count }).leaf.score).toBe(score);
  });

  it('takes fractional points per event', () => {
    expect(scoreOne({ kind: 'perEvent', pointsPerEvent: '0.5' }, 2, { count: 3 }).leaf.score).toBe('0.50');
  });

  it.each([{ count: -1 }, { count: 1.5 }, { count: 'twice' }])('rejects count $count', ({ count }) => {
    const { leaf, evaluation } = scoreOne({ kind: 'perEvent', pointsPerEvent: 1 }, 10, { count });
    expect(leaf.score).toBeNull();
    expect(evaluation.errors).toHaveLength(1);
  });
});

import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';
import type { LeafInput } from '../types.js';

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

  it('names the parts of the count in the explanation (迟报/漏报 and 逾期交办事项)', () => {
    const { leaf } = scoreOne({ kind: 'perEvent', pointsPerEvent: 1 }, 10, {
      count: 4,
      parts: [
        { label: '迟报/漏报', count: 3, measure: '个月' },
        { label: '逾期交办事项', count: 1, measure: '项' },
      ],
    });
    expect(leaf.score).toBe('6.00');
    expect(leaf.explanation.inputs).toEqual({ count: '4', parts: '迟报/漏报 3 个月，逾期交办事项 1 项' });
    expect(leaf.explanation.steps[0]).toBe('次数：迟报/漏报 3 个月，逾期交办事项 1 项，共 4 次');
  });

  it.each([
    ['parts that do not add up to the count', [{ label: '迟报/漏报', count: 2, measure: '个月' }]],
    ['a part without a label', [{ label: '', count: 4, measure: '项' }]],
    [
      'a negative part',
      [
        { label: '迟报/漏报', count: 5, measure: '个月' },
        { label: '逾期交办事项', count: -1, measure: '项' },
      ],
    ],
  ])('rejects %s', (_why, parts) => {
    const { leaf, evaluation } = scoreOne({ kind: 'perEvent', pointsPerEvent: 1 }, 10, { count: 4, parts });
    expect(leaf.score).toBeNull();
    expect(evaluation.errors).toHaveLength(1);
  });

  it('rejects parts that are not a list (input arrives as JSON from outside)', () => {
    const input: LeafInput = JSON.parse('{"count":4,"parts":{"label":"迟报/漏报","count":4,"measure":"个月"}}');
    expect(scoreOne({ kind: 'perEvent', pointsPerEvent: 1 }, 10, input).leaf.score).toBeNull();
  });
});

import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';
import type { LeafInput } from '../types.js';

describe('manual', () => {
  it('takes the expert score with its reason', () => {
    const { leaf } = scoreOne({ kind: 'manual' }, 10, {
      score: '8.5',
      reason: '机构健全，经费保障不足',
      evidence: ['f-1'],
    });
    expect(leaf.score).toBe('8.50');
    expect(leaf.explanation.steps).toEqual(['评审打分 8.5', '理由：机构健全，经费保障不足']);
  });

  it.each<{ name: string; input: LeafInput; reason: string }>([
    { name: 'above the points', input: { score: 11, reason: '优秀' }, reason: '评审得分 11 超过本项分值 10' },
    { name: 'negative', input: { score: -1, reason: '差' }, reason: '评审得分（score）不能小于0' },
    { name: 'no reason', input: { score: 5, reason: '  ' }, reason: '人工评分必须填写理由（reason）' },
    { name: 'wrong shape', input: { value: 5 }, reason: '缺少输入：评审得分（score）' },
  ])('rejects $name', ({ input, reason }) => {
    const { leaf, evaluation } = scoreOne({ kind: 'manual' }, 10, input);
    expect(leaf.score).toBeNull();
    expect(evaluation.errors).toEqual([{ unitId: 'u', criterionId: 'x', reason }]);
  });

  it('reports a missing input', () => {
    const { evaluation } = scoreOne({ kind: 'manual' }, 10, undefined);
    expect(evaluation.errors).toEqual([{ unitId: 'u', criterionId: 'x', reason: '缺少该指标的输入' }]);
    expect(evaluation.results[0]?.complete).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';

describe('likert', () => {
  // 满意 60, 比较满意 25, 一般 10, 不太满意 3, 不满意 2; 不了解 10
  // Σ = 6000 + 2000 + 600 + 90 + 0 = 8690 (percent × answers)
  const counts = [60, 25, 10, 3, 2];

  it('without 不了解 in the denominator: 8690 / 100 = 86.9 % ⇒ 86.9 ÷ 90 × 10 = 9.655… ⇒ 9.66', () => {
    const { leaf } = scoreOne({ kind: 'likert' }, 10, { counts, dontKnow: 10 });
    expect(leaf.score).toBe('9.66');
    expect(leaf.explanation.steps[2]).toBe('满意度 = 8690% ÷ 100 = 86.9%');
  });

  it('with 不了解 in the denominator: 8690 / 110 = 79.0 % ⇒ × 10 / 90 = 8.78', () => {
    const { leaf } = scoreOne({ kind: 'likert', dontKnowInDenominator: true }, 10, { counts, dontKnow: 10 });
    expect(leaf.score).toBe('8.78');
  });

  it('caps at the points once satisfaction reaches the threshold', () => {
    expect(scoreOne({ kind: 'likert' }, 10, { counts: [95, 5, 0, 0, 0] }).leaf.score).toBe('10.00');
  });

  it('takes its own weights and threshold', () => {
    // (8 × 100 + 2 × 50) / 10 = 90 %, threshold 95 % ⇒ 90 / 95 × 5 = 4.736… ⇒ 4.74
    const rule = { kind: 'likert' as const, weights: [100, 50, 0], labels: ['满意', '一般', '不满意'], threshold: 95 };
    expect(scoreOne(rule, 5, { counts: [8, 2, 0] }).leaf.score).toBe('4.74');
  });

  it('reports an empty survey and a wrong number of counts', () => {
    expect(
      scoreOne({ kind: 'likert' }, 10, { counts: [0, 0, 0, 0, 0], dontKnow: 4 }).evaluation.errors[0]?.reason,
    ).toBe('满意度调查没有有效答卷（分母为0）');
    expect(scoreOne({ kind: 'likert' }, 10, { counts: [1, 2, 3] }).evaluation.errors[0]?.reason).toBe(
      '各选项答卷数（counts）必须是 5 个数字的数组',
    );
  });

  it('takes the questionnaire’s own scale from the input, keeping the rule’s threshold', () => {
    // (8 × 100 + 2 × 50) / 10 = 90 % against the rule's 90 % ⇒ full points
    const scale = { weights: [100, 50, 0], labels: ['满意', '一般', '不满意'] };
    const { leaf } = scoreOne({ kind: 'likert' }, 5, { counts: [8, 2, 0], scale });
    expect(leaf.score).toBe('5.00');
    expect(leaf.explanation.inputs['weights']).toBe('100/50/0');
    expect(
      scoreOne({ kind: 'likert' }, 5, { counts: [8, 2, 0], scale: { weights: [0, 50, 100] } }).evaluation.errors[0]
        ?.reason,
    ).toMatch(/^scale\.weights\[1\] 权重不能从最佳选项到最差选项递增/);
  });
});

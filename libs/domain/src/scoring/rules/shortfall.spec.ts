import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';
import type { ShortfallRule } from '../types.js';

const rule = (r: Partial<ShortfallRule>): ShortfallRule => ({
  kind: 'shortfall',
  target: 0,
  step: 1,
  pointsPerStep: 1,
  partialStepCounts: true,
  direction: 'higher',
  ...r,
});

describe('shortfall', () => {
  it.each([
    // 每少0.01个百分点扣0.02分: target 2.50 %, actual 2.47 % ⇒ 0.03 pp ⇒ 3 steps ⇒ −0.06
    {
      name: '0.02 per 0.01 pp, 2.50 → 2.47',
      r: { target: '2.50', step: '0.01', pointsPerStep: '0.02' },
      points: 2,
      value: '2.47',
      score: '1.94',
    },
    {
      name: 'actual as a JS number',
      r: { target: 2.5, step: 0.01, pointsPerStep: 0.02 },
      points: 2,
      value: 2.47,
      score: '1.94',
    },
    {
      name: 'target met',
      r: { target: '2.50', step: '0.01', pointsPerStep: '0.02' },
      points: 2,
      value: '2.60',
      score: '2.00',
    },
    // 每少3家扣1分: 10 short = 3⅓ steps
    {
      name: '1 per 3 short, partial counts (ceil)',
      r: { target: 30, step: 3, pointsPerStep: 1, partialStepCounts: true },
      points: 5,
      value: 20,
      score: '1.00',
    },
    {
      name: '1 per 3 short, partial ignored (floor)',
      r: { target: 30, step: 3, pointsPerStep: 1, partialStepCounts: false },
      points: 5,
      value: 20,
      score: '2.00',
    },
    {
      name: '1 per 3 short, exactly 2 steps either way',
      r: { target: 30, step: 3, pointsPerStep: 1, partialStepCounts: false },
      points: 5,
      value: 24,
      score: '3.00',
    },
    // 每少一项扣0.25分，扣完为止
    {
      name: '0.25 per missed item',
      r: { target: 10, step: 1, pointsPerStep: '0.25' },
      points: 2,
      value: 7,
      score: '1.25',
    },
    { name: 'floor at 0', r: { target: 10, step: 1, pointsPerStep: '0.25' }, points: 2, value: 0, score: '0.00' },
    {
      name: 'lower is better: excess = actual − target',
      r: { target: 5, step: 1, pointsPerStep: 1, direction: 'lower' as const },
      points: 4,
      value: '6.5',
      score: '2.00',
    },
    {
      name: 'lower is better, below target',
      r: { target: 5, step: 1, pointsPerStep: 1, direction: 'lower' as const },
      points: 4,
      value: 3,
      score: '4.00',
    },
  ])('$name', ({ r, points, value, score }) => {
    const { leaf } = scoreOne(rule(r), points, { value });
    expect(leaf.score).toBe(score);
  });

  it('explains the steps with the numbers', () => {
    const { leaf } = scoreOne(rule({ target: '2.50', step: '0.01', pointsPerStep: '0.02' }), 2, {
      value: '2.47',
      evidence: ['统计公报2023'],
    });
    expect(leaf.explanation.steps.join('\n')).toContain('步数 = 0.03 ÷ 0.01 = 3');
    expect(leaf.explanation.steps.join('\n')).toContain('扣分 = 3 × 0.02 = 0.06');
    expect(leaf.explanation.evidence).toEqual(['统计公报2023']);
    expect(leaf.explanation.inputs).toEqual({ value: '2.47', target: '2.5' });
  });

  it('takes a per-unit target override', () => {
    const { leaf } = scoreOne(rule({ target: 30, step: 3, pointsPerStep: 1 }), 5, { value: 20, target: 23 });
    expect(leaf.score).toBe('4.00');
  });

  it('reports a non-numeric value as an input error', () => {
    const { leaf, evaluation } = scoreOne(rule({}), 5, { value: '2,47' });
    expect(leaf.score).toBeNull();
    expect(evaluation.errors).toEqual([{ unitId: 'u', criterionId: 'x', reason: '实际值（value）必须是数字' }]);
  });
});

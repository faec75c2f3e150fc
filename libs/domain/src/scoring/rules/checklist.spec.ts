import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../spec-helpers.js';
import type { ChecklistRule } from '../types.js';

const rule: ChecklistRule = {
  kind: 'checklist',
  items: [
    { id: 'leader', name: '指定领导分管', points: '2.5' },
    { id: 'section', name: '指定科室负责', points: '2.5' },
  ],
};

describe('checklist', () => {
  it.each([
    { satisfied: [], score: '0.00' },
    { satisfied: ['leader'], score: '2.50' },
    { satisfied: ['leader', 'section'], score: '5.00' },
    { satisfied: ['section', 'section'], score: '2.50' },
  ])('$satisfied ⇒ $score', ({ satisfied, score }) => {
    expect(scoreOne(rule, 5, { satisfied }).leaf.score).toBe(score);
  });

  it('never scores above the leaf when the items add up to more (任选其二)', () => {
    const pick: ChecklistRule = {
      kind: 'checklist',
      items: [
        { id: 'a', name: 'A', points: 2 },
        { id: 'b', name: 'B', points: 2 },
        { id: 'c', name: 'C', points: 2 },
      ],
    };
    const { leaf } = scoreOne(pick, 4, { satisfied: ['a', 'b', 'c'] });
    expect(leaf.score).toBe('4.00');
    expect(leaf.explanation.steps.at(-1)).toBe('合计 6，超过本项分值，按 4 计');
  });

  it('names each item by its name in the working, never by its code', () => {
    const { leaf } = scoreOne(rule, 5, { satisfied: ['leader'] });
    expect(leaf.explanation.steps.slice(0, 2)).toEqual(['✓ 指定领导分管：+2.5', '✗ 指定科室负责：0']);
  });

  it('reports an unknown item as an input error', () => {
    const { evaluation } = scoreOne(rule, 5, { satisfied: ['leader', 'budget'] });
    expect(evaluation.errors).toEqual([{ unitId: 'u', criterionId: 'x', reason: '未知的检查项：budget' }]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { evaluateScheme } from './evaluate.js';
import { oneLeafScheme, scoreOne } from './spec-helpers.js';
import type { LeafInput, UnitInput } from './types.js';

// Inputs arrive as JSON from forms and imports: each malformed one is an error of its unit and leaf,
// never a throw and never a score.
describe('evaluateScheme on malformed inputs', () => {
  it.each<{ name: string; input: unknown; reason: string }>([
    { name: 'null', input: null, reason: '缺少该指标的输入' },
    { name: 'a number', input: 5, reason: '输入格式错误：应为对象' },
    { name: 'an array', input: [{ score: 5, reason: '好' }], reason: '输入格式错误：应为对象' },
    {
      name: 'evidence as text',
      input: { score: 5, reason: '好', evidence: 'f-1' },
      reason: '佐证材料（evidence）必须是字符串数组',
    },
    {
      name: 'evidence with a number',
      input: { score: 5, reason: '好', evidence: ['f-1', 2] },
      reason: '佐证材料（evidence）必须是字符串数组',
    },
  ])('a leaf input that is $name', ({ input, reason }) => {
    const { leaf, evaluation } = scoreOne({ kind: 'manual' }, 10, input as LeafInput);
    expect(leaf.score).toBeNull();
    expect(evaluation.errors).toEqual([{ unitId: 'u', criterionId: 'x', reason }]);
  });

  it('keeps the evidence of a well-formed input', () => {
    const { leaf, evaluation } = scoreOne({ kind: 'manual' }, 10, { score: 5, reason: '好', evidence: ['f-1', 'f-2'] });
    expect(evaluation.errors).toEqual([]);
    expect(leaf.explanation.evidence).toEqual(['f-1', 'f-2']);
  });

  it.each<{ name: string; unit: unknown }>([
    { name: 'no unitId', unit: { leaves: {} } },
    { name: 'an empty unitId', unit: { unitId: '', leaves: {} } },
    { name: 'a blank unitId', unit: { unitId: '   ', leaves: {} } },
    { name: 'a numeric unitId', unit: { unitId: 7, leaves: {} } },
    { name: 'not an object', unit: 'u' },
  ])('a unit with $name is named by its position', ({ unit }) => {
    const good: UnitInput = { unitId: 'ok', leaves: { x: { score: 5, reason: '好' } } };
    const { results, errors } = evaluateScheme(oneLeafScheme({ kind: 'manual' }), [good, unit as UnitInput]);
    expect(results.map((r) => r.unitId)).toEqual(['ok']);
    expect(errors).toEqual([{ unitId: '#2', criterionId: null, reason: '单位编号（unitId）必须是非空字符串' }]);
  });

  it.each<{ name: string; vetoes: unknown; errors: { criterionId: string | null; reason: string }[] }>([
    { name: 'not a list', vetoes: 'v1', errors: [{ criterionId: null, reason: '否决事项输入必须是数组' }] },
    {
      name: 'an unknown item',
      vetoes: [{ itemId: 'v9' }],
      errors: [{ criterionId: 'v9', reason: '方案中没有这个否决事项' }],
    },
    {
      name: 'an item without an id',
      vetoes: [{ note: '无编号' }],
      errors: [{ criterionId: null, reason: '方案中没有这个否决事项' }],
    },
    { name: 'a bare string', vetoes: ['v9'], errors: [{ criterionId: null, reason: '方案中没有这个否决事项' }] },
  ])('vetoes that are $name', ({ vetoes, errors }) => {
    const unit = { unitId: 'u', leaves: { x: { score: 5, reason: '好' } }, vetoes } as UnitInput;
    const evaluation = evaluateScheme(oneLeafScheme({ kind: 'manual' }), [unit]);
    expect(evaluation.errors).toEqual(errors.map((e) => ({ unitId: 'u', ...e })));
    expect(evaluation.results[0]?.vetoes).toEqual([]);
  });
});

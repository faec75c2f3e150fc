import { describe, expect, it } from '@jest/globals';
import { compileScheme, InvalidSchemeError, validateScheme } from './scheme-validator.js';
import type { Scheme } from './types.js';

/** A valid scheme; each case below breaks one thing in a copy of it. */
function base(): Scheme {
  return {
    id: 's',
    name: '测试方案',
    total: 20,
    criteria: [
      {
        id: 'c1',
        name: '指标',
        points: 6,
        children: [{ id: 'c1.1', name: '研发投入', points: 6, rule: { kind: 'linear', direction: 'higher' } }],
      },
      { id: 'c2', name: '履职', points: 4, rule: { kind: 'perEvent', pointsPerEvent: 1 } },
      {
        id: 'c3',
        name: '任务',
        points: 10,
        children: [
          {
            id: 'c3.1',
            name: '短缺',
            points: 2,
            rule: {
              kind: 'shortfall',
              target: '2.5',
              step: '0.01',
              pointsPerStep: '0.02',
              partialStepCounts: true,
              direction: 'higher',
            },
          },
          {
            id: 'c3.2',
            name: '清单',
            points: 3,
            rule: { kind: 'checklist', items: [{ id: 'a', name: 'A', points: 3 }] },
          },
          { id: 'c3.3', name: '满意度', points: 5, rule: { kind: 'likert' } },
        ],
      },
    ],
    bonus: { cap: 15, items: [{ id: 'b1', name: '独角兽', points: 5 }] },
  };
}

type Mutable = Record<string, unknown>;
const at = (s: Scheme, ...path: (string | number)[]): Mutable =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], s) as Mutable;

function errorsOf(mutate: (s: Scheme) => void): { path: string; reason: string }[] {
  const s = base();
  mutate(s);
  const result = validateScheme(JSON.parse(JSON.stringify(s)));
  return result.ok ? [] : result.errors;
}

describe('validateScheme', () => {
  it('accepts the base scheme', () => {
    expect(validateScheme(base())).toEqual({ ok: true, scheme: base() });
  });

  it.each<{ name: string; mutate: (s: Scheme) => void; path: string; reason: string }>([
    {
      name: 'children not adding up to the parent',
      mutate: (s) => (at(s, 'criteria', 2, 'children', 0).points = 3),
      path: 'criteria[2].children',
      reason: '下级指标分值合计 11 与本级分值 10 不一致',
    },
    {
      name: 'root not adding up to the declared total',
      mutate: (s) => (s.total = 100),
      path: 'criteria',
      reason: '一级指标分值合计 20 与方案总分 100 不一致',
    },
    {
      name: 'a leaf without a rule',
      mutate: (s) => delete at(s, 'criteria', 1).rule,
      path: 'criteria[1].rule',
      reason: '末级指标缺少计分规则',
    },
    {
      name: 'a parameter of the wrong type',
      mutate: (s) => (at(s, 'criteria', 2, 'children', 0, 'rule').pointsPerStep = '两分'),
      path: 'criteria[2].children[0].rule.pointsPerStep',
      reason: '必须是数字（数值或数字字符串）',
    },
    {
      name: 'a missing parameter',
      mutate: (s) => delete at(s, 'criteria', 2, 'children', 0, 'rule').step,
      path: 'criteria[2].children[0].rule.step',
      reason: '缺少必填参数',
    },
    {
      name: 'a boolean parameter given as a string',
      mutate: (s) => (at(s, 'criteria', 2, 'children', 0, 'rule').partialStepCounts = 'yes'),
      path: 'criteria[2].children[0].rule.partialStepCounts',
      reason: '必须是布尔值（true/false）',
    },
    {
      name: 'a misspelt parameter',
      mutate: (s) => (at(s, 'criteria', 0, 'children', 0, 'rule').floorshare = 0.6),
      path: 'criteria[0].children[0].rule.floorshare',
      reason: '计分规则 linear 没有参数“floorshare”',
    },
    {
      name: 'an unknown rule kind',
      mutate: (s) => (at(s, 'criteria', 1, 'rule').kind = 'bonus'),
      path: 'criteria[1].rule.kind',
      reason:
        '未知的计分规则类型“bonus”，可选：rate、threshold、checklist、shortfall、perEvent、linear、ratioToTarget、manual、likert',
    },
    {
      name: 'duplicate criterion ids',
      mutate: (s) => (at(s, 'criteria', 2, 'children', 1).id = 'c3.1'),
      path: 'criteria[2].children[1].id',
      reason: '编号“c3.1”重复（已用于 criteria[2].children[0].id）',
    },
    {
      name: 'a bonus item reusing a criterion id',
      mutate: (s) => (at(s, 'bonus', 'items', 0).id = 'c2'),
      path: 'bonus.items[0].id',
      reason: '编号“c2”重复（已用于 criteria[1].id）',
    },
    {
      name: 'negative points',
      mutate: (s) => {
        at(s, 'criteria', 2, 'children', 1).points = -3;
        at(s, 'criteria', 2, 'children', 2).points = 11;
      },
      path: 'criteria[2].children[1].points',
      reason: '分值不能为负数（-3）',
    },
    {
      name: 'a checklist item worth more than its leaf',
      mutate: (s) => (at(s, 'criteria', 2, 'children', 1, 'rule', 'items', 0).points = 4),
      path: 'criteria[2].children[1].rule.items[0].points',
      reason: '检查项分值 4 超过本项分值 3',
    },
    {
      name: 'Likert weights rising from the best answer to the worst',
      mutate: (s) => (at(s, 'criteria', 2, 'children', 2, 'rule').weights = [100, 60, 80, 30, 0]),
      path: 'criteria[2].children[2].rule.weights[2]',
      reason: '权重不能从最佳选项到最差选项递增（60 → 80）',
    },
    {
      name: 'a rule on a criterion with children',
      mutate: (s) => (at(s, 'criteria', 0).rule = { kind: 'manual' }),
      path: 'criteria[0].rule',
      reason: '非末级指标不能设置计分规则（规则只放在末级指标上）',
    },
    {
      name: 'a rate cap above 1',
      mutate: (s) => (at(s, 'criteria', 0, 'children', 0).rule = { kind: 'rate', cap: '1.2' }),
      path: 'criteria[0].children[0].rule.cap',
      reason: '不能大于1',
    },
    {
      name: 'grade bands not descending',
      mutate: (s) => (s.grades = [{ label: '优', min: 80 }, { label: '良', min: 90 }, { label: '差' }]),
      path: 'grades[1].min',
      reason: '等次下限必须从高到低递减（80 → 90）',
    },
    {
      name: 'a last grade band with a minimum',
      mutate: (s) =>
        (s.grades = [
          { label: '合格', min: 60 },
          { label: '不合格', min: 0 },
        ]),
      path: 'grades[1].min',
      reason: '最后一档不设下限（兜底等次）',
    },
  ])('rejects $name', ({ mutate, path, reason }) => {
    expect(errorsOf(mutate)).toContainEqual({ path, reason });
  });

  it('rejects what is not a scheme at all', () => {
    expect(validateScheme(null)).toEqual({ ok: false, errors: [{ path: '', reason: '考评方案必须是对象' }] });
    expect(validateScheme({ id: 's', name: 'n', total: 10, criteria: [] })).toEqual({
      ok: false,
      errors: [{ path: 'criteria', reason: '必须是非空数组' }],
    });
  });

  it('accepts numbers given as strings and sums them exactly', () => {
    const s = base();
    s.total = '20.00';
    at(s, 'criteria', 2, 'children', 0).points = '1.9';
    at(s, 'criteria', 2, 'children', 1).points = '3.1';
    expect(validateScheme(s).ok).toBe(true);
  });

  it('compileScheme throws InvalidSchemeError carrying the issues', () => {
    const s = base();
    s.total = 99;
    expect(() => compileScheme(s)).toThrow(InvalidSchemeError);
    try {
      compileScheme(s);
    } catch (e) {
      expect((e as InvalidSchemeError).errors).toEqual([
        { path: 'criteria', reason: '一级指标分值合计 20 与方案总分 99 不一致' },
      ]);
    }
  });
});

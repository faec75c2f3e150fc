import { describe, expect, it } from '@jest/globals';
import { evaluateScheme, validateScheme } from '../scoring/index.js';
import { DEFAULT_FUND_SCHEME, DEFAULT_FUND_SOURCES } from './default-fund-scheme.js';
import { type FundEvaluationData, deductionReason, fundLeafInputs, sameLevelName } from './fund-evaluation.js';

const allChecked = {
  D1a: { satisfied: ['D1a1', 'D1a2'] },
  D1b: { satisfied: ['D1b1', 'D1b2'] },
  D2a: { satisfied: ['D2a1', 'D2a2'] },
  D2b: { satisfied: ['D2b1'] },
  D3a: { score: '3', reason: '预算编制经过专家论证' },
  D3b: { score: '2.5', reason: '部分资金分配依据不充分' },
  P1c: { satisfied: ['P1c1', 'P1c2', 'P1c3', 'P1c4'] },
  P2a: { satisfied: ['P2a1', 'P2a2'] },
  P2b: { satisfied: ['P2b1', 'P2b2'] },
};
const outcome = (
  level1: string,
  level2: string,
  level3: string,
  attainment: 'met' | 'partly_met' | 'not_met',
  deviationReason = '',
) => ({ level1, level2, level3, attainment, deviationReason });

const data: FundEvaluationData = {
  budget: '58600',
  received: '58600',
  spent: '55670',
  indicators: [
    outcome('产出指标', '数量指标', '科技重大项目验收数', 'met'),
    outcome('产出指标', '数量指标', '新增重大科技项目立项数', 'not_met', '部分项目延期立项'),
    outcome('产出指标', '质量指标', '项目验收合格率', 'partly_met'),
    outcome('产出指标', '时效指标', '验收完成时限', 'met'),
    outcome('产出指标', '成本指标', '补助标准控制率', 'met'),
    outcome('效益指标', '经济效益指标', '技术合同登记额', 'met'),
    outcome('效益指标', '社会效益指标', '全市高新技术企业', 'met'),
    outcome('满意度指标', '服务对象满意度指标', '项目补助企业满意度', 'met'),
  ],
  survey: { counts: [30, 8, 2, 0, 0], dontKnow: 1 },
  evaluator: allChecked,
};

describe('the default fund scheme', () => {
  it('is a valid 100-point scheme of 决策 20 / 过程 20 / 产出 30 / 效益 30', () => {
    const checked = validateScheme(DEFAULT_FUND_SCHEME);
    expect(checked.ok).toBe(true);
    expect(DEFAULT_FUND_SCHEME.criteria.map((c) => [c.name, c.points])).toEqual([
      ['决策', 20],
      ['过程', 20],
      ['产出', 30],
      ['效益', 30],
    ]);
  });
});

describe('sameLevelName', () => {
  it.each([
    ['产出指标', '产出', true],
    ['经济效益指标', '经济效益', true],
    ['社会效益指标', '经济效益', false],
  ])('%s ~ %s → %s', (a, b, same) => expect(sameLevelName(a, b)).toBe(same));
});

describe('evaluating a fund', () => {
  const inputs = fundLeafInputs(DEFAULT_FUND_SCHEME, DEFAULT_FUND_SOURCES, data);
  const [result] = evaluateScheme(DEFAULT_FUND_SCHEME, [{ unitId: 'fund', leaves: inputs }]).results;
  const leaf = (id: string) => result!.leaves.find((l) => l.criterionId === id)!;

  it('reads rates, target groups and the survey from the platform data', () => {
    expect(inputs['P1a']).toEqual({ actual: '58600', planned: '58600' });
    expect(inputs['P1b']).toEqual({ actual: '55670', planned: '58600' });
    expect(inputs['O1']).toEqual({ value: '1', target: '2' });
    expect(inputs['O2']).toEqual({ value: '0.5', target: '1' });
    expect(inputs['E2a']).toEqual({ counts: [30, 8, 2, 0, 0], dontKnow: 1 });
  });

  it('scores each leaf by its rule', () => {
    expect(leaf('P1a').score).toBe('4.00');
    expect(leaf('P1b').score).toBe('3.80'); // 55670 ÷ 58600 × 4 = 3.8
    expect(leaf('O1').score).toBe('9.00'); // one missed: −1
    expect(leaf('O2').score).toBe('9.50'); // one partly met: −0.5
    expect(leaf('D2b').score).toBe('2.00');
    // (30×100 + 8×80 + 2×60) ÷ 40 = 94 % ≥ 90 % → full points
    expect(leaf('E2a').score).toBe('10.00');
    expect(result!.total).toBe('95.80');
    expect(result!.grade).toBe('优');
  });

  it('states why points were lost', () => {
    const reason = (id: string) => deductionReason(leaf(id), DEFAULT_FUND_SCHEME, DEFAULT_FUND_SOURCES[id], data);
    expect(reason('P1a')).toBe('');
    expect(reason('P1b')).toBe('预算执行率95.00%，未全部执行');
    expect(reason('O1')).toBe('未完成：新增重大科技项目立项数（部分项目延期立项）');
    expect(reason('O2')).toBe('部分完成：项目验收合格率');
    expect(reason('D2b')).toBe('未满足：指标清晰、可衡量');
    expect(reason('D3b')).toBe('部分资金分配依据不充分');
  });

  it('never says 无扣分 of a leaf that lost points: a rule over entered figures gives its own working', () => {
    const shortfall = {
      ...leaf('D2b'),
      criterionId: 'X1',
      points: '5.00',
      score: '3.50',
      explanation: { ...leaf('D2b').explanation, steps: ['差额 = (100 − 70) ÷ 10 = 3', '扣分 = 3 × 0.5 = 1.5'] },
    };
    expect(deductionReason(shortfall, DEFAULT_FUND_SCHEME, undefined, data)).toBe(
      '扣1.5分（差额 = (100 − 70) ÷ 10 = 3；扣分 = 3 × 0.5 = 1.5）',
    );
    // A target group that lost points with nothing missed on record still says how many.
    const group = { ...leaf('O1'), score: '8.00' };
    const none = { ...data, indicators: [] };
    expect(deductionReason(group, DEFAULT_FUND_SCHEME, DEFAULT_FUND_SOURCES['O1'], none)).toMatch(/^扣2分/);
  });

  it('leaves evaluator leaves missing until entered, and a group without targets scores in full', () => {
    const bare = fundLeafInputs(DEFAULT_FUND_SCHEME, DEFAULT_FUND_SOURCES, {
      ...data,
      indicators: [],
      evaluator: {},
      survey: null,
    });
    expect(bare['D1a']).toBeUndefined();
    expect(bare['E2a']).toBeUndefined();
    expect(bare['O1']).toEqual({ value: '0', target: '0' });
    const [r] = evaluateScheme(DEFAULT_FUND_SCHEME, [{ unitId: 'fund', leaves: bare }]).results;
    expect(r!.leaves.find((l) => l.criterionId === 'O1')!.score).toBe('10.00');
    expect(r!.complete).toBe(false);
  });
});

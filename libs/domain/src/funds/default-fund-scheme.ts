import type { Scheme } from '../scoring/types.js';
import type { FundLeafSource } from './fund-evaluation.js';

const check = (id: string, name: string, items: [string, string, number][]) => ({
  id,
  name,
  points: items.reduce((s, [, , p]) => s + p, 0),
  rule: {
    kind: 'checklist' as const,
    items: items.map(([itemId, itemName, points]) => ({ id: itemId, name: itemName, points })),
  },
});
/** 每少一项扣 `each` 分，部分完成扣一半，扣完为止. */
const targets = (id: string, name: string, points: number, each: number) => ({
  id,
  name,
  points,
  rule: {
    kind: 'shortfall' as const,
    target: 0,
    step: '0.5',
    pointsPerStep: each / 2,
    partialStepCounts: false,
    direction: 'higher' as const,
  },
  note: `每有一项未完成扣${each}分，部分完成扣${each / 2}分，扣完为止`,
});

/**
 * The common 100-point fund evaluation (决策 20 / 过程 20 / 产出 30 / 效益 30) used by finance
 * bureaus. The office edits it like any other scheme; this is only the starting version.
 */
export const DEFAULT_FUND_SCHEME: Scheme = {
  id: 'fund-default',
  name: '专项资金绩效评价指标体系',
  total: 100,
  criteria: [
    {
      id: 'D',
      name: '决策',
      points: 20,
      children: [
        {
          id: 'D1',
          name: '项目立项',
          points: 6,
          children: [
            check('D1a', '立项依据充分性', [
              ['D1a1', '符合国家法律法规和发展政策', 1.5],
              ['D1a2', '与部门职责和年度计划相符', 1.5],
            ]),
            check('D1b', '立项程序规范性', [
              ['D1b1', '按规定程序申请设立', 1.5],
              ['D1b2', '经过必要的论证和审批', 1.5],
            ]),
          ],
        },
        {
          id: 'D2',
          name: '绩效目标',
          points: 8,
          children: [
            check('D2a', '绩效目标合理性', [
              ['D2a1', '绩效目标与实际工作内容相关', 2],
              ['D2a2', '预期产出效益符合正常业绩水平', 2],
            ]),
            check('D2b', '绩效指标明确性', [
              ['D2b1', '绩效目标已细化分解为具体指标', 2],
              ['D2b2', '指标清晰、可衡量', 2],
            ]),
          ],
        },
        {
          id: 'D3',
          name: '资金投入',
          points: 6,
          children: [
            {
              id: 'D3a',
              name: '预算编制科学性',
              points: 3,
              rule: { kind: 'manual' as const, guidance: '预算编制经过论证，内容与项目内容匹配' },
            },
            {
              id: 'D3b',
              name: '资金分配合理性',
              points: 3,
              rule: { kind: 'manual' as const, guidance: '资金分配依据充分，额度与项目实际相适应' },
            },
          ],
        },
      ],
    },
    {
      id: 'P',
      name: '过程',
      points: 20,
      children: [
        {
          id: 'P1',
          name: '资金管理',
          points: 12,
          children: [
            {
              id: 'P1a',
              name: '资金到位率',
              points: 4,
              rule: { kind: 'rate' as const },
              note: '实际到位资金 ÷ 预算资金 × 4',
            },
            {
              id: 'P1b',
              name: '预算执行率',
              points: 4,
              rule: { kind: 'rate' as const },
              note: '实际支出资金 ÷ 实际到位资金 × 4',
            },
            check('P1c', '资金使用合规性', [
              ['P1c1', '符合财经法规和资金管理办法', 1],
              ['P1c2', '资金拨付有完整的审批程序和手续', 1],
              ['P1c3', '符合预算批复规定的用途', 1],
              ['P1c4', '无截留、挤占、挪用、虚列支出', 1],
            ]),
          ],
        },
        {
          id: 'P2',
          name: '组织实施',
          points: 8,
          children: [
            check('P2a', '管理制度健全性', [
              ['P2a1', '已制定相应的业务及财务管理制度', 2],
              ['P2a2', '管理制度合法、合规、完整', 2],
            ]),
            check('P2b', '制度执行有效性', [
              ['P2b1', '遵守相关法律法规和管理规定', 2],
              ['P2b2', '项目合同书、验收报告等资料齐全并及时归档', 2],
            ]),
          ],
        },
      ],
    },
    {
      id: 'O',
      name: '产出',
      points: 30,
      children: [
        targets('O1', '产出数量', 10, 1),
        targets('O2', '产出质量', 10, 1),
        targets('O3', '产出时效', 5, 1),
        targets('O4', '产出成本', 5, 2.5),
      ],
    },
    {
      id: 'E',
      name: '效益',
      points: 30,
      children: [
        {
          id: 'E1',
          name: '项目效益',
          points: 20,
          children: [targets('E1a', '经济效益', 10, 2), targets('E1b', '社会效益', 10, 2)],
        },
        {
          id: 'E2',
          name: '满意度',
          points: 10,
          children: [
            {
              id: 'E2a',
              name: '服务对象满意度',
              points: 10,
              rule: { kind: 'likert' as const },
              note: '满意度 ÷ 90% × 10，最高10分',
            },
          ],
        },
      ],
    },
  ],
  grades: [{ label: '优', min: 90 }, { label: '良', min: 80 }, { label: '中', min: 60 }, { label: '差' }],
};

/** Where each leaf of the default scheme takes its input from. */
export const DEFAULT_FUND_SOURCES: Record<string, FundLeafSource> = {
  P1a: { type: 'fundingRate' },
  P1b: { type: 'executionRate' },
  O1: { type: 'targetsAttained', level1: '产出', level2: '数量' },
  O2: { type: 'targetsAttained', level1: '产出', level2: '质量' },
  O3: { type: 'targetsAttained', level1: '产出', level2: '时效' },
  O4: { type: 'targetsAttained', level1: '产出', level2: '成本' },
  E1a: { type: 'targetsAttained', level1: '效益', level2: '经济效益' },
  E1b: { type: 'targetsAttained', level1: '效益', level2: '社会效益' },
  E2a: { type: 'survey' },
};

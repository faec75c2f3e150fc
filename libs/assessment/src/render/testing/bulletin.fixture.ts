import type { BulletinRow, BulletinSnapshot, Flag, LaggingTask } from '../bulletin.types.js';

/**
 * A realistic Ganzhou bulletin for renderer specs: three tiers of counties, made-up scores, a tie
 * ranked 1, 2, 2, 4, thirty lagging tasks and a few late units.
 */

type RowSpec = [
  rank: number,
  unitName: string,
  subtotals: [string, string, string],
  previousRank: number | null,
  flags: Flag[],
];

function rows(specs: RowSpec[]): BulletinRow[] {
  return specs.map(([rank, unitName, subtotals, previousRank, flags]) => ({
    rank,
    unitName,
    total: (subtotals.reduce((cents, s) => cents + Math.round(Number(s) * 100), 0) / 100).toFixed(2),
    previousRank,
    subtotals,
    flags,
  }));
}

const TASK_LABELS = [
  '规模以上工业企业研发活动全覆盖',
  '高新技术企业倍增行动',
  '科技型中小企业评价入库',
  '省级以上创新平台建设',
  '推进稀土新材料及应用产业创新联合体建设，组织实施一批关键核心技术攻关项目',
  '技术合同成交额增长',
  '全社会研发经费投入强度提升',
  '科技特派员服务乡村振兴',
  '新型研发机构培育',
  '“科技贷”“科技保”等科技金融产品推广',
];

const LAGGING_UNITS = [
  '龙南市',
  '南康区',
  '宁都县',
  '于都县',
  '会昌县',
  '上犹县',
  '安远县',
  '寻乌县',
  '石城县',
  '全南县',
];

function laggingTasks(count: number): LaggingTask[] {
  return Array.from({ length: count }, (_, i) => {
    const expected = [50, 60, 75, 80][i % 4] ?? 50;
    const actual = Math.round(expected * (0.2 + ((i * 7) % 12) * 0.05) * 10) / 10;
    return {
      label: TASK_LABELS[i % TASK_LABELS.length] ?? '',
      unitName: LAGGING_UNITS[(i * 3) % LAGGING_UNITS.length] ?? '',
      actual: String(actual),
      expected: String(expected),
      flag: actual / expected < 0.5 ? ('red' as const) : ('yellow' as const),
    };
  }).sort((a, b) => Number(a.actual) / Number(a.expected) - Number(b.actual) / Number(b.expected));
}

export function bulletinFixture(overrides: Partial<BulletinSnapshot> = {}): BulletinSnapshot {
  return {
    title: '2023年第一季度科技创新赋能行动县（市、区）推进情况通报',
    cityName: '赣州市',
    issuer: '赣州市科技创新赋能行动领导小组办公室',
    quarterKey: '2023-Q1',
    revision: 1,
    correctionReason: null,
    publishedAt: '2023-04-14T17:30:00.000Z', // 2023-04-15 01:30 in Asia/Shanghai
    schemeName: '赣州市科技创新赋能行动县（市、区）季度考评方案',
    schemeVersion: 2,
    columns: ['指标进度（60分）', '任务进度（25分）', '报送及时率（15分）'],
    tiers: [
      {
        tier: 1,
        label: '一类县（市、区）',
        rows: rows([
          [1, '赣州经开区', ['55.20', '23.30', '14.00'], 2, []],
          [2, '赣州蓉江新区', ['52.60', '21.50', '14.00'], 1, []],
          [2, '章贡区', ['53.10', '20.00', '15.00'], 2, []],
          [4, '赣县区（赣州高新区）', ['51.00', '21.75', '13.00'], 4, []],
          [5, '南康区', ['48.40', '19.00', '13.00'], 6, ['yellow']],
          [6, '龙南市', ['42.35', '18.00', '12.00'], null, ['red']],
        ]),
      },
      {
        tier: 2,
        label: '二类县（市、区）',
        rows: rows([
          [1, '信丰县', ['56.00', '22.00', '15.00'], 3, []],
          [2, '瑞金市', ['54.25', '22.50', '14.50'], 1, []],
          [3, '兴国县', ['53.00', '21.00', '14.00'], 2, []],
          [4, '于都县', ['50.10', '20.40', '13.50'], 4, ['yellow']],
          [5, '宁都县', ['47.80', '18.20', '12.00'], 6, ['yellow']],
          [6, '会昌县', ['40.05', '16.00', '10.00'], 5, ['red']],
        ]),
      },
      {
        tier: 3,
        label: '三类县（市、区）',
        rows: rows([
          [1, '大余县', ['55.55', '22.00', '15.00'], 1, []],
          [2, '崇义县', ['54.00', '21.30', '14.00'], 4, []],
          [3, '定南县', ['52.00', '21.00', '14.00'], 2, []],
          [4, '全南县', ['50.00', '20.00', '13.00'], 3, ['yellow']],
          [5, '上犹县', ['49.00', '19.50', '12.50'], 7, ['yellow']],
          [6, '安远县', ['46.00', '18.00', '12.00'], 5, ['yellow']],
          [7, '石城县', ['44.00', '17.00', '11.00'], 8, ['yellow']],
          [8, '寻乌县', ['38.60', '15.00', '9.00'], 6, ['red']],
        ]),
      },
    ],
    laggingTasks: laggingTasks(30),
    lateUnits: [
      { unitName: '寻乌县', late: 2, missing: 1, flag: 'red' },
      { unitName: '会昌县', late: 1, missing: 1, flag: 'red' },
      { unitName: '龙南市', late: 3, missing: 0, flag: 'yellow' },
      { unitName: '宁都县', late: 2, missing: 0, flag: 'yellow' },
      { unitName: '石城县', late: 1, missing: 0, flag: 'yellow' },
    ],
    ...overrides,
  };
}

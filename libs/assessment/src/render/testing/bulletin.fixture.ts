import type { LegacyBulletinSnapshot } from '../bulletin-snapshot-upgrade.js';
import {
  BULLETIN_SNAPSHOT_FORMAT,
  type BulletinRow,
  type BulletinSnapshot,
  type BulletinLag,
  type TrafficLight,
} from '../bulletin.types.js';

/**
 * A realistic Ganzhou bulletin for renderer specs: three tiers of counties, made-up scores, a tie
 * ranked 1, 2, 2, 4, thirty lagging tasks, two lagging indicators, two lagging key projects (in
 * 万元) and a few late units.
 */

type RowSpec = [
  rank: number,
  unitName: string,
  subtotals: [string, string, string],
  previousRank: number | null,
  light: TrafficLight,
];

function rows(specs: RowSpec[]): BulletinRow[] {
  return specs.map(([rank, unitName, subtotals, previousRank, light]) => ({
    rank,
    unitName,
    total: (subtotals.reduce((cents, s) => cents + Math.round(Number(s) * 100), 0) / 100).toFixed(2),
    previousRank,
    subtotals,
    light,
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

const percent = (value: number) => ({ value: String(value), unit: '%', decimals: 2 });

export function laggingTasks(count: number): BulletinLag[] {
  return Array.from({ length: count }, (_, i) => {
    const expected = [50, 60, 75, 80][i % 4] ?? 50;
    const actual = Math.round(expected * (0.2 + ((i * 7) % 12) * 0.05) * 10) / 10;
    return {
      kind: 'task' as const,
      label: TASK_LABELS[i % TASK_LABELS.length] ?? '',
      unitName: LAGGING_UNITS[(i * 3) % LAGGING_UNITS.length] ?? '',
      actual: percent(actual),
      expected: percent(expected),
      light: actual / expected < 0.5 ? ('red' as const) : ('yellow' as const),
    };
  }).sort(
    (a, b) => Number(a.actual.value) / Number(a.expected.value) - Number(b.actual.value) / Number(b.expected.value),
  );
}

/** The figures of the bulletin that printed 万元 as percentages, and two indicators in their own units. */
export const OTHER_LAGGING: BulletinLag[] = [
  {
    kind: 'project',
    label: '项目28 赣州稀土新材料产业园标准厂房建设',
    unitName: '龙南市',
    actual: { value: '8112.15', unit: '万元', decimals: 2 },
    expected: { value: '12500', unit: '万元', decimals: 2 },
    light: 'yellow',
  },
  {
    kind: 'project',
    label: '项目31 于都县科技企业孵化器',
    unitName: '于都县',
    actual: { value: null, unit: '万元', decimals: 2 },
    expected: { value: '750', unit: '万元', decimals: 2 },
    light: 'red',
  },
  {
    kind: 'indicator',
    label: '指标 高新技术企业数',
    unitName: '宁都县',
    actual: { value: '12', unit: '家', decimals: 0 },
    expected: { value: '20.5', unit: '家', decimals: 0 },
    light: 'yellow',
  },
  {
    kind: 'indicator',
    label: '指标 技术合同成交额',
    unitName: '石城县',
    actual: { value: '0.8', unit: '亿元', decimals: 2 },
    expected: { value: '2.25', unit: '亿元', decimals: 2 },
    light: 'red',
  },
];

export function bulletinFixture(overrides: Partial<BulletinSnapshot> = {}): BulletinSnapshot {
  return {
    title: '2023年第一季度科技创新赋能行动县（市、区）推进情况通报',
    cityName: '赣州市',
    issuer: '赣州市科技创新赋能行动领导小组办公室',
    format: BULLETIN_SNAPSHOT_FORMAT,
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
          [1, '赣州经开区', ['55.20', '23.30', '14.00'], 2, 'green'],
          [2, '赣州蓉江新区', ['52.60', '21.50', '14.00'], 1, 'green'],
          [2, '章贡区', ['53.10', '20.00', '15.00'], 2, 'green'],
          [4, '赣县区（赣州高新区）', ['51.00', '21.75', '13.00'], 4, 'green'],
          [5, '南康区', ['48.40', '19.00', '13.00'], 6, 'yellow'],
          [6, '龙南市', ['42.35', '18.00', '12.00'], null, 'red'],
        ]),
      },
      {
        tier: 2,
        label: '二类县（市、区）',
        rows: rows([
          [1, '信丰县', ['56.00', '22.00', '15.00'], 3, 'green'],
          [2, '瑞金市', ['54.25', '22.50', '14.50'], 1, 'green'],
          [3, '兴国县', ['53.00', '21.00', '14.00'], 2, 'green'],
          [4, '于都县', ['50.10', '20.40', '13.50'], 4, 'yellow'],
          [5, '宁都县', ['47.80', '18.20', '12.00'], 6, 'yellow'],
          [6, '会昌县', ['40.05', '16.00', '10.00'], 5, 'red'],
        ]),
      },
      {
        tier: 3,
        label: '三类县（市、区）',
        rows: rows([
          [1, '大余县', ['55.55', '22.00', '15.00'], 1, 'green'],
          [2, '崇义县', ['54.00', '21.30', '14.00'], 4, 'green'],
          [3, '定南县', ['52.00', '21.00', '14.00'], 2, 'green'],
          [4, '全南县', ['50.00', '20.00', '13.00'], 3, 'yellow'],
          [5, '上犹县', ['49.00', '19.50', '12.50'], 7, 'yellow'],
          [6, '安远县', ['46.00', '18.00', '12.00'], 5, 'yellow'],
          [7, '石城县', ['44.00', '17.00', '11.00'], 8, 'yellow'],
          [8, '寻乌县', ['38.60', '15.00', '9.00'], 6, 'red'],
        ]),
      },
    ],
    lagging: [...laggingTasks(30), ...OTHER_LAGGING],
    lateUnits: [
      { unitName: '寻乌县', late: 2, missing: 1, light: 'red' },
      { unitName: '会昌县', late: 1, missing: 1, light: 'red' },
      { unitName: '龙南市', late: 3, missing: 0, light: 'yellow' },
      { unitName: '宁都县', late: 2, missing: 0, light: 'yellow' },
      { unitName: '石城县', late: 1, missing: 0, light: 'yellow' },
    ],
    ...overrides,
  };
}

/**
 * A snapshot as the first layout stored it (标记 flags, bare lagging figures): the Q1 bulletin that
 * printed 项目28's 万元 as 8112.15% / 12500.00%. Published bulletins are immutable, so it is read as it is.
 */
export function legacyBulletinSnapshot(): LegacyBulletinSnapshot & { inputs: Record<string, unknown> } {
  const { format: _format, tiers, lagging: _lagging, lateUnits: _lateUnits, ...rest } = bulletinFixture();
  return {
    ...rest,
    tiers: tiers.map((tier) => ({
      ...tier,
      rows: tier.rows.map(({ light, ...row }) => ({ ...row, flags: light === 'green' ? [] : [light] })),
    })),
    laggingTasks: [
      { label: '任务3 科技型中小企业评价入库', unitName: '会昌县', actual: '20', expected: '50', flag: 'red' },
      {
        label: '项目28 赣州稀土新材料产业园标准厂房建设（完成投资，万元）',
        unitName: '龙南市',
        actual: '8112.15',
        expected: '12500',
        flag: 'yellow',
      },
    ],
    lateUnits: [
      { unitName: '寻乌县', late: 2, missing: 1, flag: 'red' },
      { unitName: '石城县', late: 1, missing: 0, flag: 'yellow' },
    ],
    inputs: { 'unit-1': { reports: { onTime: 3, late: 0, missing: 0 } } },
  };
}

/**
 * County indicators the Ganzhou demo tracks. The statistics of 附表3-1 items 2–10 are entered
 * and confirmed by the office each quarter; the two firm counts of task 2 (入库科技型中小企业
 * 1750家, 高新技术企业300家) are reported monthly by the counties against county targets that
 * add up to the city's.
 */
export interface DemoIndicator {
  name: string;
  unitOfMeasure: string;
  aggregation: 'additive' | 'ratio';
  reporter: 'unit' | 'office';
  /** City target for 2023, split across counties by tier weight. */
  cityTarget?: number;
  /** Range of illustrative Q1 values for the statistics. */
  range?: [number, number];
}

export const ganzhouCountyIndicators: DemoIndicator[] = [
  { name: '入库科技型中小企业数', unitOfMeasure: '家', aggregation: 'additive', reporter: 'unit', cityTarget: 1750 },
  { name: '新认定高新技术企业数', unitOfMeasure: '家', aggregation: 'additive', reporter: 'unit', cityTarget: 300 },
  {
    name: '研发支出与地区生产总值之比',
    unitOfMeasure: '%',
    aggregation: 'ratio',
    reporter: 'office',
    range: [0.6, 2.4],
  },
  {
    name: '高新技术产业增加值占规模以上工业增加值比重',
    unitOfMeasure: '%',
    aggregation: 'ratio',
    reporter: 'office',
    range: [18, 48],
  },
  {
    name: '技术合同成交额与地区生产总值之比',
    unitOfMeasure: '%',
    aggregation: 'ratio',
    reporter: 'office',
    range: [0.5, 6],
  },
  {
    name: '每万家企业法人中高新技术企业数',
    unitOfMeasure: '家',
    aggregation: 'ratio',
    reporter: 'office',
    range: [40, 260],
  },
  {
    name: '规模以上工业企业中有研发活动企业占比',
    unitOfMeasure: '%',
    aggregation: 'ratio',
    reporter: 'office',
    range: [25, 65],
  },
  { name: '基础研究支出占研发支出比重', unitOfMeasure: '%', aggregation: 'ratio', reporter: 'office', range: [1, 8] },
  { name: '研发人员占比', unitOfMeasure: '%', aggregation: 'ratio', reporter: 'office', range: [0.3, 1.6] },
  {
    name: '规模以上工业企业新产品销售收入占比',
    unitOfMeasure: '%',
    aggregation: 'ratio',
    reporter: 'office',
    range: [8, 30],
  },
  {
    name: '外国高端人才和专业人才来华（赣州）工作数量与本地就业人员之比',
    unitOfMeasure: '人/万人',
    aggregation: 'ratio',
    reporter: 'office',
    range: [0.05, 0.9],
  },
];

/** Weight of a county's share of a city target, by tier. */
export const tierWeights: Record<number, number> = { 1: 8, 2: 5, 3: 3 };

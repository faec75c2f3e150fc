import { beforeAll, describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { readBreakdownSheet, writeBreakdownSheet } from './breakdown-sheet.js';
import { gridFromRows } from '@app/spreadsheets';
import { csvGrid, firstGrid, fixtureGrid } from './spec-helpers.js';
import type { BreakdownSheetRow } from './types.js';
import type { ParsedSheet } from '@app/spreadsheets';

const UNITS = [
  '南昌市',
  '高新区',
  '经开区',
  '南昌县',
  '进贤县',
  '安义县',
  '东湖区',
  '西湖区',
  '青云谱区',
  '青山湖区',
  '新建区',
  '红谷滩区',
  '湾里管理局',
];
const INDICATORS = [
  ['全社会研发经费投入强度', '%'],
  ['高新技术企业数量', '家'],
  ['科技型中小企业', '家'],
  ['技术合同成交金额', '亿元'],
  ['科贷通放贷额', '亿元'],
];

const sources = [
  {
    name: 'fixture nanchang-2023-breakdown.xlsx',
    file: 'nanchang-2023-breakdown.xlsx',
    layout: 'office',
    firstRow: 5,
    step: 1,
  },
  {
    name: 'reference nanchang-2023-breakdown.csv',
    file: 'source/nanchang-2023-breakdown.csv',
    layout: 'long',
    firstRow: 2,
    step: 5,
  },
];

describe.each(sources)('readBreakdownSheet on the $name', ({ file, layout, firstRow, step }) => {
  let parsed: ParsedSheet<BreakdownSheetRow>;
  const value = (unit: string, indicator: string, year: number) =>
    parsed.rows
      .find((r) => r.value.unit === unit)!
      .value.values.find((v) => v.indicator === indicator && v.year === year)?.value;
  beforeAll(async () => {
    parsed = readBreakdownSheet(await fixtureGrid(file));
  });

  it('reads 13 units (南昌市 first) × 5 indicators × 3 years', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta.layout).toBe(layout);
    expect(parsed.rows.map((r) => r.value.unit)).toEqual(UNITS);
    expect(parsed.rows.map((r) => r.row)).toEqual(UNITS.map((_, i) => firstRow + i * step));
    for (const { value: row } of parsed.rows) {
      expect(row.values.map((v) => [v.indicator, v.unitOfMeasure, v.year])).toEqual(
        INDICATORS.flatMap(([indicator, unit]) => [2023, 2024, 2025].map((year) => [indicator, unit, year])),
      );
    }
  });

  it('keeps values as printed', () => {
    expect(value('高新区', '全社会研发经费投入强度', 2025)).toBe('6.0');
    expect(value('湾里管理局', '全社会研发经费投入强度', 2024)).toBe('1.80');
    expect(value('进贤县', '全社会研发经费投入强度', 2024)).toBe('1.0');
    expect(value('南昌市', '科贷通放贷额', 2023)).toBe('6');
  });

  it("sums the 12 units' 2023 高新技术企业数量 to the city's 2000", () => {
    const sum = parsed.rows
      .filter((r) => r.value.unit !== '南昌市')
      .reduce((total, r) => total.plus(value(r.value.unit, '高新技术企业数量', 2023)!), new Decimal(0));
    expect(parsed.rows).toHaveLength(13);
    expect(sum.toString()).toBe('2000');
    expect(value('南昌市', '高新技术企业数量', 2023)).toBe('2000');
  });

  it('reads back the same rows from what writeBreakdownSheet writes', async () => {
    const buffer = await writeBreakdownSheet(
      parsed.rows.map((r) => r.value),
      { title: '主要科技任务分解表', attachment: '附件3' },
    );
    const again = readBreakdownSheet(await firstGrid(buffer));
    expect(again.problems).toEqual([]);
    expect(again.meta).toMatchObject({ title: '主要科技任务分解表', attachment: '附件3', layout: 'office' });
    expect(again.rows.map((r) => r.value)).toEqual(parsed.rows.map((r) => r.value));
  });
});

it('the fixture holds the reference breakdown', async () => {
  const fromCsv = readBreakdownSheet(await fixtureGrid('source/nanchang-2023-breakdown.csv'));
  const fromXlsx = readBreakdownSheet(await fixtureGrid('nanchang-2023-breakdown.xlsx'));
  expect(fromXlsx.rows.map((r) => r.value)).toEqual(fromCsv.rows.map((r) => r.value));
});

describe('readBreakdownSheet on office variants and problems', () => {
  const header = [
    ['附件 3'],
    ['主要科技任务分解表'],
    ['指标名称', '全社会研发经费投入强度（%）', '', '高新技术企业数量(家)', ''],
    ['年  度', '2023', '2024', '2023', '2024'],
  ];

  it('reads indicator headers that are not merged (blank cells continue the indicator on the left)', () => {
    const parsed = readBreakdownSheet(
      gridFromRows('附件3', [
        ...header,
        ['南昌市', '2.37', '2.53', '2000', '2400'],
        ['高新区', '5.62', '', '631', '757'],
      ]),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[1]).toEqual({
      row: 6,
      value: {
        unit: '高新区',
        values: [
          { indicator: '全社会研发经费投入强度', unitOfMeasure: '%', year: 2023, value: '5.62' },
          { indicator: '高新技术企业数量', unitOfMeasure: '家', year: 2023, value: '631' },
          { indicator: '高新技术企业数量', unitOfMeasure: '家', year: 2024, value: '757' },
        ],
      },
    });
  });

  it.each([
    [
      'a non-numeric value',
      ['高新区', '5.62', '5.72', '约600', '757'],
      { row: 6, column: '高新技术企业数量 2023', message: '“高新技术企业数量”2023年的值“约600”不是数字' },
    ],
    [
      'a repeated unit',
      ['南昌市', '1', '1', '1', '1'],
      { row: 6, column: '单位', message: '单位“南昌市”与第 5 行重复' },
    ],
    ['an empty unit', ['', '1', '1', '1', '1'], { row: 6, column: '单位', message: '单位为空' }],
  ])('reports %s in the office layout', (_name, row, problem) => {
    const parsed = readBreakdownSheet(
      gridFromRows('附件3', [...header, ['南昌市', '2.37', '2.53', '2000', '2400'], row]),
    );
    expect(parsed.problems).toEqual([{ sheet: '附件3', ...problem }]);
    expect(parsed.rows.map((r) => r.value.unit)).toEqual(['南昌市']);
  });

  it('reports a non-numeric value in the long layout and leaves that unit out', async () => {
    const text = [
      '单位,指标名称,计量单位,2023,2024',
      '南昌市,高新技术企业数量,家,2000,2400',
      '高新区,高新技术企业数量,家,631,七百',
      '高新区,科贷通放贷额,亿元,1.61,2.01',
    ].join('\r\n');
    const parsed = readBreakdownSheet(await csvGrid(text, 'breakdown.csv'));
    expect(parsed.problems).toEqual([
      {
        sheet: 'breakdown',
        row: 3,
        column: '高新技术企业数量 2024',
        message: '“高新技术企业数量”2024年的值“七百”不是数字',
      },
    ]);
    expect(parsed.rows.map((r) => r.value.unit)).toEqual(['南昌市']);
  });

  it('reports a missing 指标名称 column of the long layout', async () => {
    const parsed = readBreakdownSheet(await csvGrid('单位,计量单位,2023\r\n南昌市,家,1\r\n', 'b.csv'));
    expect(parsed.problems).toEqual([{ sheet: 'b', row: 1, column: '指标名称', message: '缺少“指标名称”列' }]);
    expect(parsed.rows).toEqual([]);
  });
});

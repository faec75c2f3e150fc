import { beforeAll, describe, expect, it } from '@jest/globals';
import { gridFromRows } from '@app/spreadsheets';
import { readGoalSheet, writeGoalSheet } from './goal-sheet.js';
import { csvGrid, firstGrid, fixtureGrid } from './spec-helpers.js';
import type { GoalSheetRow } from './types.js';
import type { ParsedSheet } from '@app/spreadsheets';

const sources = [
  { name: 'fixture nanchang-2023-goals.xlsx', file: 'nanchang-2023-goals.xlsx', layout: 'office', firstRow: 4 },
  { name: 'reference nanchang-2023-goals.csv', file: 'source/nanchang-2023-goals.csv', layout: 'flat', firstRow: 2 },
];

describe.each(sources)('readGoalSheet on the $name', ({ file, layout, firstRow }) => {
  let parsed: ParsedSheet<GoalSheetRow>;
  const goal = (n: number) => parsed.rows.find((r) => r.value.number === n)!.value;
  beforeAll(async () => {
    parsed = readGoalSheet(await fixtureGrid(file));
  });

  it('reads 18 goals, each with a 2022 baseline and 2023–2025 targets', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta.layout).toBe(layout);
    expect(parsed.rows.map((r) => r.value.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(parsed.rows[0]!.row).toBe(firstRow);
    for (const { value } of parsed.rows) {
      expect(value.baseline?.year).toBe(2022);
      expect(value.targets.map((t) => t.year)).toEqual([2023, 2024, 2025]);
    }
  });

  it.each([
    [
      1,
      {
        indicator: '全社会研发经费投入强度',
        unitOfMeasure: '%',
        baseline: { year: 2022, value: '预估2.0以上' },
        targets: [
          { year: 2023, value: '2.37' },
          { year: 2024, value: '2.53' },
          { year: 2025, value: '2.68' },
        ],
      },
    ],
    [
      2,
      {
        indicator: '高新技术产业增加值占规模以上工业增加值比重',
        unitOfMeasure: '%',
        baseline: { year: 2022, value: '39.2' },
      },
    ],
    [5, { indicator: '国家级高新区排名', unitOfMeasure: '', baseline: { year: 2022, value: '22' } }],
    [10, { indicator: '人才总量', unitOfMeasure: '万名' }],
    [14, { indicator: '专精特新“小巨人”企业', unitOfMeasure: '家' }],
    [
      18,
      {
        indicator: '科贷通放贷额',
        unitOfMeasure: '亿元',
        targets: [
          { year: 2023, value: '6' },
          { year: 2024, value: '7.5' },
          { year: 2025, value: '8.6' },
        ],
      },
    ],
  ])('goal %i', (n, expected) => {
    expect(goal(n)).toMatchObject(expected);
  });

  it('reads back the same rows from what writeGoalSheet writes', async () => {
    const buffer = await writeGoalSheet(
      parsed.rows.map((r) => r.value),
      { title: '区域科创中心重要任务情况和预期目标', attachment: '附件2' },
    );
    const again = readGoalSheet(await firstGrid(buffer));
    expect(again.problems).toEqual([]);
    expect(again.meta).toMatchObject({ title: '区域科创中心重要任务情况和预期目标', attachment: '附件2' });
    expect(again.rows.map((r) => r.value)).toEqual(parsed.rows.map((r) => r.value));
  });
});

it('the fixture holds the reference goals', async () => {
  const fromCsv = readGoalSheet(await fixtureGrid('source/nanchang-2023-goals.csv'));
  const fromXlsx = readGoalSheet(await fixtureGrid('nanchang-2023-goals.xlsx'));
  expect(fromXlsx.rows.map((r) => r.value)).toEqual(fromCsv.rows.map((r) => r.value));
});

describe('readGoalSheet on office variants', () => {
  it('reads the layout of the document: units in full- or half-width parentheses, "2022 年" headers, wrapped names', () => {
    const grid = gridFromRows('附件2', [
      ['附件 2'],
      ['区域科创中心重要任务情况和预期目标'],
      ['序号', '指标名称', '2022 年', '2023 年', '2024 年', '2025 年'],
      ['1', '全社会研发经费投入强度（%）', '预估2.0以上', '2.37', '2.53', '2.68'],
      ['2', '高新技术产业增加值占规模以上工业\n增加值比重（%）', '39.2', '42', '45', '48'],
      ['18', '科贷通放贷额(亿元)', '4.3', '6', '', '8.6'],
    ]);
    const parsed = readGoalSheet(grid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toMatchObject({ attachment: '附件2', title: '区域科创中心重要任务情况和预期目标' });
    expect(
      parsed.rows.map((r) => [
        r.row,
        r.value.indicator,
        r.value.unitOfMeasure,
        r.value.baseline?.value,
        r.value.targets.length,
      ]),
    ).toEqual([
      [4, '全社会研发经费投入强度', '%', '预估2.0以上', 3],
      [5, '高新技术产业增加值占规模以上工业增加值比重', '%', '39.2', 3],
      [6, '科贷通放贷额', '亿元', '4.3', 2],
    ]);
  });

  it('marks year headers when the plain layout would be misread, and reads them back', async () => {
    const rows: GoalSheetRow[] = [
      {
        number: 1,
        indicator: '科技型中小企业',
        unitOfMeasure: '家',
        baseline: null,
        targets: [
          { year: 2023, value: '3200' },
          { year: 2024, value: '3500' },
        ],
      },
      {
        number: 2,
        indicator: '本土院士',
        unitOfMeasure: '名',
        baseline: { year: 2023, value: '6' },
        targets: [{ year: 2024, value: '8' }],
      },
    ];
    const grid = await firstGrid(await writeGoalSheet(rows, { title: '目标' }));
    expect(grid.cells[1]).toEqual(['序号', '指标名称', '2023年（基期）', '2023年（目标）', '2024年（目标）']);
    expect(readGoalSheet(grid).rows.map((r) => r.value)).toEqual(rows);
  });

  it.each([
    [
      'no year column',
      [
        ['序号', '指标名称', '备注'],
        ['1', '甲', ''],
      ],
      { row: 1, column: '年度', message: '缺少年度列（如“2023年”）' },
    ],
    [
      'no 指标名称 column',
      [
        ['序号', '名称', '2023年'],
        ['1', '甲', '1'],
      ],
      { row: 1, column: '指标名称', message: '缺少“指标名称”列' },
    ],
    [
      'an empty indicator',
      [
        ['序号', '指标名称', '2023年'],
        ['1', '', '1'],
      ],
      { row: 2, column: '指标名称', message: '指标名称为空' },
    ],
    [
      'a repeated 序号',
      [
        ['序号', '指标名称', '2023年'],
        ['1', '甲', '1'],
        ['1', '乙', '2'],
      ],
      { row: 3, column: '序号', message: '序号 1 与第 2 行重复' },
    ],
  ])('reports %s', (_name, rows, problem) => {
    expect(readGoalSheet(gridFromRows('s', rows)).problems).toEqual([{ sheet: 's', ...problem }]);
  });

  it('reads the CSV layout with "2023年" headers and a 计量单位 column', async () => {
    const parsed = readGoalSheet(await csvGrid('序号,指标名称,计量单位,2022年,2023年\r\n1,省实验室,家,0,1\r\n'));
    expect(parsed.rows[0]!.value).toEqual({
      number: 1,
      indicator: '省实验室',
      unitOfMeasure: '家',
      baseline: { year: 2022, value: '0' },
      targets: [{ year: 2023, value: '1' }],
    });
  });
});

describe('writers', () => {
  it('give the same bytes for the same rows when the timestamp is fixed', async () => {
    const rows = [
      {
        number: 1,
        indicator: '本土院士',
        unitOfMeasure: '名',
        baseline: { year: 2022, value: '6' },
        targets: [{ year: 2023, value: '8' }],
      },
    ];
    const options = { title: '预期目标', timestamp: new Date(Date.UTC(2023, 0, 1)) };
    const first = await writeGoalSheet(rows, options);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = await writeGoalSheet(rows, options);
    expect(second.equals(first)).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { CellProblem } from '@app/spreadsheets';
import { parseHeaderDate, projectKindOf } from './header-block.js';
import { grid } from './spec-helpers.js';
import { readTargetTables } from './target-tables.js';

describe('header block cells', () => {
  it('records the row of the 主管部门 it took, so a problem with it points at that cell and not the title', () => {
    const parsed = readTargetTables([
      grid(
        [
          ['项目支出绩效目标表', '', ''],
          ['项目名称', '科技创新券项目', ''],
          ['实施单位', '南昌市科技局', ''],
          ['主管部门', '南昌市科枝局', ''],
          ['一级指标', '二级指标', '三级指标', '全年（程）指标值'],
          ['产出指标', '数量指标', '支持企业数', '≥300家'],
        ],
        ['B2:C2', 'B3:C3', 'B4:C4'],
        '科技项目',
      ),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]).toMatchObject({
      sheet: '科技项目',
      startRow: 1,
      departmentRow: 4,
      header: { department: '南昌市科枝局' },
    });
  });
});

const TABLE = [
  ['一级指标', '二级指标', '三级指标', '半年（程）指标值', '全年（程）指标值'],
  ['产出指标', '数量指标', '支持企业数', '≥150家', '≥300家'],
];
const read = (rows: string[][], merges: string[] = []) =>
  readTargetTables([grid([...rows, ...TABLE], merges, '目标表')]);
const problem = (row: number, column: string, message: string) =>
  expect.objectContaining({
    sheet: '目标表',
    row,
    column,
    message: expect.stringContaining(message),
  }) as unknown as CellProblem;

describe('the whole header block of a 项目支出绩效目标表', () => {
  it('reads every label as filled: pairs on a row, 项目资金 and 支出计划 merged down their sub-labels, paragraphs over rows', () => {
    const rows = [
      ['项目支出绩效目标表', '', '', '', ''],
      ['（2023年度）', '', '', '', '单位：万元'],
      ['项目名称', '科技创新券项目', '', '', ''],
      ['主管部门', '南昌市科学技术局', '', '实施单位', '南昌市生产力促进中心'],
      ['项目类型', '常年安排项目', '', '项目级次', '市本级'],
      ['开始时间', '2023年1月', '', '完成时间', '2025年12月31日'],
      ['立项必要性', '科技型中小企业购买服务成本高。', '', '', ''],
      ['实施可行性', '已有管理办法。', '', '', ''],
      ['项目实施内容', '一是发放创新券；', '', '', ''],
      ['', '二是兑付服务费用。', '', '', ''],
      ['项目资金（万元）', '资金总额', '500', '', ''],
      ['', '其中：一般公共预算', '300.5', '', ''],
      ['', '政府性基金预算', '', '', ''],
      ['', '财政专户管理资金', '', '', ''],
      ['', '国有资本经营预算', '', '', ''],
      ['', '社会保障基金', '99.50', '', ''],
      ['', '上年结转', '100', '', ''],
      ['', '其他资金', '', '', ''],
      ['支出计划（万元）', '半年计划执行数', '250', '', ''],
      ['', '全年（程）预算数', '500.00', '', ''],
      ['中长期目标', '降低创新成本。', '', '', ''],
      ['年度目标', '支持300家企业。', '', '', ''],
    ];
    const merges = [
      'A1:E1',
      'A2:D2',
      'B3:E3',
      'B4:C4',
      'B5:C5',
      'B6:C6',
      'B7:E7',
      'B8:E8',
      'B9:E9',
      'B10:E10',
      'A9:A10',
      'A11:A18',
      'C11:E11',
      'A19:A20',
      'B21:E21',
      'B22:E22',
    ];
    const parsed = read(rows, merges);
    expect(parsed.problems).toEqual([]);
    const table = parsed.tables[0]!;
    expect(table.header).toEqual({
      projectName: '科技创新券项目',
      year: 2023,
      department: '南昌市科学技术局',
      amount: '500',
      level: '市本级',
      midLongTermGoal: '降低创新成本。',
      annualGoal: '支持300家企业。',
      kindText: '常年安排项目',
      kind: 'recurring',
      start: { text: '2023年1月', year: 2023 },
      end: { text: '2025年12月31日', year: 2025 },
      implementingUnit: '南昌市生产力促进中心',
      necessity: '科技型中小企业购买服务成本高。',
      feasibility: '已有管理办法。',
      implementationContent: '一是发放创新券；\n二是兑付服务费用。',
      sources: { generalBudget: '300.5', socialSecurityFunds: '99.50', carriedOver: '100' },
      halfYearPlan: '250',
      fullYearBudget: '500.00',
    });
    expect(table.cells).toMatchObject({
      amount: { row: 11, label: '资金总额' },
      socialSecurityFunds: { row: 16, label: '社会保障基金' },
      end: { row: 6, label: '完成时间' },
      fullYearBudget: { row: 20, label: '全年（程）预算数' },
    });
    expect(table.indicators).toHaveLength(1);
  });

  it.each([
    [
      '项目资金（万元）with its value and 半年支出计划',
      [
        ['项目名称', '甲'],
        ['项目资金（万元）', '80'],
        ['半年支出计划', '40'],
      ],
      { amount: '80', halfYearPlan: '40' },
    ],
    [
      '"label：value" cells: 年度资金总额, 其中：上年结转, 起始时间, 结束时间',
      [['项目名称：甲'], ['年度资金总额：80万元'], ['其中：上年结转：80'], ['起始时间：2023-01', '结束时间：2023.12']],
      {
        amount: '80',
        sources: { carriedOver: '80' },
        start: { text: '2023-01', year: 2023 },
        end: { text: '2023.12', year: 2023 },
      },
    ],
    [
      '实施内容 and 项目级别, a 项目类型 of 一次性项目',
      [
        ['项目名称', '甲'],
        ['实施内容', '建设平台'],
        ['项目级别', '市级'],
        ['项目类型', '一次性项目'],
      ],
      { implementationContent: '建设平台', level: '市级', kindText: '一次性项目', kind: 'one_off' },
    ],
    [
      'a start time typed as a year, a paragraph under its label',
      [['项目名称', '甲'], ['开始时间', '2023年'], ['立项必要性：'], ['必须做。']],
      { start: { text: '2023年', year: 2023 }, necessity: '必须做。' },
    ],
    [
      'only 资金总额: no sources',
      [
        ['项目名称', '甲'],
        ['资金总额', '80'],
      ],
      { amount: '80', sources: {} },
    ],
  ])('%s', (_, rows, expected) => {
    const parsed = read(rows);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]!.header).toMatchObject(expected);
  });

  it('takes the department from 实施单位 when there is no 主管部门, and keeps it as 实施单位 too', () => {
    const parsed = read([
      ['项目名称', '甲'],
      ['实施单位', '南昌市科学技术局'],
    ]);
    expect(parsed.tables[0]).toMatchObject({
      departmentRow: 2,
      header: { department: '南昌市科学技术局', implementingUnit: '南昌市科学技术局' },
    });
  });

  it.each([
    ['常年安排项目', 'recurring'],
    ['经常性项目', 'recurring'],
    ['延续性项目', 'recurring'],
    ['一次性项目', 'one_off'],
    ['其他项目', null],
  ])('项目类型 %s is kept as typed and maps to %s', (text, kind) => {
    expect(projectKindOf(text)).toBe(kind);
    expect(
      read([
        ['项目名称', '甲'],
        ['项目类型', text],
      ]).tables[0]!.header,
    ).toMatchObject({ kindText: text, kind });
  });

  it.each([
    ['2023年1月', 2023],
    ['2023年1月1日', 2023],
    ['2023-01', 2023],
    ['2023-01-01', 2023],
    ['2023.1', 2023],
    ['2023/1/31', 2023],
    ['2023年', 2023],
    ['2023年12月底', 2023],
    ['２０２４年３月', 2024],
    ['明年', null],
    ['2023年13月', null],
    ['2023-02-30', null],
    ['2023年1月起分三年实施', null],
  ])('开始时间 %s reads as year %s', (text, year) => {
    expect(parseHeaderDate(text)?.year ?? null).toBe(year);
  });

  it('reports at the 资金总额 cell, with both numbers, when the sources do not add up; a blank source row is 0', () => {
    const parsed = read(
      [
        ['项目名称', '甲'],
        ['项目资金', '资金总额', '100'],
        ['', '一般公共预算', '60'],
        ['', '政府性基金预算', ''],
        ['', '上年结转', '30.5'],
      ],
      ['A2:A5'],
    );
    expect(parsed.problems).toEqual([
      problem(
        2,
        '资金总额',
        '资金总额 100.00 万元与资金来源合计 90.50 万元（一般公共预算 60.00 + 上年结转 30.50）不一致',
      ),
    ]);
  });

  it.each([
    [
      'a source that is no number, at its cell',
      [
        ['项目名称', '甲'],
        ['资金总额', '100'],
        ['社会保障基金', '一百'],
      ],
      problem(3, '社会保障基金', '社会保障基金“一百”不是数字'),
    ],
    [
      'an amount with three decimals',
      [
        ['项目名称', '甲'],
        ['资金总额', '100.125'],
      ],
      problem(2, '资金总额', '超过两位小数'),
    ],
    [
      'a negative amount',
      [
        ['项目名称', '甲'],
        ['半年计划执行数', '-5'],
      ],
      problem(2, '半年计划执行数', '不能为负数'),
    ],
    [
      'a 开始时间 that is no date',
      [
        ['项目名称', '甲'],
        ['开始时间', '年初'],
      ],
      problem(2, '开始时间', '开始时间“年初”不是日期'),
    ],
    [
      'a 完成时间 before 开始时间',
      [
        ['项目名称', '甲'],
        ['开始时间', '2023年6月', '完成时间', '2023年1月'],
      ],
      problem(2, '完成时间', '完成时间“2023年1月”早于开始时间“2023年6月”'),
    ],
    [
      'a 项目类型 longer than 50 characters',
      [
        ['项目名称', '甲'],
        ['项目类型', '常'.repeat(51)],
      ],
      problem(2, '项目类型', '超过 50 个字'),
    ],
  ])('reports %s', (_, rows, expected) => {
    expect(read(rows).problems).toEqual([expected]);
  });

  it('does not take an indicator called 完成时间 or 项目实施内容 for a header label', () => {
    const parsed = readTargetTables([
      grid(
        [
          ['项目名称', '甲'],
          ...TABLE,
          ['', '时效指标', '完成时间', '', '≤2023年12月31日'],
          ['', '', '项目实施内容', '', '规范'],
        ],
        ['A3:A5', 'B3:B4'],
      ),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]!.indicators.map((i) => i.value.level3)).toEqual(['支持企业数', '完成时间', '项目实施内容']);
  });
});

import { beforeAll, describe, expect, it } from '@jest/globals';
import type { TargetValue } from '@app/domain';
import type { CellProblem } from '@app/spreadsheets';
import { fixtureGrids, grid } from './spec-helpers.js';
import { isRateName, readTargetTables } from './target-tables.js';
import { emptyHeader } from './header-block.js';
import type { ParsedTargetWorkbook, TargetTableHeader, TargetTableIndicator } from './types.js';

const OPERATOR_HEADER = ['序号', '一级指标', '二级指标', '三级指标', '计算符号', '目标值', '单位'];
const HALF_HEADER = ['一级指标', '二级指标', '三级指标', '半年（程）指标值', '全年（程）指标值'];
/** Two header block rows: the table's header row is row 3, its first indicator row 4. */
const BLOCK = [
  ['项目名称', '测试专项', '申请金额（万元）', '100'],
  ['主管部门', '南昌市科学技术局'],
];

const ge = (value: string, unit: string): TargetValue => ({ kind: 'numeric', operator: '>=', value, unit });
const eq = (value: string, unit: string): TargetValue => ({ kind: 'numeric', operator: '=', value, unit });
// The typed text has its own spec (typed-text.spec.ts); these compare the parsed values.
const values = (parsed: ParsedTargetWorkbook, table = 0) =>
  parsed.tables[table]!.indicators.map(({ value: { text: _text, ...value } }) => value);
const problem = (row: number, column: string, message: string) =>
  expect.objectContaining({ row, column, message: expect.stringContaining(message) }) as unknown as CellProblem;

describe('the 000 fixture: 市级科技发展专项资金 2023 (58,600万元)', () => {
  describe.each([
    {
      name: 'reference CSV (levels left blank under their first row)',
      file: 'source/nanchang-2023-science-fund-targets.csv',
      firstRow: 7,
    },
    { name: 'fixture workbook (levels merged)', file: 'nanchang-2023-science-fund-targets.xlsx', firstRow: 9 },
  ])('$name', ({ file, firstRow }) => {
    let parsed: ParsedTargetWorkbook;
    const indicator = (n: number) => parsed.tables[0]!.indicators.find((r) => r.value.number === n)!.value;
    beforeAll(async () => {
      parsed = readTargetTables(await fixtureGrids(file));
    });

    it('reads one operator-columns table of 61 indicators without problems', () => {
      expect(parsed.problems).toEqual([]);
      expect(parsed.tables).toHaveLength(1);
      const table = parsed.tables[0]!;
      expect(table).toMatchObject({ startRow: 1, layout: 'operator-columns' });
      expect(table.indicators.map((r) => r.value.number)).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
      expect(table.indicators[0]!.row).toBe(firstRow);
      expect(table.indicators.every((r) => r.value.halfYear === null)).toBe(true);
    });

    it('reads the header block', () => {
      expect(parsed.tables[0]!.header).toEqual({
        ...emptyHeader(),
        projectName: '市级科技发展专项资金',
        year: 2023,
        department: '南昌市科学技术局',
        amount: '58600',
        midLongTermGoal: '',
        annualGoal: expect.stringMatching(
          new RegExp(
            '^一是创新主体目标：深入推进高新技术企业量质“双提升”工程.*' +
              '四是创新成果目标：.*实现技术合同交易再创新高。$',
          ),
        ),
      });
    });

    it('places every indicator under its 一级 and 二级 indicator', () => {
      const groups = new Map<string, number[]>();
      for (const { value } of parsed.tables[0]!.indicators) {
        const key = `${value.level1}/${value.level2}`;
        groups.set(key, [...(groups.get(key) ?? []), value.number]);
      }
      const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
      expect(Object.fromEntries(groups)).toEqual({
        '产出指标/数量指标': span(1, 24),
        '产出指标/质量指标': span(25, 44),
        '产出指标/时效指标': span(45, 48),
        '产出指标/成本指标': span(49, 50),
        '效益指标/经济效益指标': span(51, 56),
        '效益指标/社会效益指标': span(57, 59),
        '满意指标/服务对象满意度': span(60, 61),
      });
    });

    it.each<[number, Partial<TargetTableIndicator>]>([
      [1, { level3: '科技重大项目验收数', unit: '项', fullYear: eq('20', '项') }],
      [4, { level3: '企业研发费用后补助项目数', unit: '项', fullYear: ge('360', '项') }],
      [8, { level3: '省级认定独角兽、瞪羚企业补助户数', fullYear: eq('26', '户') }],
      [24, { level3: '支持“科普阵地、科普服务”双提升项目数', fullYear: eq('10', '个') }],
      [25, { level2: '质量指标', level3: '项目验收合格率', unit: '%', fullYear: eq('100', '%') }],
      [28, { level3: '研发后补助精准率', fullYear: ge('100', '%') }],
      [44, { level3: '科普活动开展形式', fullYear: ge('2', '种') }],
      [
        45,
        {
          level2: '时效指标',
          level3: '验收完成时限',
          unit: '',
          fullYear: { kind: 'date', operator: '<=', date: '2023-12-31' },
        },
      ],
      [
        49,
        {
          level2: '成本指标',
          level3: '补助标准控制率',
          fullYear: { kind: 'numeric', operator: '<=', value: '100', unit: '%' },
        },
      ],
      [50, { level3: '成本节约率', fullYear: ge('0', '%') }],
      [
        53,
        {
          level1: '效益指标',
          level2: '经济效益指标',
          level3: '研发经费投入占GDP比重',
          unit: '%',
          fullYear: ge('2.1', '%'),
        },
      ],
      [55, { level3: '技术合同登记额', unit: '万元', fullYear: eq('1200000', '万元') }],
      [59, { level2: '社会效益指标', level3: '项目评审结果公示公开率', fullYear: eq('100', '%') }],
      [
        61,
        {
          level1: '满意指标',
          level2: '服务对象满意度',
          level3: '项目补助企业满意度',
          unit: '%',
          fullYear: ge('95', '%'),
        },
      ],
    ])('indicator %i', (n, expected) => {
      expect(indicator(n)).toMatchObject(expected);
    });
  });

  it('the workbook holds the reference table', async () => {
    const fromCsv = readTargetTables(await fixtureGrids('source/nanchang-2023-science-fund-targets.csv'));
    const fromXlsx = readTargetTables(await fixtureGrids('nanchang-2023-science-fund-targets.xlsx'));
    expect(fromXlsx.tables.map((t) => t.header)).toEqual(fromCsv.tables.map((t) => t.header));
    expect(values(fromXlsx)).toEqual(values(fromCsv));
    expect(fromXlsx.tables[0]!.sheet).toBe('市级科技发展专项资金');
  });
});

describe('the half-year fixture: two project tables on one sheet', () => {
  it.each([
    ['source/nanchang-2023-fund-targets-half-year.csv', [1, 16]],
    ['nanchang-2023-fund-targets-half-year.xlsx', [1, 17]],
  ])('%s', async (file, startRows) => {
    const parsed = readTargetTables(await fixtureGrids(file));
    expect(parsed.problems).toEqual([]);
    expect(
      parsed.tables.map((t) => [
        t.sheet === parsed.tables[0]!.sheet,
        t.startRow,
        t.layout,
        t.header.projectName,
        t.header.amount,
        t.indicators.length,
      ]),
    ).toEqual([
      [true, startRows[0], 'half-and-full', '科技创新券专项', '500', 7],
      [true, startRows[1], 'half-and-full', '科技特派员专项', '300', 6],
    ]);
    const all = parsed.tables.flatMap((t) => t.indicators.map((r) => r.value));
    expect(all.find((i) => i.level3 === '创新券支持企业数')).toMatchObject({
      number: 1,
      unit: '家',
      halfYear: ge('150', '家'),
      fullYear: ge('300', '家'),
    });
    expect(all.find((i) => i.level3 === '资金支出进度')).toMatchObject({
      halfYear: { kind: 'pace' },
      fullYear: eq('100', '%'),
      unit: '%',
    });
    expect(all.find((i) => i.level3 === '创新券兑付完成时间')).toMatchObject({
      halfYear: null,
      fullYear: { kind: 'date', operator: '<=', date: '2023-12-31' },
      unit: '',
    });
    expect(all.find((i) => i.level3 === '服务流程规范性')).toMatchObject({
      halfYear: { kind: 'qualitative', text: '规范' },
      fullYear: { kind: 'qualitative', text: '规范' },
    });
    expect(parsed.tables[1]!.indicators.map((r) => r.value.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('the workbook holds the reference tables', async () => {
    const fromCsv = readTargetTables(await fixtureGrids('source/nanchang-2023-fund-targets-half-year.csv'));
    const fromXlsx = readTargetTables(await fixtureGrids('nanchang-2023-fund-targets-half-year.xlsx'));
    expect(fromXlsx.tables.map((t) => [t.header, t.indicators.map((r) => r.value)])).toEqual(
      fromCsv.tables.map((t) => [t.header, t.indicators.map((r) => r.value)]),
    );
  });
});

describe('readTargetTables: layouts and levels', () => {
  const operatorRows = [
    ['1', '产出指标', '数量指标', '企业研发费用后补助项目数', '≥', '360', '项'],
    ['2', '', '', '新认定高企入库数', '≥', '453', '户'],
    ['3', '', '质量指标', '项目验收合格率', '＝', '100', '%'],
    ['4', '效益指标', '社会效益指标', '科普活动开展形式', '定性', '丰富', ''],
    ['5', '', '', '验收完成时限', '≤', '2023年12月31日', ''],
  ];
  const expected: TargetTableIndicator[] = [
    {
      number: 1,
      level1: '产出指标',
      level2: '数量指标',
      level3: '企业研发费用后补助项目数',
      unit: '项',
      halfYear: null,
      fullYear: ge('360', '项'),
    },
    {
      number: 2,
      level1: '产出指标',
      level2: '数量指标',
      level3: '新认定高企入库数',
      unit: '户',
      halfYear: null,
      fullYear: ge('453', '户'),
    },
    {
      number: 3,
      level1: '产出指标',
      level2: '质量指标',
      level3: '项目验收合格率',
      unit: '%',
      halfYear: null,
      fullYear: eq('100', '%'),
    },
    {
      number: 4,
      level1: '效益指标',
      level2: '社会效益指标',
      level3: '科普活动开展形式',
      unit: '',
      halfYear: null,
      fullYear: { kind: 'qualitative', text: '丰富' },
    },
    {
      number: 5,
      level1: '效益指标',
      level2: '社会效益指标',
      level3: '验收完成时限',
      unit: '',
      halfYear: null,
      fullYear: { kind: 'date', operator: '<=', date: '2023-12-31' },
    },
  ];
  const restated = operatorRows.map((row, i) => [
    row[0]!,
    i < 3 ? '产出指标' : '效益指标',
    i < 2 ? '数量指标' : i < 3 ? '质量指标' : '社会效益指标',
    ...row.slice(3),
  ]);

  it.each([
    ['left blank under the row that names them', grid([...BLOCK, OPERATOR_HEADER, ...operatorRows])],
    [
      'merged over their rows',
      grid([...BLOCK, OPERATOR_HEADER, ...operatorRows], ['B4:B6', 'C4:C5', 'B7:B8', 'C7:C8']),
    ],
    ['written on every row', grid([...BLOCK, OPERATOR_HEADER, ...restated])],
    [
      'on rows of their own above the indicators',
      grid([
        ...BLOCK,
        OPERATOR_HEADER,
        ['', '产出指标', '数量指标'],
        ...operatorRows.slice(0, 2).map((r) => ['', '', '', ...r.slice(3)]),
        ['', '', '质量指标'],
        ['', '', '', ...operatorRows[2]!.slice(3)],
        ['', '效益指标', '社会效益指标'],
        ...operatorRows.slice(3).map((r) => ['', '', '', ...r.slice(3)]),
      ]),
    ],
  ])('operator-columns with 一级/二级 %s', (_, sheet) => {
    const parsed = readTargetTables([sheet]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables).toHaveLength(1);
    expect(parsed.tables[0]!.layout).toBe('operator-columns');
    expect(values(parsed)).toEqual(expected);
  });

  it('reads half-and-full cells with operator, number and unit together; a blank half-year cell is no target', () => {
    const parsed = readTargetTables([
      grid([
        ...BLOCK,
        HALF_HEADER,
        ['产出指标', '数量指标', '支持企业数', '≥900个', '≥ 1800 个'],
        ['', '质量指标', '兑付准确率', '＝100％', '＝100%'],
        ['', '时效指标', '完成时间', '', '≤2023年12月31日'],
        ['', '成本指标', '资金支出进度', '序时进度', '按序时进度'],
        ['效益指标', '社会效益指标', '服务规范性', '规范', '规范'],
        ['', '', '支持力度', '较高', '充分'],
        ['', '', '受益人数', '≥50', '≥100人'],
      ]),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]!.layout).toBe('half-and-full');
    expect(values(parsed)).toEqual([
      {
        number: 1,
        level1: '产出指标',
        level2: '数量指标',
        level3: '支持企业数',
        unit: '个',
        halfYear: ge('900', '个'),
        fullYear: ge('1800', '个'),
      },
      {
        number: 2,
        level1: '产出指标',
        level2: '质量指标',
        level3: '兑付准确率',
        unit: '%',
        halfYear: eq('100', '%'),
        fullYear: eq('100', '%'),
      },
      {
        number: 3,
        level1: '产出指标',
        level2: '时效指标',
        level3: '完成时间',
        unit: '',
        halfYear: null,
        fullYear: { kind: 'date', operator: '<=', date: '2023-12-31' },
      },
      {
        number: 4,
        level1: '产出指标',
        level2: '成本指标',
        level3: '资金支出进度',
        unit: '',
        halfYear: { kind: 'pace' },
        fullYear: { kind: 'pace' },
      },
      {
        number: 5,
        level1: '效益指标',
        level2: '社会效益指标',
        level3: '服务规范性',
        unit: '',
        halfYear: { kind: 'qualitative', text: '规范' },
        fullYear: { kind: 'qualitative', text: '规范' },
      },
      {
        number: 6,
        level1: '效益指标',
        level2: '社会效益指标',
        level3: '支持力度',
        unit: '',
        halfYear: { kind: 'qualitative', text: '较高' },
        fullYear: { kind: 'qualitative', text: '充分' },
      },
      {
        number: 7,
        level1: '效益指标',
        level2: '社会效益指标',
        level3: '受益人数',
        unit: '人',
        halfYear: ge('50', '人'),
        fullYear: ge('100', '人'),
      },
    ]);
  });

  it.each([
    [
      'line breaks and spaces',
      ['序\n号', '一级\n指标', '二级 指标', '三级指标', '计算\n符号', '目 标 值', '单 位'],
      'operator-columns',
    ],
    [
      'a trailing note and 计量单位',
      ['序号', '一级指标', '二级指标', '三级指标', '计算符号', '目标值（2023年）', '计量单位'],
      'operator-columns',
    ],
    [
      'half-width parentheses and no 序号',
      ['一级指标', '二级指标', '三级指标', '半年(程)指标值', '全年(程)指标值'],
      'half-and-full',
    ],
    ['半年指标值 / 全年目标值', ['一级指标', '二级指标', '三级指标', '半年指标值', '全年目标值'], 'half-and-full'],
  ])('header text with %s', (_, header, layout) => {
    const row =
      layout === 'operator-columns'
        ? ['1', '产出指标', '数量指标', '项目数', '≥', '5', '项']
        : ['产出指标', '数量指标', '项目数', '≥2项', '≥5项'];
    const parsed = readTargetTables([grid([...BLOCK, header, row])]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]!.layout).toBe(layout);
    expect(values(parsed)[0]).toMatchObject({ level3: '项目数', fullYear: ge('5', '项') });
  });

  it('reads a two-row header: 2023年目标值 over 计算符号 | 目标值 | 单位', () => {
    const rows = [
      ['项目名称：测试专项'],
      ['序号', '一级指标', '二级指标', '三级指标', '2023年目标值', '', ''],
      ['', '', '', '', '计算符号', '目标值', '单位'],
      ['1', '产出指标', '数量指标', '项目数', '≥', '5', '项'],
    ];
    for (const merges of [['A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:G2'], []]) {
      const parsed = readTargetTables([grid(rows, merges)]);
      expect(parsed.problems).toEqual([]);
      expect(parsed.tables[0]!.indicators).toEqual([
        { row: 4, value: expect.objectContaining({ number: 1, level3: '项目数', fullYear: ge('5', '项') }) },
      ]);
    }
  });

  it('does not take an indicator for a title or a header label', () => {
    const parsed = readTargetTables([
      grid([
        ...BLOCK,
        HALF_HEADER,
        ['产出指标', '时效指标', '完成时限', '', '≤2023年6月30日'],
        ['', '', '绩效目标表填报及时率', '', '＝100%'],
        ['', '', '年度目标完成率', '≥50%', '≥100%'],
      ]),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(values(parsed).map((i) => i.level3)).toEqual(['完成时限', '绩效目标表填报及时率', '年度目标完成率']);
  });

  it('reads the printed form: 年度绩效目标 merged down the left of the table', () => {
    const rows = [
      ['项目名称：', '市级科技发展专项资金'],
      ['年度总体目标：', '一是创新主体目标'],
      ['年度绩效目标', '序号', '一级指标', '二级指标', '三级指标', '计算符号', '目标值', '单位'],
      ['', '1', '产出指标', '数量指标', '科技重大项目验收数', '＝', '20', '项'],
      ['', '2', '', '', '新增重大科技项目立项数', '＝', '25', '项'],
    ];
    const parsed = readTargetTables([grid(rows, ['A3:A5', 'C4:C5', 'D4:D5'])]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]!.header).toMatchObject({
      projectName: '市级科技发展专项资金',
      annualGoal: '一是创新主体目标',
    });
    expect(values(parsed).map((i) => [i.number, i.level1, i.level2, i.level3])).toEqual([
      [1, '产出指标', '数量指标', '科技重大项目验收数'],
      [2, '产出指标', '数量指标', '新增重大科技项目立项数'],
    ]);
  });

  it('reads operator and unit written in the 目标值 cell of the operator-columns layout', () => {
    const parsed = readTargetTables([
      grid([
        ...BLOCK,
        OPERATOR_HEADER,
        ['1', '产出指标', '数量指标', '项目数', '', '≥360项', ''],
        ['2', '', '', '完成进度', '', '序时进度', ''],
      ]),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(values(parsed).map((i) => i.fullYear)).toEqual([ge('360', '项'), { kind: 'pace' }]);
  });
});

describe('readTargetTables: header blocks', () => {
  const table = [OPERATOR_HEADER, ['1', '产出指标', '数量指标', '项目数', '≥', '5', '项']];

  it.each<[string, string[][], Partial<TargetTableHeader>?]>([
    [
      'labels followed by their values, the year as a title line',
      [
        ['专项资金绩效目标表'],
        ['（ 2023 年度）', '', '', '', '', '', '单位：万元'],
        ['项目名称', '', '市级科技发展专项资金', '', '申请金额（万元）', '', '58600'],
        ['主管部门', '', '南昌市科学技术局'],
        ['中长期目标', '', '建设区域科创中心'],
        ['年度总体目标', '', '一是创新主体目标'],
      ],
    ],
    [
      '"label：value" in one cell, 资金总额 with grouping commas, 年度 as a field',
      [
        ['项目名称：市级科技发展专项资金', '', '', '资金总额（万元）：58,600'],
        ['年度：2023年', '', '', '实施单位：南昌市生产力促进中心'],
        ['主管部门：南昌市科学技术局'],
        ['中长期目标：建设区域科创中心'],
        ['年度目标：', '一是创新主体目标'],
      ],
      { implementingUnit: '南昌市生产力促进中心' },
    ],
    [
      'a goal label merged over the rows of its text',
      [
        ['2023年度专项资金绩效目标表'],
        ['项目名称：', '市级科技发展专项资金'],
        ['申请金额：', '58600万元'],
        ['主管部门/实施单位', '南昌市科学技术局'],
        ['中长期目标', '建设区域科创中心'],
        ['年度总体目标', '一是创新主体目标'],
        ['', '二是创新平台目标'],
        ['年度绩效目标', '2023年目标值'],
      ],
    ],
  ])('%s', (_, block, more = {}) => {
    const parsed = readTargetTables([grid([...block, ...table])]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]!.header).toEqual({
      ...emptyHeader(),
      ...more,
      projectName: '市级科技发展专项资金',
      year: 2023,
      department: '南昌市科学技术局',
      amount: '58600',
      midLongTermGoal: '建设区域科创中心',
      annualGoal: expect.stringMatching(/^一是创新主体目标(\n二是创新平台目标)?$/),
    });
    expect(parsed.tables[0]!.startRow).toBe(1);
  });

  it('leaves absent fields empty', () => {
    const parsed = readTargetTables([grid([['项目名称：测试专项'], ...table])]);
    expect(parsed.tables[0]!.header).toEqual({ ...emptyHeader(), projectName: '测试专项' });
  });
});

describe('readTargetTables: several tables', () => {
  const block = (name: string) => [['专项资金绩效目标表'], ['（2023年度）'], [`项目名称：${name}`]];
  const rows = (prefix: string) => [
    ['1', '产出指标', '数量指标', `${prefix}项目数`, '≥', '5', '项'],
    ['2', '', '', `${prefix}企业数`, '≥', '9', '家'],
  ];

  it('one after another on one sheet, with notes under a table', () => {
    const sheet = grid([
      ...block('甲专项'),
      OPERATOR_HEADER,
      ...rows('甲'),
      ['注：目标值以主管部门核定为准'],
      ['甲专项的补充说明不是指标'],
      [],
      ...block('乙专项'),
      HALF_HEADER,
      ['产出指标', '数量指标', '乙项目数', '≥2项', '≥5项'],
      ...block('丙专项'),
      OPERATOR_HEADER,
      ...rows('丙'),
    ]);
    const parsed = readTargetTables([sheet]);
    expect(parsed.problems).toEqual([]);
    expect(
      parsed.tables.map((t) => [
        t.sheet,
        t.startRow,
        t.layout,
        t.header.projectName,
        t.header.year,
        t.indicators.map((r) => r.row),
      ]),
    ).toEqual([
      ['Sheet1', 1, 'operator-columns', '甲专项', 2023, [5, 6]],
      ['Sheet1', 10, 'half-and-full', '乙专项', 2023, [14]],
      ['Sheet1', 15, 'operator-columns', '丙专项', 2023, [19, 20]],
    ]);
  });

  it('one per sheet, in sheet order', () => {
    const parsed = readTargetTables([
      grid([...block('甲专项'), OPERATOR_HEADER, ...rows('甲')], [], '甲'),
      grid([['说明：本工作簿为绩效目标表']], [], '说明'),
      grid([...block('乙专项'), OPERATOR_HEADER, ...rows('乙')], [], '乙'),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables.map((t) => [t.sheet, t.header.projectName, t.indicators.length])).toEqual([
      ['甲', '甲专项', 2],
      ['乙', '乙专项', 2],
    ]);
  });
});

describe('readTargetTables: problems', () => {
  const operator = (...rows: string[][]) => readTargetTables([grid([...BLOCK, OPERATOR_HEADER, ...rows])]);
  const half = (...rows: string[][]) => readTargetTables([grid([...BLOCK, HALF_HEADER, ...rows])]);
  const good = ['9', '产出指标', '数量指标', '好指标', '≥', '1', '个'];

  it.each<[string, ParsedTargetWorkbook, CellProblem[]]>([
    [
      '三级指标 empty',
      operator(['1', '产出指标', '数量指标', '', '≥', '10', '个']),
      [problem(4, '三级指标', '三级指标为空')],
    ],
    [
      '目标值 empty',
      operator(['1', '产出指标', '数量指标', '项目数', '≥', '', '个']),
      [problem(4, '目标值', '目标值为空')],
    ],
    [
      '目标值 unreadable',
      operator(['1', '产出指标', '数量指标', '项目数', '', '≥abc', '']),
      [problem(4, '目标值', '“≥abc”不是有效的数值目标')],
    ],
    [
      'a date that does not exist',
      operator(['1', '产出指标', '时效指标', '完成时限', '≤', '2023年2月30日', '']),
      [problem(4, '目标值', '日期“2023年2月30日”无效')],
    ],
    [
      '计算符号 unrecognised',
      operator(['1', '产出指标', '数量指标', '项目数', '约', '10', '个']),
      [problem(4, '计算符号', '计算符号“约”无法识别')],
    ],
    [
      'a 率 indicator counted in 项',
      operator(['1', '产出指标', '质量指标', '项目验收合格率', '＝', '100', '项']),
      [problem(4, '单位', '单位应为“%”，不是“项”')],
    ],
    [
      'a 比重 indicator without unit',
      operator(['1', '效益指标', '经济效益指标', '研发经费投入占GDP比重', '≥', '2.1', '']),
      [problem(4, '单位', '不是“（无单位）”')],
    ],
    [
      'empty 一级 at the first row',
      operator(['1', '', '数量指标', '项目数', '≥', '10', '个']),
      [problem(4, '一级指标', '一级指标为空')],
    ],
    [
      'a new 一级 without its 二级',
      operator(good, ['10', '效益指标', '', '项目数', '≥', '10', '个']),
      [problem(5, '二级指标', '二级指标为空')],
    ],
    [
      '序号 not an integer',
      operator(['一', '产出指标', '数量指标', '项目数', '≥', '10', '个']),
      [problem(4, '序号', '序号“一”不是整数')],
    ],
    [
      'the same 三级指标 twice in one 一级 + 二级',
      operator(['1', '产出指标', '数量指标', '项目数', '≥', '10', '个'], ['2', '', '', '项目数', '≥', '20', '个']),
      [problem(5, '三级指标', '三级指标“项目数”与第 4 行重复')],
    ],
    [
      'half- and full-year units that differ',
      half(['产出指标', '数量指标', '项目数', '≥100个', '≥360项']),
      [problem(4, '半年（程）指标值', '单位不一致：半年指标值为“个”，全年指标值为“项”')],
    ],
    [
      '全年 value empty',
      half(['产出指标', '数量指标', '项目数', '≥100个', '']),
      [problem(4, '全年（程）指标值', '全年指标值为空')],
    ],
    [
      '半年 value unreadable',
      half(['产出指标', '数量指标', '项目数', '≥abc', '≥360项']),
      [problem(4, '半年（程）指标值', '不是有效的数值目标')],
    ],
    [
      'a 率 indicator in half-and-full without %',
      half(['产出指标', '质量指标', '资金执行率', '≥50', '≥100']),
      [problem(4, '全年（程）指标值', '单位应为“%”')],
    ],
  ])('%s', (_, parsed, expected) => {
    expect(parsed.problems).toEqual(expected);
    const returned = parsed.tables[0]!.indicators.map((r) => r.row);
    for (const reported of parsed.problems) expect(returned).not.toContain(reported.row);
  });

  it('the same 三级指标 under another 二级 is no duplicate', () => {
    expect(
      operator(
        ['1', '产出指标', '数量指标', '项目数', '≥', '10', '个'],
        ['2', '', '质量指标', '项目数', '≥', '20', '个'],
      ).problems,
    ).toEqual([]);
  });

  it('reports every bad row of a table and still returns its good rows', () => {
    const parsed = operator(
      ['1', '', '数量指标', '甲', '≥', '10', '个'],
      ['2', '产出指标', '数量指标', '乙', '≥', '10', '个'],
      ['3', '', '', '', '≥', '10', '个'],
      ['4', '', '', '丙', '≥', 'abc', '个'],
      ['5', '', '', '乙', '≥', '10', '个'],
      ['6', '', '质量指标', '合格率', '≥', '90', ''],
      ['7', '', '', '丁', '＝', '100', '%'],
    );
    expect(parsed.problems).toEqual([
      problem(4, '一级指标', '一级指标为空'),
      problem(6, '三级指标', '三级指标为空'),
      problem(7, '目标值', '目标值“abc”不是数值或日期（计算符号为“≥”）'),
      problem(8, '三级指标', '与第 5 行重复'),
      problem(9, '单位', '单位应为“%”'),
    ]);
    expect(parsed.tables[0]!.indicators.map((r) => [r.row, r.value.level3])).toEqual([
      [5, '乙'],
      [10, '丁'],
    ]);
  });

  it('a table without a project name', () => {
    const parsed = readTargetTables([
      grid([['专项资金绩效目标表'], ['主管部门：南昌市科学技术局'], OPERATOR_HEADER, good]),
    ]);
    expect(parsed.problems).toEqual([problem(1, '项目名称', '没有项目名称')]);
    expect(parsed.tables[0]!.indicators).toHaveLength(1);
  });

  it('a table with no header block at all', () => {
    const parsed = readTargetTables([grid([[], OPERATOR_HEADER, good])]);
    expect(parsed.problems).toEqual([problem(2, '项目名称', '没有项目名称')]);
  });

  it.each([
    [
      'at the end of a sheet',
      [...BLOCK, OPERATOR_HEADER, good, ['专项资金绩效目标表'], ['项目名称：空专项']],
      [problem(5, '三级指标', '项目“空专项”的表头信息下没有绩效指标表')],
    ],
    [
      'followed by the next project',
      [['项目名称：空专项'], ['主管部门：某局'], ['项目名称：测试专项'], OPERATOR_HEADER, good],
      [problem(1, '三级指标', '项目“空专项”的表头信息下没有绩效指标表')],
    ],
    [
      'followed by a header without rows',
      [...BLOCK, OPERATOR_HEADER],
      [problem(1, '三级指标', '项目“测试专项”的绩效目标表没有指标行')],
    ],
  ])('a header block with no indicator rows %s', (_, rows, expected) => {
    expect(readTargetTables([grid(rows)]).problems).toEqual(expected);
  });

  it('a header that lacks a required column', () => {
    const parsed = readTargetTables([
      grid([
        ...BLOCK,
        ['序号', '一级指标', '三级指标', '计算符号', '目标值', '单位'],
        ['1', '产出指标', '项目数', '≥', '5', '项'],
      ]),
    ]);
    expect(parsed.problems).toEqual([problem(3, '二级指标', '缺少“二级指标”列')]);
  });

  it('an amount that is not a number', () => {
    const parsed = readTargetTables([grid([['项目名称：测试专项', '申请金额（万元）：五百'], OPERATOR_HEADER, good])]);
    expect(parsed.problems).toEqual([problem(1, '申请金额', '申请金额“五百”不是数字')]);
    expect(parsed.tables[0]!.header.amount).toBeNull();
  });

  it('a workbook with no target table', () => {
    expect(
      readTargetTables([
        grid([
          ['序号', '任务'],
          ['1', '某任务'],
        ]),
      ]).problems,
    ).toEqual([problem(1, '三级指标', '未找到绩效目标表')]);
  });
});

it.each([
  ['项目验收合格率', true],
  ['研发经费投入占GDP比重', true],
  ['资金到位率（%）', true],
  ['项目受益群众满意度', false],
  ['率先完成项目数', false],
])('isRateName(%s) = %s', (name, rate) => {
  expect(isRateName(name)).toBe(rate);
});

describe('readTargetTables: 计算符号 | 目标值 | 单位 under 半年（程）指标值 and 全年（程）指标值', () => {
  const head = [
    ['序号', '一级指标', '二级指标', '三级指标', '半年（程）指标值', '', '', '全年（程）指标值', '', ''],
    ['', '', '', '', '计算符号', '目标值', '单位', '计算符号', '目标值', '单位'],
  ];
  const merges = ['A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:G3', 'H3:J3'];
  const read = (...rows: string[][]) => readTargetTables([grid([...BLOCK, ...head, ...rows], merges)]);

  it('reads both periods: 序时进度 and a word as typed, a blank half year as no target', () => {
    const parsed = read(
      ['1', '产出指标', '数量指标', '支持企业数', '≥', '150', '家', '≥', '300', '家'],
      ['2', '', '', '服务机构数', '', '', '', '≥', '40', '个'],
      ['3', '', '成本指标', '资金支出进度', '', '序时进度', '', '＝', '100', '%'],
      ['4', '效益指标', '社会效益指标', '服务规范性', '定性', '规范', '', '定性', '规范', ''],
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]!.layout).toBe('operator-columns');
    expect(
      parsed.tables[0]!.indicators.map((i) => [i.row, i.value.halfYear, i.value.fullYear, i.value.text?.half]),
    ).toEqual([
      [5, ge('150', '家'), ge('300', '家'), '≥150家'],
      [6, null, ge('40', '个'), ''],
      [7, { kind: 'pace' }, eq('100', '%'), '序时进度'],
      [8, { kind: 'qualitative', text: '规范' }, { kind: 'qualitative', text: '规范' }, '规范'],
    ]);
    expect(parsed.tables[0]!.indicators[0]!.value.text?.cells).toEqual({ operator: '≥', value: '300', unit: '家' });
  });

  it('reports a half-year target in another unit or unreadable, at 半年（程）指标值', () => {
    const parsed = read(
      ['1', '产出指标', '数量指标', '支持企业数', '≥', '150', '个', '≥', '300', '家'],
      ['2', '', '', '服务机构数', '≥', 'abc', '', '≥', '40', '个'],
    );
    expect(parsed.problems).toEqual([problem(5, '半年（程）指标值', '单位不一致'), problem(6, '半年（程）指标值', '')]);
  });
});

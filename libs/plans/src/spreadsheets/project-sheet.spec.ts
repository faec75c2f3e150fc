import { beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { cellAt, gridFromRows } from '@app/spreadsheets';
import { readProjectSheet, stageHeading, wanToYi, writeProjectSheet } from './project-sheet.js';
import { csvGrid, firstGrid, fixtureBuffer, fixtureGrid } from './spec-helpers.js';
import type { ProjectSheetRow } from './types.js';
import type { ParsedSheet } from '@app/spreadsheets';

const NEW_HEADING = '一、新开工（项目11个、总投资16.46亿元、年度计划投资8.2亿元）';
const CONTINUING_HEADING = '二、续建（项目18个、总投资273.73亿元、年度计划投资28.51亿元）';

const sources = [
  { name: 'fixture ganzhou-2023-projects.xlsx', file: 'ganzhou-2023-projects.xlsx', layout: 'office', firstRow: 6 },
  {
    name: 'reference ganzhou-2023-projects.csv',
    file: 'source/ganzhou-2023-projects.csv',
    layout: 'flat',
    firstRow: 2,
  },
];

describe.each(sources)('readProjectSheet on the $name', ({ file, layout, firstRow }) => {
  let parsed: ParsedSheet<ProjectSheetRow>;
  const project = (n: number) => parsed.rows.find((r) => r.value.number === n)!.value;
  const ofStage = (stage: ProjectSheetRow['stage']) => parsed.rows.map((r) => r.value).filter((p) => p.stage === stage);
  beforeAll(async () => {
    parsed = readProjectSheet(await fixtureGrid(file));
  });

  it('reads all 29 projects, 11 new and 18 continuing, without problems', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toMatchObject({ annualYear: '2023', layout });
    expect(parsed.rows.map((r) => r.value.number)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(parsed.rows[0]!.row).toBe(firstRow);
    expect(ofStage('new').map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ofStage('continuing')).toHaveLength(18);
  });

  it('gives the stage totals of the document', () => {
    expect(stageHeading(1, 'new', ofStage('new'))).toBe(NEW_HEADING);
    expect(stageHeading(2, 'continuing', ofStage('continuing'))).toBe(CONTINUING_HEADING);
  });

  it.each([
    [
      1,
      {
        code: null,
        startMonth: '2023-01',
        endMonth: '2023-12',
        totalInvestment: '2000',
        annualInvestment: '2000',
        county: '南康区',
        responsibleLeader: '南康区委常委',
      },
    ],
    [
      2,
      {
        code: '2110-360795-04-01-750543',
        totalInvestment: '63100',
        annualInvestment: '19000',
        responsibleLeader: '赣县区委常委、组织部部长',
      },
    ],
    [5, { name: '透明导电膜 (MDSNR)制造基地项目', startMonth: '2023-03', endMonth: '2024-12' }],
    [
      14,
      {
        builder: '中科院赣江创新研究院、赣州城投集团',
        responsibleLeader: '赣县区委副书记；赣县区委常委',
        totalInvestment: '719700',
        stage: 'continuing',
      },
    ],
    [21, { code: 'MA38FFWC4360722001', startMonth: '2019-12', content: expect.stringContaining('原创新要临床试验') }],
    [22, { startMonth: '2022-10', endMonth: '2023-02', category: '机械制造' }],
  ])('project %i', (n, expected) => {
    expect(project(n)).toMatchObject(expected);
  });

  it('reads back the same rows from what writeProjectSheet writes', async () => {
    const buffer = await writeProjectSheet(
      parsed.rows.map((r) => r.value),
      { title: '2023年赣州市科技创新赋能行动项目清单', attachment: '附件2', annualYear: 2023 },
    );
    const again = readProjectSheet(await firstGrid(buffer));
    expect(again.problems).toEqual([]);
    expect(again.meta).toMatchObject({
      annualYear: '2023',
      unit: '万元',
      newHeading: NEW_HEADING,
      continuingHeading: CONTINUING_HEADING,
    });
    expect(again.rows.map((r) => r.value)).toEqual(parsed.rows.map((r) => r.value));
  });
});

it('the fixture holds the reference projects and the headings of the document', async () => {
  const fromCsv = readProjectSheet(await fixtureGrid('source/ganzhou-2023-projects.csv'));
  const fromXlsx = readProjectSheet(await fixtureGrid('ganzhou-2023-projects.xlsx'));
  expect(fromXlsx.rows.map((r) => r.value)).toEqual(fromCsv.rows.map((r) => r.value));
  expect(fromXlsx.meta).toMatchObject({
    title: '2023年赣州市科技创新赋能行动项目清单',
    attachment: '附件2',
    unit: '万元',
    newHeading: NEW_HEADING,
    continuingHeading: CONTINUING_HEADING,
  });
});

it.each([
  ['82000', '8.2'],
  ['164600', '16.46'],
  ['50000', '5'],
  ['12345', '1.23'],
  ['12355', '1.24'],
  ['0', '0'],
])('wanToYi(%s) = %s', (wan, yi) => {
  expect(wanToYi(wan)).toBe(yi);
});

describe('readProjectSheet with 开工年月 and 竣工年月 typed as date cells', () => {
  // A date cell reads as its format prints it; every common format must still give the month.
  it.each([
    ['yyyy"年"m"月"', '2023年1月', '2023年12月'],
    ['yyyy"年"m"月"d"日"', '2023年1月15日', '2023年12月31日'],
    ['yyyy/m/d', '2023/1/15', '2023/12/31'],
    ['yyyy-mm-dd', '2023-01-15', '2023-12-31'],
    ['m/d/yyyy', '1/15/2023', '12/31/2023'],
    ['yyyy/m/d h:mm', '2023/1/15 0:00', '2023/12/31 0:00'],
    // exceljs's name for the built-in format 14, which a Chinese Excel shows as yyyy/m/d.
    ['mm-dd-yy', '2023/1/15', '2023/12/31'],
    // Month names cannot be rendered: the date reads as YYYY-MM-DD.
    ['mmm-yy', '2023-01-15', '2023-12-31'],
  ])('%s', async (numFmt, startText, endText) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fixtureBuffer('ganzhou-2023-projects.xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let at: { row: number; start: number; end: number } | undefined;
    sheet.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (String(cell.value).startsWith('开工')) at = { row: r, start: c, end: at?.end ?? 0 };
        if (String(cell.value).startsWith('竣工') && at) at.end = c;
      });
    });
    let first = at!.row + 1;
    while (typeof sheet.getCell(first, 1).value !== 'number') first++;
    const typeDate = (column: number, date: Date) => {
      const cell = sheet.getCell(first, column);
      cell.value = date;
      // A style of its own: exceljs shares one style object between the cells that had it.
      cell.style = { ...cell.style, numFmt };
    };
    typeDate(at!.start, new Date(Date.UTC(2023, 0, 15)));
    typeDate(at!.end, new Date(Date.UTC(2023, 11, 31)));
    const grid = await firstGrid(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect([cellAt(grid, first - 1, at!.start - 1), cellAt(grid, first - 1, at!.end - 1)]).toEqual([
      startText,
      endText,
    ]);
    const parsed = readProjectSheet(grid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]!.value).toMatchObject({ number: 1, startMonth: '2023-01', endMonth: '2023-12' });
  });
});

describe('readProjectSheet problems (flat CSV)', () => {
  const HEADER =
    '序号,阶段,项目名称,隶属,类别,项目代码,建设内容或建设规模,' +
    '开工年月,竣工年月,建设单位,总投资,2023年投资计划,包保责任领导职务';
  const GOOD = '1,新开工,甲项目,南康区,研发,,内容,2023年1月,2023年12月,甲公司,2000,1000,南康区委常委';
  const line = (fields: Partial<Record<'stage' | 'name' | 'start' | 'end' | 'total' | 'annual', string>>) =>
    [
      '2',
      fields.stage ?? '续建',
      fields.name ?? '乙项目',
      '章贡区',
      '研发',
      '',
      '内容',
      fields.start ?? '2023年6月',
      fields.end ?? '2024年12月',
      '乙公司',
      fields.total ?? '5000',
      fields.annual ?? '1000',
      '章贡区政协副主席',
    ].join(',');

  it.each([
    ['a negative total', { total: '-100' }, { column: '总投资', message: '总投资不能为负数（-100）' }],
    [
      'a negative annual amount',
      { annual: '-1.5' },
      { column: '2023年投资计划', message: '2023年投资计划不能为负数（-1.5）' },
    ],
    [
      'a non-numeric annual amount',
      { annual: '五百' },
      { column: '2023年投资计划', message: '2023年投资计划“五百”不是数字' },
    ],
    ['a non-numeric total', { total: '约5000' }, { column: '总投资', message: '总投资“约5000”不是数字' }],
    ['an empty total', { total: '' }, { column: '总投资', message: '总投资为空' }],
    [
      'a completion month before the start month',
      { start: '2023年6月', end: '2023年3月' },
      { column: '竣工年月', message: '竣工年月（2023年3月）早于开工年月（2023年6月）' },
    ],
    [
      'an unreadable month',
      { start: '明年' },
      { column: '开工年月', message: '开工年月“明年”无法识别，应写作“2023年1月”或“2023-01”' },
    ],
    ['an empty name', { name: '' }, { column: '项目名称', message: '项目名称为空' }],
    ['an unknown stage', { stage: '储备' }, { column: '阶段', message: '阶段“储备”应为“新开工”或“续建”' }],
  ])('reports %s on row 3', async (_name, fields, problem) => {
    const parsed = readProjectSheet(await csvGrid([HEADER, GOOD, line(fields)].join('\r\n'), 'projects.csv'));
    expect(parsed.problems).toEqual([{ sheet: 'projects', row: 3, ...problem }]);
    expect(parsed.rows.map((r) => r.value.name)).toEqual(['甲项目']);
  });

  it('accepts an annual amount above the total, decimals and grouping commas', async () => {
    const parsed = readProjectSheet(
      await csvGrid([HEADER, GOOD, line({ total: '"1,200.50"', annual: '3000' })].join('\r\n'), 'projects.csv'),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[1]!.value).toMatchObject({ totalInvestment: '1200.50', annualInvestment: '3000' });
  });
});

describe('readProjectSheet on office variants', () => {
  const HEADER = [
    '序号',
    '项目名称',
    '隶属',
    '类别',
    '项目代码',
    '建设内容或建设规模',
    '开工\n年月',
    '竣工\n年月',
    '建设单位',
    '总投资（万元）',
    '2024年\n投资计划',
    '包保责任领导',
  ];
  const project = (n: string, start: string, end: string, total = '100', county = '南康区') => [
    n,
    `项目${n}`,
    county,
    '研发',
    '',
    '内容',
    start,
    end,
    '公司',
    total,
    '50',
    '领导',
  ];

  it('takes the stage from the heading rows, months in every office form and vertically merged cells', () => {
    const grid = gridFromRows(
      '附件2',
      [
        ['附件2'],
        ['项目清单'],
        ['单位：万元'],
        HEADER,
        ['一、新开工（项目2个）'],
        project('1', '2024年1月', '2024-12'),
        project('2', '2024-03-01', '2024年6月', '100', ''),
        ['二、续建（项目1个）'],
        project('3', '2022.10', '2025/12'),
        ['合计', '', '', '', '', '', '', '', '', '300', '150', ''],
      ],
      [{ top: 5, left: 2, bottom: 6, right: 2 }],
    );
    const parsed = readProjectSheet(grid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toMatchObject({ annualYear: '2024', unit: '万元', title: '项目清单', layout: 'office' });
    expect(
      parsed.rows.map((r) => [r.row, r.value.stage, r.value.county, r.value.startMonth, r.value.endMonth]),
    ).toEqual([
      [6, 'new', '南康区', '2024-01', '2024-12'],
      [7, 'new', '南康区', '2024-03', '2024-06'],
      [9, 'continuing', '南康区', '2022-10', '2025-12'],
    ]);
  });

  it('reports projects whose stage cannot be told, and amounts in another unit', () => {
    const grid = gridFromRows('附件2', [['项目清单'], ['单位：亿元'], HEADER, project('1', '2024年1月', '2024年12月')]);
    expect(readProjectSheet(grid).problems).toEqual([
      { sheet: '附件2', row: 2, column: '单位', message: '金额单位为“亿元”，本表应以万元为单位' },
      {
        sheet: '附件2',
        row: 4,
        column: '阶段',
        message: '无法确定项目阶段：缺少“一、新开工”“二、续建”分段行或“阶段”列',
      },
    ]);
  });

  it('reports a missing 投资计划 column on the header row', () => {
    const grid = gridFromRows('附件2', [['项目清单'], HEADER.filter((h) => !h.includes('投资计划'))]);
    expect(readProjectSheet(grid).problems).toEqual([
      { sheet: '附件2', row: 2, column: '年度投资计划', message: '缺少“年度投资计划”列' },
    ]);
  });

  it('writes amounts as numbers that keep their decimals', async () => {
    const row: ProjectSheetRow = {
      number: 1,
      stage: 'new',
      name: '甲',
      county: '南康区',
      category: '研发',
      code: null,
      content: '',
      startMonth: '2023-01',
      endMonth: '2023-12',
      builder: '',
      totalInvestment: '1.50',
      annualInvestment: '0.75',
      responsibleLeader: '',
    };
    const grid = await firstGrid(await writeProjectSheet([row], { title: 't', annualYear: 2023 }));
    const parsed = readProjectSheet(grid);
    expect(parsed.rows.map((r) => r.value)).toEqual([row]);
    expect(parsed.meta.newHeading).toBe('一、新开工（项目1个、总投资0亿元、年度计划投资0亿元）');
  });
});

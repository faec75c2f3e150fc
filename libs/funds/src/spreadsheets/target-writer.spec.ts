import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import type { TargetValue } from '@app/domain';
import { emptyHeader } from './header-block.js';
import { mergesOf, writtenGrids, writtenWorkbook } from './spec-helpers.js';
import { readTargetTables } from './target-tables.js';
import { uniqueSheetName, writeTargetTables } from './target-writer.js';
import type { TargetTableForWrite, TargetTableHeader, TargetTableIndicator, TargetTableLayout } from './types.js';

const timestamp = new Date(Date.UTC(2023, 0, 1));
const num = (operator: '>=' | '<=' | '=', value: string, unit: string): TargetValue => ({
  kind: 'numeric',
  operator,
  value,
  unit,
});
const pace: TargetValue = { kind: 'pace' };

function indicators(rows: [string, string, string, TargetValue | null, TargetValue][]): TargetTableIndicator[] {
  return rows.map(([level1, level2, level3, halfYear, fullYear], i) => {
    const numeric = [fullYear, halfYear].find((t) => t?.kind === 'numeric');
    return {
      number: i + 1,
      level1,
      level2,
      level3,
      unit: numeric?.kind === 'numeric' ? numeric.unit : '',
      halfYear,
      fullYear,
    };
  });
}

/** Every field of the header block filled in, as an office would. */
const fullHeader: TargetTableHeader = {
  projectName: '科技创新券专项',
  year: 2023,
  department: '南昌市科学技术局',
  amount: '500.50',
  level: '市本级',
  midLongTermGoal: '降低科技型中小企业的创新成本，提升企业创新能力。',
  annualGoal: '一是发放科技创新券；\n二是支持300家以上科技型中小企业购买科技服务。',
  kindText: '常年安排项目',
  kind: 'recurring',
  start: { text: '2023年1月', year: 2023 },
  end: { text: '2025-12', year: 2025 },
  implementingUnit: '南昌市生产力促进中心',
  necessity: '科技型中小企业购买科技服务的成本高。',
  feasibility: '已有创新券管理办法。',
  implementationContent: '一是发放创新券；\n二是兑付服务费用。',
  sources: { generalBudget: '400.50', socialSecurityFunds: '100' },
  halfYearPlan: '250.25',
  fullYearBudget: '500.50',
};

const TABLES: TargetTableForWrite[] = [
  {
    header: fullHeader,
    indicators: indicators([
      ['产出指标', '数量指标', '创新券支持企业数', num('>=', '150', '家'), num('>=', '300', '家')],
      ['产出指标', '数量指标', '服务机构数', null, num('>=', '40', '个')],
      ['产出指标', '质量指标', '兑付准确率', num('=', '100', '%'), num('=', '100', '%')],
      ['产出指标', '时效指标', '兑付完成时间', null, { kind: 'date', operator: '<=', date: '2023-12-31' }],
      ['产出指标', '成本指标', '资金支出进度', pace, pace],
      ['效益指标', '经济效益指标', '技术合同登记额', num('>=', '600000.5', '万元'), num('=', '1200000', '万元')],
      [
        '效益指标',
        '社会效益指标',
        '服务规范性',
        { kind: 'qualitative', text: '规范' },
        { kind: 'qualitative', text: '规范' },
      ],
      ['满意度指标', '服务对象满意度指标', '受益企业满意度', null, num('>=', '95', '%')],
      ['满意度指标', '服务对象满意度指标', '研发经费投入占GDP比重', null, num('>=', '2.1', '%')],
    ]),
  },
  {
    header: { ...emptyHeader(), projectName: '科技特派员专项' },
    indicators: indicators([
      ['产出指标', '数量指标', '选派科技特派员人数', num('>=', '100', '人'), num('>=', '200', '人')],
      ['效益指标', '社会效益指标', '服务农户数', num('>=', '1000', '户'), num('>=', '2000', '户')],
    ]),
  },
];

const withoutText = (parsed: ReturnType<typeof readTargetTables>) =>
  parsed.tables.map((t) => ({
    header: t.header,
    indicators: t.indicators.map(({ value: { text: _text, ...value } }) => value),
  }));

/** Rows of the header block: title, year, 单位, then 19 rows of labels; the column header follows. */
const HEADER_ROW = 23;

describe.each<TargetTableLayout>(['operator-columns', 'half-and-full'])(
  'writeTargetTables in the %s layout',
  (layout) => {
    const operator = layout === 'operator-columns';

    it('reads back the same tables, the whole header block and half-year targets included, one sheet per project', async () => {
      const buffer = await writeTargetTables(TABLES, { layout, timestamp });
      const parsed = readTargetTables(await writtenGrids(buffer));
      expect(parsed.problems).toEqual([]);
      expect(parsed.tables.map((t) => [t.sheet, t.startRow, t.layout])).toEqual([
        ['科技创新券专项', 1, layout],
        ['科技特派员专项', 1, layout],
      ]);
      expect(withoutText(parsed)).toEqual(TABLES);
    });

    it('reads back the same tables written one after another on one sheet', async () => {
      const buffer = await writeTargetTables(TABLES, { layout, timestamp, sheetName: '绩效目标表' });
      const parsed = readTargetTables(await writtenGrids(buffer));
      expect(parsed.problems).toEqual([]);
      // The first table: 22 block rows, the column header (two rows in the operator-columns layout), 9 indicators, a blank row.
      const second = operator ? 35 : 34;
      expect(parsed.tables.map((t) => [t.sheet, t.startRow])).toEqual([
        ['绩效目标表', 1],
        ['绩效目标表', second],
      ]);
      expect(withoutText(parsed)).toEqual(TABLES);
      const xml = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string');
      expect(xml).toMatch(new RegExp(`<rowBreaks count="1"[^>]*><brk id="${second - 2}"`));
    });

    it('gives the same bytes for the same tables and timestamp', async () => {
      const a = await writeTargetTables(TABLES, { layout, timestamp });
      const b = await writeTargetTables(TABLES, { layout, timestamp });
      expect(a.equals(b)).toBe(true);
    });

    it('prints the header block label by label: labels on the left, values merged across, the amounts under 项目资金 and 支出计划', async () => {
      const grid = (await writtenGrids(await writeTargetTables([TABLES[0]!], { layout, timestamp })))[0]!;
      // 0-based: the value (and the sub-label of 项目资金) stands right of the label columns.
      const value = operator ? 2 : 1;
      const sub = value;
      const right = operator ? [4, 7] : [3, 4];
      const rows = grid.cells.slice(3, HEADER_ROW - 1);
      expect(rows.map((r) => r[0])).toEqual([
        '项目名称',
        '主管部门',
        '项目类型',
        '开始时间',
        '立项必要性',
        '实施可行性',
        '项目实施内容',
        '项目资金（万元）',
        ...Array(7).fill(''),
        '支出计划（万元）',
        '',
        '中长期目标',
        '年度目标',
      ]);
      expect(rows.slice(1, 4).map((r) => [r[value], r[right[0]!], r[right[1]!]])).toEqual([
        ['南昌市科学技术局', '实施单位', '南昌市生产力促进中心'],
        ['常年安排项目', '项目级次', '市本级'],
        ['2023年1月', '完成时间', '2025-12'],
      ]);
      expect(rows.slice(7, 17).map((r) => [r[sub], r[sub + 1]])).toEqual([
        ['资金总额', '500.50'],
        ['一般公共预算', '400.50'],
        ['政府性基金预算', ''],
        ['财政专户管理资金', ''],
        ['国有资本经营预算', ''],
        ['社会保障基金', '100'],
        ['上年结转', ''],
        ['其他资金', ''],
        ['半年计划执行数', '250.25'],
        ['全年（程）预算数', '500.50'],
      ]);
      expect(rows[6]![value]).toBe('一是发放创新券；\n二是兑付服务费用。');
      expect(grid.cells[HEADER_ROW - 1]![operator ? 4 : 3]).toBe('半年（程）指标值');
    });

    it('merges 一级 and 二级 over their rows and styles the table for print', async () => {
      const workbook = await writtenWorkbook(
        await writeTargetTables(TABLES, { layout, timestamp, title: '2023年度专项资金绩效目标表' }),
      );
      const sheet = workbook.getWorksheet('科技创新券专项')!;
      const block = operator
        ? [
            'A4:B4',
            'C4:J4',
            ...[5, 6, 7].flatMap((r) => [`A${r}:B${r}`, `C${r}:D${r}`, `E${r}:G${r}`, `H${r}:J${r}`]),
            ...[8, 9, 10, 21, 22].flatMap((r) => [`A${r}:B${r}`, `C${r}:J${r}`]),
            'A11:B18',
            'A19:B20',
            ...[11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((r) => `D${r}:J${r}`),
            'A23:A24',
            'B23:B24',
            'C23:C24',
            'D23:D24',
            'E23:G23',
            'H23:J23',
            'B25:B29',
            'C25:C26',
            'B30:B31',
            'B32:B33',
            'C32:C33',
          ]
        : [
            'B4:E4',
            ...[5, 6, 7].map((r) => `B${r}:C${r}`),
            ...[8, 9, 10, 21, 22].map((r) => `B${r}:E${r}`),
            'A11:A18',
            'A19:A20',
            ...[11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((r) => `C${r}:E${r}`),
            'A24:A28',
            'B24:B25',
            'A29:A30',
            'A31:A32',
            'B31:B32',
          ];
      const last = operator ? 'J' : 'E';
      expect(mergesOf(sheet)).toEqual([`A1:${last}1`, `A2:${last}2`, ...block].sort());
      expect(sheet.getCell('A1').value).toBe('2023年度专项资金绩效目标表');
      expect(sheet.getCell('A2').value).toBe('（2023年度）');
      expect(sheet.getCell('A4').font?.bold).toBe(true);
      const first = operator ? 25 : 24;
      const l1 = operator ? 'B' : 'A';
      expect(sheet.getCell(`${l1}${first}`).value).toBe('产出指标');
      for (let c = 1; c <= (operator ? 10 : 5); c++) {
        const cell = sheet.getRow(HEADER_ROW).getCell(c);
        expect(cell.font?.bold).toBe(true);
        expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
        expect(cell.border?.top?.style).toBe('thin');
      }
      const level3 = sheet.getCell(first, operator ? 4 : 3);
      expect(level3.value).toBe('创新券支持企业数');
      expect(level3.alignment?.wrapText).toBe(true);
      expect(level3.border?.bottom?.style).toBe('thin');
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToWidth: 1,
        printTitlesRow: operator ? '23:24' : '23:23',
      });
    });
  },
);

describe('the cells of each layout', () => {
  it('operator-columns: 计算符号 | 目标值 (number cells) | 单位 under 半年（程）指标值 and under 全年（程）指标值', async () => {
    const sheet = (await writtenWorkbook(await writeTargetTables(TABLES, { layout: 'operator-columns', timestamp })))
      .worksheets[0]!;
    expect([5, 6, 7, 8, 9, 10].map((c) => sheet.getCell(24, c).value)).toEqual([
      '计算符号',
      '目标值',
      '单位',
      '计算符号',
      '目标值',
      '单位',
    ]);
    const row = (r: number) => [1, 5, 6, 7, 8, 9, 10].map((c) => sheet.getCell(r, c).value);
    expect(row(25)).toEqual([1, '≥', 150, '家', '≥', 300, '家']);
    expect(row(26)).toEqual([2, '', '', '', '≥', 40, '个']);
    expect(row(28)).toEqual([4, '', '', '', '≤', '2023年12月31日', '']);
    expect(row(29)).toEqual([5, '', '序时进度', '', '', '序时进度', '']);
    expect(row(30)).toEqual([6, '≥', 600000.5, '万元', '＝', 1200000, '万元']);
    expect(row(31)).toEqual([7, '定性', '规范', '', '定性', '规范', '']);
    expect(row(33)).toEqual([9, '', '', '', '≥', 2.1, '%']);
    expect(sheet.getCell('D11').value).toBe(500.5);
    expect(sheet.getCell('D11').numFmt).toBe('0.00');
  });

  it('half-and-full: cells such as ≥150家, blank when there is no half-year target', async () => {
    const grids = await writtenGrids(await writeTargetTables(TABLES, { layout: 'half-and-full', timestamp }));
    expect(grids[0]!.cells.slice(HEADER_ROW - 1, HEADER_ROW + 4).map((r) => r.slice(2))).toEqual([
      ['三级指标', '半年（程）指标值', '全年（程）指标值'],
      ['创新券支持企业数', '≥150家', '≥300家'],
      ['服务机构数', '', '≥40个'],
      ['兑付准确率', '＝100%', '＝100%'],
      ['兑付完成时间', '', '≤2023年12月31日'],
    ]);
  });
});

describe('sheet names', () => {
  it.each([
    ['市级科技发展专项资金', [], '市级科技发展专项资金'],
    [
      '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五',
      [],
      '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一',
    ],
    ['科技/创新:券[2023]?', [], '科技创新券2023'],
    ['', [], '项目支出绩效目标表'],
    ['科技创新券专项', ['科技创新券专项'], '科技创新券专项(2)'],
    ['Fund', ['fund', 'fund(2)'], 'Fund(3)'],
    [
      '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一',
      ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一'],
      '一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)',
    ],
  ])('%s (taken: %j) → %s', (name, taken, expected) => {
    const result = uniqueSheetName(name, new Set(taken));
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(31);
  });

  it('names each project sheet after its project', async () => {
    const twice = [TABLES[1]!, TABLES[1]!];
    const grids = await writtenGrids(await writeTargetTables(twice, { layout: 'half-and-full', timestamp }));
    expect(grids.map((g) => g.sheet)).toEqual(['科技特派员专项', '科技特派员专项(2)']);
  });
});

it('writes a readable workbook without tables', async () => {
  const parsed = readTargetTables(
    await writtenGrids(await writeTargetTables([], { layout: 'operator-columns', timestamp })),
  );
  expect(parsed.tables).toEqual([]);
  expect(parsed.problems).toEqual([
    expect.objectContaining({ row: 1, message: expect.stringContaining('未找到绩效目标表') }),
  ]);
});

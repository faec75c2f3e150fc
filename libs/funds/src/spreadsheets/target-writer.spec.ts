import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import type { TargetValue } from '@app/domain';
import { mergesOf, writtenGrids, writtenWorkbook } from './spec-helpers.js';
import { readTargetTables } from './target-tables.js';
import { uniqueSheetName, writeTargetTables } from './target-writer.js';
import type { TargetTableForWrite, TargetTableHeader, TargetTableIndicator, TargetTableLayout } from './types.js';

const timestamp = new Date(Date.UTC(2023, 0, 1));
const num = (operator: '>=' | '<=' | '=', value: string, unit: string): TargetValue => ({ kind: 'numeric', operator, value, unit });
const pace: TargetValue = { kind: 'pace' };

function indicators(rows: [string, string, string, TargetValue | null, TargetValue][]): TargetTableIndicator[] {
  return rows.map(([level1, level2, level3, halfYear, fullYear], i) => {
    const numeric = [fullYear, halfYear].find((t) => t?.kind === 'numeric');
    return { number: i + 1, level1, level2, level3, unit: numeric?.kind === 'numeric' ? numeric.unit : '', halfYear, fullYear };
  });
}

const fullHeader: TargetTableHeader = {
  projectName: '科技创新券专项',
  year: 2023,
  department: '南昌市科学技术局',
  amount: '500.50',
  midLongTermGoal: '降低科技型中小企业的创新成本，提升企业创新能力。',
  annualGoal: '一是发放科技创新券；\n二是支持300家以上科技型中小企业购买科技服务。',
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
      ['效益指标', '社会效益指标', '服务规范性', { kind: 'qualitative', text: '规范' }, { kind: 'qualitative', text: '规范' }],
      ['满意度指标', '服务对象满意度指标', '受益企业满意度', null, num('>=', '95', '%')],
      ['满意度指标', '服务对象满意度指标', '研发经费投入占GDP比重', null, num('>=', '2.1', '%')],
    ]),
  },
  {
    header: { projectName: '科技特派员专项', year: null, department: '', amount: null, midLongTermGoal: '', annualGoal: '' },
    indicators: indicators([
      ['产出指标', '数量指标', '选派科技特派员人数', num('>=', '100', '人'), num('>=', '200', '人')],
      ['效益指标', '社会效益指标', '服务农户数', num('>=', '1000', '户'), num('>=', '2000', '户')],
    ]),
  },
];

/** What a layout keeps: the operator-columns layout has no half-year values. */
function kept(tables: TargetTableForWrite[], layout: TargetTableLayout): TargetTableForWrite[] {
  if (layout === 'half-and-full') return tables;
  return tables.map((t) => ({ ...t, indicators: t.indicators.map((i) => ({ ...i, halfYear: null })) }));
}

describe.each<TargetTableLayout>(['operator-columns', 'half-and-full'])('writeTargetTables in the %s layout', (layout) => {
  it('reads back the same tables, one sheet per project', async () => {
    const buffer = await writeTargetTables(TABLES, { layout, timestamp });
    const parsed = readTargetTables(await writtenGrids(buffer));
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables.map((t) => [t.sheet, t.startRow, t.layout])).toEqual([
      ['科技创新券专项', 1, layout],
      ['科技特派员专项', 1, layout],
    ]);
    expect(parsed.tables.map((t) => ({ header: t.header, indicators: t.indicators.map(({ value: { text: _text, ...value } }) => value) }))).toEqual(kept(TABLES, layout));
  });

  it('reads back the same tables written one after another on one sheet', async () => {
    const buffer = await writeTargetTables(TABLES, { layout, timestamp, sheetName: '绩效目标表' });
    const parsed = readTargetTables(await writtenGrids(buffer));
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables.map((t) => [t.sheet, t.startRow])).toEqual([
      ['绩效目标表', 1],
      ['绩效目标表', 19],
    ]);
    expect(parsed.tables.map((t) => ({ header: t.header, indicators: t.indicators.map(({ value: { text: _text, ...value } }) => value) }))).toEqual(kept(TABLES, layout));
    const xml = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<rowBreaks count="1"[^>]*><brk id="17"/);
  });

  it('gives the same bytes for the same tables and timestamp', async () => {
    const a = await writeTargetTables(TABLES, { layout, timestamp });
    const b = await writeTargetTables(TABLES, { layout, timestamp });
    expect(a.equals(b)).toBe(true);
  });

  it('merges 一级 and 二级 over their rows and styles the table for print', async () => {
    const workbook = await writtenWorkbook(await writeTargetTables(TABLES, { layout, timestamp, title: '2023年度专项资金绩效目标表' }));
    const sheet = workbook.getWorksheet('科技创新券专项')!;
    const [l1, l2] = layout === 'operator-columns' ? ['B', 'C'] : ['A', 'B'];
    const last = layout === 'operator-columns' ? 'G' : 'E';
    expect(mergesOf(sheet)).toEqual(
      [
        `A1:${last}1`,
        `A2:${last}2`,
        'A4:B4',
        'A5:B5',
        'A6:B6',
        'A7:B7',
        `C5:${last}5`,
        `C6:${last}6`,
        `C7:${last}7`,
        ...(layout === 'operator-columns' ? ['C4:D4', 'E4:F4'] : []),
        `${l1}9:${l1}13`,
        `${l2}9:${l2}10`,
        `${l1}14:${l1}15`,
        `${l1}16:${l1}17`,
        `${l2}16:${l2}17`,
      ].sort(),
    );
    expect(sheet.getCell('A1').value).toBe('2023年度专项资金绩效目标表');
    expect(sheet.getCell('A2').value).toBe('（2023年度）');
    expect(sheet.getCell(`${l1}9`).value).toBe('产出指标');
    const header = sheet.getRow(8);
    for (let c = 1; c <= (layout === 'operator-columns' ? 7 : 5); c++) {
      const cell = header.getCell(c);
      expect(cell.font?.bold).toBe(true);
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
      expect(cell.border?.top?.style).toBe('thin');
    }
    const level3 = sheet.getCell(9, layout === 'operator-columns' ? 4 : 3);
    expect(level3.value).toBe('创新券支持企业数');
    expect(level3.alignment?.wrapText).toBe(true);
    expect(level3.border?.bottom?.style).toBe('thin');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
  });
});

describe('the cells of each layout', () => {
  it('operator-columns: 计算符号 | 目标值 (numbers as number cells) | 单位', async () => {
    const sheet = (await writtenWorkbook(await writeTargetTables(TABLES, { layout: 'operator-columns', timestamp }))).worksheets[0]!;
    const row = (r: number) => [1, 5, 6, 7].map((c) => sheet.getCell(r, c).value);
    expect(row(9)).toEqual([1, '≥', 300, '家']);
    expect(row(12)).toEqual([4, '≤', '2023年12月31日', '']);
    expect(row(13)).toEqual([5, '', '序时进度', '']);
    expect(row(14)).toEqual([6, '＝', 1200000, '万元']);
    expect(row(15)).toEqual([7, '定性', '规范', '']);
    expect(row(17)).toEqual([9, '≥', 2.1, '%']);
    expect(sheet.getCell('G4').value).toBe(500.5);
    expect(sheet.getCell('G4').numFmt).toBe('0.00');
  });

  it('half-and-full: cells such as ≥150家, blank when there is no half-year target', async () => {
    const grids = await writtenGrids(await writeTargetTables(TABLES, { layout: 'half-and-full', timestamp }));
    expect(grids[0]!.cells.slice(7, 12).map((r) => r.slice(2))).toEqual([
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
    ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五', [], '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一'],
    ['科技/创新:券[2023]?', [], '科技创新券2023'],
    ['', [], '项目支出绩效目标表'],
    ['科技创新券专项', ['科技创新券专项'], '科技创新券专项(2)'],
    ['Fund', ['fund', 'fund(2)'], 'Fund(3)'],
    ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一', ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一'], '一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)'],
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
  const parsed = readTargetTables(await writtenGrids(await writeTargetTables([], { layout: 'operator-columns', timestamp })));
  expect(parsed.tables).toEqual([]);
  expect(parsed.problems).toEqual([expect.objectContaining({ row: 1, message: expect.stringContaining('未找到绩效目标表') })]);
});

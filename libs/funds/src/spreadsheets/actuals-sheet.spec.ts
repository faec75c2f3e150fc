import { describe, expect, it } from '@jest/globals';
import type { CellProblem } from '@app/spreadsheets';
import { readActualsSheet, writeActualsTemplate } from './actuals-sheet.js';
import { emptyHeader } from './header-block.js';
import { grid, mergesOf, writtenGrids, writtenWorkbook } from './spec-helpers.js';
import type { TargetTableForWrite } from './types.js';

const timestamp = new Date(Date.UTC(2023, 11, 31));
const HEADER = ['序号', '一级指标', '二级指标', '三级指标', '全年目标值', '实际完成值', '偏离原因', '说明'];
const problem = (row: number, column: string, message: string) =>
  expect.objectContaining({ row, column, message: expect.stringContaining(message) }) as unknown as CellProblem;

const TABLE: TargetTableForWrite = {
  header: {
    ...emptyHeader(),
    projectName: '市级科技发展专项资金',
    year: 2023,
    department: '南昌市科学技术局',
    amount: '58600',
  },
  indicators: [
    {
      number: 1,
      level1: '产出指标',
      level2: '数量指标',
      level3: '企业研发费用后补助项目数',
      unit: '项',
      halfYear: null,
      fullYear: { kind: 'numeric', operator: '>=', value: '360', unit: '项' },
    },
    {
      number: 2,
      level1: '产出指标',
      level2: '数量指标',
      level3: '新认定高企入库数',
      unit: '户',
      halfYear: null,
      fullYear: { kind: 'numeric', operator: '>=', value: '453', unit: '户' },
    },
    {
      number: 3,
      level1: '产出指标',
      level2: '质量指标',
      level3: '项目验收合格率',
      unit: '%',
      halfYear: null,
      fullYear: { kind: 'numeric', operator: '=', value: '100', unit: '%' },
    },
    {
      number: 4,
      level1: '产出指标',
      level2: '时效指标',
      level3: '验收完成时限',
      unit: '',
      halfYear: null,
      fullYear: { kind: 'date', operator: '<=', date: '2023-12-31' },
    },
    {
      number: 5,
      level1: '效益指标',
      level2: '社会效益指标',
      level3: '服务规范性',
      unit: '',
      halfYear: null,
      fullYear: { kind: 'qualitative', text: '规范' },
    },
  ],
};

describe('writeActualsTemplate', () => {
  it('lists the indicators with their full-year targets, 一级 / 二级 merged, actual columns empty', async () => {
    const buffer = await writeActualsTemplate(TABLE, { timestamp });
    const [sheet] = await writtenGrids(buffer);
    expect(sheet!.cells.slice(0, 5).map((r) => r[0])).toEqual([
      '市级科技发展专项资金绩效目标实际完成情况表',
      '项目名称：市级科技发展专项资金',
      '年度：2023',
      '主管部门：南昌市科学技术局',
      '序号',
    ]);
    expect(sheet!.cells[4]).toEqual(HEADER);
    expect(sheet!.cells.slice(5).map((r) => r.slice(0, 6))).toEqual([
      ['1', '产出指标', '数量指标', '企业研发费用后补助项目数', '≥360项', ''],
      ['2', '', '', '新认定高企入库数', '≥453户', ''],
      ['3', '', '质量指标', '项目验收合格率', '＝100%', ''],
      ['4', '', '时效指标', '验收完成时限', '≤2023年12月31日', ''],
      ['5', '效益指标', '社会效益指标', '服务规范性', '规范', ''],
    ]);
    const workbook = await writtenWorkbook(buffer);
    expect(mergesOf(workbook.worksheets[0]!)).toEqual(['A1:H1', 'A2:H2', 'A3:H3', 'A4:H4', 'B6:B9', 'C6:C7'].sort());
    expect(readActualsSheet(sheet!)).toEqual({
      sheet: '实际完成值',
      rows: [],
      problems: [],
      meta: { title: '市级科技发展专项资金绩效目标实际完成情况表', projectName: '市级科技发展专项资金', year: '2023' },
    });
  });

  it('gives the same bytes for the same table and timestamp', async () => {
    expect(
      (await writeActualsTemplate(TABLE, { timestamp })).equals(await writeActualsTemplate(TABLE, { timestamp })),
    ).toBe(true);
  });

  it('reads back what a department filled in the template, numbers and percentages as they print', async () => {
    const workbook = await writtenWorkbook(await writeActualsTemplate(TABLE, { timestamp, title: '实际完成情况' }));
    const sheet = workbook.worksheets[0]!;
    sheet.getCell('F6').value = '380项';
    sheet.getCell('F7').value = 440;
    sheet.getCell('G7').value = '部分企业未通过认定';
    sheet.getCell('F8').value = 1;
    // exceljs shares one style object between the cells of a loaded sheet that look alike.
    sheet.getCell('F8').style = { ...sheet.getCell('F8').style, numFmt: '0%' };
    sheet.getCell('F10').value = '规范';
    sheet.getCell('H10').value = '抽查 20 个项目';
    const [grid] = await writtenGrids(Buffer.from(await workbook.xlsx.writeBuffer()));
    const parsed = readActualsSheet(grid!);
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta.title).toBe('实际完成情况');
    expect(parsed.rows).toEqual([
      {
        row: 6,
        value: {
          level1: '产出指标',
          level2: '数量指标',
          level3: '企业研发费用后补助项目数',
          actual: '380项',
          deviationReason: '',
          note: '',
        },
      },
      {
        row: 7,
        value: {
          level1: '产出指标',
          level2: '数量指标',
          level3: '新认定高企入库数',
          actual: '440',
          deviationReason: '部分企业未通过认定',
          note: '',
        },
      },
      {
        row: 8,
        value: {
          level1: '产出指标',
          level2: '质量指标',
          level3: '项目验收合格率',
          actual: '100%',
          deviationReason: '',
          note: '',
        },
      },
      {
        row: 10,
        value: {
          level1: '效益指标',
          level2: '社会效益指标',
          level3: '服务规范性',
          actual: '规范',
          deviationReason: '',
          note: '抽查 20 个项目',
        },
      },
    ]);
  });
});

describe('readActualsSheet', () => {
  it.each([
    ['left blank under the row that names them', [], ['', '']],
    ['merged over their rows', ['B3:B5', 'C3:C4'], ['', '']],
    ['written on every row', [], ['产出指标', '数量指标']],
  ])('reads 一级 / 二级 %s and skips rows without an actual value', (_, merges, repeat) => {
    const sheet = grid(
      [
        ['2023年度绩效目标实际完成情况'],
        HEADER,
        ['1', '产出指标', '数量指标', '项目数', '≥360项', '380项', '', ''],
        ['2', repeat[0]!, repeat[1]!, '企业数', '≥453户', '', '', '年底统计'],
        ['3', repeat[0]!, repeat[0] ? '质量指标' : '', '验收时间', '≤2023年12月31日', '2023年11月30日', '', ''],
      ],
      merges,
    );
    const parsed = readActualsSheet(sheet);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.row, r.value.level1, r.value.level2, r.value.level3, r.value.actual])).toEqual([
      [3, '产出指标', '数量指标', '项目数', '380项'],
      [5, '产出指标', repeat[0] ? '质量指标' : '数量指标', '验收时间', '2023年11月30日'],
    ]);
  });

  it('reads headers written differently: 实际值, 偏差原因, 备注', () => {
    const parsed = readActualsSheet(
      grid([
        ['一级指标', '二级指标', '三级指标', '目标值', '实际值', '偏差原因分析', '备注'],
        ['产出指标', '数量指标', '项目数', '≥360项', '350项', '两个项目延期', '已督办'],
      ]),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]!.value).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      level3: '项目数',
      actual: '350项',
      deviationReason: '两个项目延期',
      note: '已督办',
    });
  });

  it('reports every bad row that has an actual value', () => {
    const parsed = readActualsSheet(
      grid([
        HEADER,
        ['1', '', '数量指标', '甲', '', '1', '', ''],
        ['2', '产出指标', '数量指标', '乙', '', '2', '', ''],
        ['3', '', '', '', '', '3', '', ''],
        ['4', '', '', '乙', '', '4', '', ''],
        ['5', '', '', '', '', '', '', '空行不是问题'],
      ]),
    );
    expect(parsed.problems).toEqual([
      problem(2, '一级指标', '一级指标为空'),
      problem(4, '三级指标', '三级指标为空'),
      problem(5, '三级指标', '三级指标“乙”与第 3 行重复'),
    ]);
    expect(parsed.rows.map((r) => r.row)).toEqual([3]);
  });

  it('reports a missing 实际完成值 column on the header row', () => {
    const parsed = readActualsSheet(grid([['标题'], ['序号', '一级指标', '二级指标', '三级指标', '全年目标值']]));
    expect(parsed.problems).toEqual([problem(2, '实际完成值', '缺少“实际完成值”列')]);
  });
});

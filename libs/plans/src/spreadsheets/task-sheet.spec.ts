import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Grid } from '@app/spreadsheets';
import { gridFromRows } from '@app/spreadsheets';
import { csvGrid, firstGrid, fixtureGrid } from './spec-helpers.js';
import { readTaskSheet, writeProgrammeTaskSheet, writeTaskSheet } from './task-sheet.js';
import type { TaskSheetRow } from './types.js';
import type { ParsedSheet } from '@app/spreadsheets';

const SECTIONS: [string, string, number, number][] = [
  ['一', '突出企业主体地位，提升研发覆盖广度', 1, 4],
  ['二', '加力研发强攻行动，提升社会投入强度', 5, 8],
  ['三', '深化科技体制改革，提升内生创新动力', 9, 12],
  ['四', '优化科技创新布局，提升重大平台能级', 13, 15],
  ['五', '推进共性技术攻关，提升产业创新能力', 16, 20],
  ['六', '实施首位产业引领，提升高新园区位势', 21, 23],
  ['七', '广聚各类优秀人才，提升创新创业活力', 24, 29],
];

const sources = [
  {
    name: 'fixture ganzhou-2023-tasks.xlsx',
    file: 'ganzhou-2023-tasks.xlsx',
    layout: 'office',
    firstRow: 5,
    placeholders: true,
  },
  {
    name: 'reference ganzhou-2023-tasks.csv',
    file: 'source/ganzhou-2023-tasks.csv',
    layout: 'flat',
    firstRow: 2,
    placeholders: false,
  },
];

describe.each(sources)('readTaskSheet on the $name', ({ file, layout, firstRow, placeholders }) => {
  let grid: Grid;
  let parsed: ParsedSheet<TaskSheetRow>;
  const task = (n: number) => parsed.rows.find((r) => r.value.number === n)!.value;
  beforeAll(async () => {
    grid = await fixtureGrid(file);
    parsed = readTaskSheet(grid);
  });

  it('reads all 29 tasks in order without problems', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta.layout).toBe(layout);
    expect(parsed.rows.map((r) => r.value.number)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(parsed.rows[0]!.row).toBe(firstRow);
  });

  it.each(SECTIONS)('puts section （%s）%s on tasks %i–%i', (number, title, from, to) => {
    for (let n = from; n <= to; n++) expect([task(n).sectionNumber, task(n).section]).toEqual([number, title]);
  });

  it('keeps the units and liaisons of the annex', () => {
    expect(parsed.rows.reduce((n, r) => n + r.value.leadUnits.length, 0)).toBe(29);
    expect(parsed.rows.reduce((n, r) => n + r.value.responsibleUnits.length, 0)).toBe(70);
    expect(parsed.rows.reduce((n, r) => n + r.value.liaisons.length, 0)).toBe(98);
    expect(task(24).responsibleUnits).toEqual([]);
    expect(task(24).leadUnits).toEqual(['市委人才办']);
    expect(task(2).responsibleUnits).toEqual(['市工信局', '市税务局']);
    expect(task(2).liaisons.map((l) => l.unit)).toEqual(['市科技局', '市工信局']);
    expect(task(17).liaisons[1]).toMatchObject({ unit: '市委组织部', section: '市人才服务中心人才服务一科' });
    expect(task(26).liaisons[6]).toMatchObject({ unit: '市住房服务中心', section: '' });
    expect(task(13).responsibleUnits).toEqual([
      '市自然资源局',
      '市发展改革委',
      '市住建局',
      '赣州城投集团',
      '章贡区人民政府',
      '赣州高新区管委会',
    ]);
    expect(task(18).leadUnits).toEqual(['市科技局']);
    expect(task(27).text).toContain('‘苏区之光’');
    expect(task(24).text).toContain('实训中心,建立健全');
  });

  it(placeholders ? 'has placeholder names and phones only' : 'has no names or phones', () => {
    for (const { value } of parsed.rows) {
      for (const liaison of value.liaisons) {
        expect(liaison.name).toBe(placeholders ? `联络员（${liaison.unit}）` : '');
        expect(liaison.phone).toBe(placeholders ? '0797-0000000' : '');
      }
    }
  });

  it('reads back the same rows from what writeTaskSheet writes', async () => {
    const buffer = await writeTaskSheet(
      parsed.rows.map((r) => r.value),
      { title: '2023年赣州市科技创新赋能行动任务清单', attachment: '附件1' },
    );
    const again = readTaskSheet(await firstGrid(buffer));
    expect(again.problems).toEqual([]);
    expect(again.meta).toMatchObject({
      title: '2023年赣州市科技创新赋能行动任务清单',
      attachment: '附件1',
      layout: 'office',
    });
    expect(again.rows.map((r) => r.value)).toEqual(parsed.rows.map((r) => r.value));
  });
});

it('the fixture holds the reference tasks with placeholder contacts', async () => {
  const fromCsv = readTaskSheet(await fixtureGrid('source/ganzhou-2023-tasks.csv')).rows.map((r) => r.value);
  const fromXlsx = readTaskSheet(await fixtureGrid('ganzhou-2023-tasks.xlsx')).rows.map((r) => r.value);
  expect(fromXlsx).toEqual(
    fromCsv.map((t) => ({
      ...t,
      liaisons: t.liaisons.map((l) => ({ ...l, name: `联络员（${l.unit}）`, phone: '0797-0000000' })),
    })),
  );
});

describe('readTaskSheet on office variants', () => {
  it('reads blank (unmerged) continuation rows, repeated 序号 rows, spaced units and headers with line breaks', () => {
    const grid = gridFromRows('附件1', [
      ['附件1'],
      ['2023年赣州市科技创新赋能行动任务清单'],
      ['序 号', '具体任务\n及要求', '牵头单位', '责任\n单位', '联络员'],
      ['（一）突出企业主体地位，提升研发覆盖广度'],
      ['1', '任务一', '市科技局', '市政府金融办\n市工信局', '市科技局 赋能办 张三 0797-1234567'],
      ['', '', '', '', '市政府金融办 综合科 李四'],
      ['2', '任务二', '市科技局', '市工信局       市税务局', '\n市科技局 赋能办 张三 '],
      ['(二)加力研发强攻行动，提升社会投入强度'],
      ['5', '任务五', '市工信局', '市科技局', '市工信局 科技科 王五'],
      ['5', '任务五', '市工信局', '市科技局', '市科技局 赋能办 张三'],
    ]);
    const parsed = readTaskSheet(grid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 5,
        value: {
          number: 1,
          sectionNumber: '一',
          section: '突出企业主体地位，提升研发覆盖广度',
          text: '任务一',
          leadUnits: ['市科技局'],
          responsibleUnits: ['市政府金融办', '市工信局'],
          liaisons: [
            { unit: '市科技局', section: '赋能办', name: '张三', phone: '0797-1234567' },
            { unit: '市政府金融办', section: '综合科', name: '李四', phone: '' },
          ],
        },
      },
      {
        row: 7,
        value: {
          number: 2,
          sectionNumber: '一',
          section: '突出企业主体地位，提升研发覆盖广度',
          text: '任务二',
          leadUnits: ['市科技局'],
          responsibleUnits: ['市工信局', '市税务局'],
          liaisons: [{ unit: '市科技局', section: '赋能办', name: '张三', phone: '' }],
        },
      },
      {
        row: 9,
        value: {
          number: 5,
          sectionNumber: '二',
          section: '加力研发强攻行动，提升社会投入强度',
          text: '任务五',
          leadUnits: ['市工信局'],
          responsibleUnits: ['市科技局'],
          liaisons: [
            { unit: '市工信局', section: '科技科', name: '王五', phone: '' },
            { unit: '市科技局', section: '赋能办', name: '张三', phone: '' },
          ],
        },
      },
    ]);
  });

  it('reads a section written in the task column and units listed one per row', () => {
    const grid = gridFromRows('附件1', [
      ['序号', '具体任务及要求', '牵头单位', '责任单位', '联络员'],
      ['', '（三）深化科技体制改革，提升内生创新动力'],
      ['9', '持续完善创新机制。', '市科技局', '市财政局', '市科技局 赋能办'],
      ['', '', '', '市人社局', '市财政局 教科文科'],
      ['', '', '', '', '市人社局 专技科'],
    ]);
    const parsed = readTaskSheet(grid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.value)).toEqual([
      {
        number: 9,
        sectionNumber: '三',
        section: '深化科技体制改革，提升内生创新动力',
        text: '持续完善创新机制。',
        leadUnits: ['市科技局'],
        responsibleUnits: ['市财政局', '市人社局'],
        liaisons: [
          { unit: '市科技局', section: '赋能办', name: '', phone: '' },
          { unit: '市财政局', section: '教科文科', name: '', phone: '' },
          { unit: '市人社局', section: '专技科', name: '', phone: '' },
        ],
      },
    ]);
  });

  it('reports a missing 牵头单位 column on the header row of an office sheet', () => {
    const grid = gridFromRows('附件1', [
      ['附件1'],
      ['任务清单'],
      ['序号', '具体任务及要求', '责任单位', '联络员'],
      ['1', '任务一', '市工信局', '市工信局 科技科'],
    ]);
    expect(readTaskSheet(grid)).toMatchObject({
      rows: [],
      problems: [{ sheet: '附件1', row: 3, column: '牵头单位', message: '缺少“牵头单位”列' }],
    });
  });

  it('reports a sheet with no header row on row 1', () => {
    const parsed = readTaskSheet(gridFromRows('x', [['随便写的'], ['1', '2']]));
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual([expect.objectContaining({ row: 1, column: '序号' })]);
  });
});

describe('readTaskSheet problems (flat CSV)', () => {
  const HEADER = '序号,分组,具体任务及要求,牵头单位,责任单位,联络员单位及科室';

  it('reports a missing 牵头单位 column and reads no rows', async () => {
    const parsed = readTaskSheet(
      await csvGrid('序号,分组,具体任务及要求,责任单位\r\n1,组,任务,市科技局\r\n', 'tasks.csv'),
    );
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual([{ sheet: 'tasks', row: 1, column: '牵头单位', message: '缺少“牵头单位”列' }]);
  });

  it.each([
    [
      'a repeated task number (on the second occurrence)',
      '2,组,任务三,市工信局,,',
      { row: 4, column: '序号', message: '序号 2 与第 3 行重复' },
    ],
    ['an empty 序号', ',组,任务三,市工信局,,', { row: 4, column: '序号', message: '序号为空' }],
    [
      'a 序号 that is not an integer',
      '3.5,组,任务三,市工信局,,',
      { row: 4, column: '序号', message: '序号“3.5”不是整数' },
    ],
    ['an empty task text', '3,组,,市工信局,,', { row: 4, column: '具体任务及要求', message: '具体任务及要求为空' }],
    ['no lead unit', '3,组,任务三,,市科技局,', { row: 4, column: '牵头单位', message: '缺少牵头单位' }],
  ])('reports %s with its row and column', async (_name, line, problem) => {
    const text = [HEADER, '1,组,任务一,市科技局,,市科技局 赋能办', '2,组,任务二,市科技局,市工信局,', line].join('\r\n');
    const parsed = readTaskSheet(await csvGrid(text, 'tasks.csv'));
    expect(parsed.problems).toEqual([{ sheet: 'tasks', ...problem }]);
    expect(parsed.rows.map((r) => [r.row, r.value.number])).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });
});

const PROGRAMME_SECTIONS = [
  '实施创新平台能级提升工程',
  '实施科技企业培育壮大工程',
  '实施创新人才引育集聚工程',
  '实施科技成果转化攻坚工程',
  '实施创新开放合作拓展工程',
  '实施创新生态环境优化工程',
  '区域布局',
];

describe.each([
  { name: 'fixture nanchang-2023-tasks.xlsx', file: 'nanchang-2023-tasks.xlsx' },
  { name: 'reference nanchang-2023-tasks.csv', file: 'source/nanchang-2023-tasks.csv' },
])('readTaskSheet on the $name (programme layout)', ({ file }) => {
  let parsed: ParsedSheet<TaskSheetRow>;
  beforeAll(async () => {
    parsed = readTaskSheet(await fixtureGrid(file));
  });

  it('reads 27 tasks numbered in sheet order, sections from 工程', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta.layout).toBe('programme');
    expect(parsed.rows.map((r) => r.value.number)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect([...new Set(parsed.rows.map((r) => `${r.value.sectionNumber} ${r.value.section}`))]).toEqual(
      PROGRAMME_SECTIONS.map((s, i) => `${'一二三四五六七'[i]} ${s}`),
    );
  });

  it('joins 任务名称 and 具体内容 and keeps the group names as the units', () => {
    const first = parsed.rows[0]!.value;
    expect(first.text.startsWith('布局重大科技战略力量。实施重大创新平台升级行动')).toBe(true);
    expect(first.leadUnits).toEqual(['市科技局']);
    expect(first.responsibleUnits.slice(-3)).toEqual(['各县区', '开发区', '湾里管理局']);
    expect(parsed.rows[25]!.value.leadUnits).toEqual(['南昌经开区', '小蓝经开区']);
    expect(parsed.rows[26]!.value).toMatchObject({
      section: '区域布局',
      leadUnits: ['各县区', '开发区', '湾里管理局'],
      liaisons: [],
    });
  });
});

describe('readTaskSheet programme layout', () => {
  const HEADER = ['工程', '任务名称', '具体内容', '牵头单位', '责任单位'];

  it('reports an empty 工程, 任务名称 or 牵头单位 by row and reads the other rows', () => {
    const parsed = readTaskSheet(
      gridFromRows('重点任务', [
        HEADER,
        ['甲工程', '任务一', '内容。', '市科技局', '各县区'],
        ['', '任务二', '内容。', '市科技局', ''],
        ['甲工程', '', '内容。', '市科技局', ''],
        ['乙工程', '任务四', '', '', '市工信局'],
        ['乙工程', '任务五', '', '市工信局', ''],
      ]),
    );
    expect(parsed.problems).toEqual([
      { sheet: '重点任务', row: 3, column: '工程', message: '工程为空' },
      { sheet: '重点任务', row: 4, column: '任务名称', message: '任务名称为空' },
      { sheet: '重点任务', row: 5, column: '牵头单位', message: '缺少牵头单位' },
    ]);
    expect(parsed.rows.map((r) => [r.row, r.value.number, r.value.sectionNumber, r.value.text])).toEqual([
      [2, 1, '一', '任务一。内容。'],
      [6, 2, '二', '任务五'],
    ]);
  });

  it('writes the layout back so that it reads the same', async () => {
    const parsed = readTaskSheet(await fixtureGrid('source/nanchang-2023-tasks.csv'));
    const rows = parsed.rows.map((r) => r.value);
    const again = readTaskSheet(await firstGrid(await writeProgrammeTaskSheet(rows, { title: '重点任务' })));
    expect(again.problems).toEqual([]);
    expect(again.rows.map((r) => r.value)).toEqual(rows);
  });
});

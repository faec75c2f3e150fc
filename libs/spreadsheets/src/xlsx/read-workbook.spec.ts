import { describe, expect, it } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { SpreadsheetError } from '../errors.js';
import { loadGrid } from '../grid.js';
import { DEFAULT_SPREADSHEET_LIMITS, type SpreadsheetLimits } from '../limits.js';
import {
  bombEntry,
  escapeXml,
  oneSheetWorkbook,
  sharedStringsXml,
  sheetXml,
  stylesXml,
  withDeclaredSize,
  type WorkbookSheet,
  workbookEntries,
  zipOf,
} from './spec-workbooks.js';

async function refusal(buffer: Buffer, limits: Partial<SpreadsheetLimits> = {}): Promise<{ error: SpreadsheetError }> {
  try {
    await loadGrid(buffer, 'upload.xlsx', limits);
  } catch (error) {
    if (error instanceof SpreadsheetError) return { error };
    throw error;
  }
  throw new Error('expected a SpreadsheetError');
}

/** Two cells the way the outside tester made them: A1, and one far away. */
async function twoCellWorkbook(far: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.getCell('A1').value = '标题';
  sheet.getCell(far).value = 1;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/** A 1 MiB block of spaces deflates to ~1 KB: 4,000 of them make a 4 MB file that inflates to 4 GB. */
function zipBomb(megabytes = 4000): Buffer {
  const entries = workbookEntries([
    { name: 'Sheet1', target: 'worksheets/sheet1.xml', path: 'xl/worksheets/sheet1.xml', sheetId: 1, xml: '' },
  ]);
  return zipOf([
    ...entries.filter((e) => !e.name.startsWith('xl/worksheets/')),
    bombEntry('xl/worksheets/sheet1.xml', SHEET_HEAD, megabytes),
  ]);
}

// Each refusal names the limit that stopped the reader: a column, row or cell limit before any grid is made, the
// compression ratio after about a megabyte, the per-entry byte count at 8 MB. That the limit is the early one is the
// proof the whole file was not inflated; how fast it is refused is measured in bench/, not asserted here (a timing
// bound failed this spec on a busy 2-core machine).
describe('readXlsx: hostile workbooks are refused at once', () => {
  it('refuses a cell in column XFD before making any grid (the 1.6 KB file that ran the API out of memory)', async () => {
    const file = await twoCellWorkbook('XFD40000');
    expect(file.length).toBeLessThan(8 * 1024);
    await refusal(await twoCellWorkbook('XFD2')); // the first read of a process compiles the reader
    const { error } = await refusal(file);
    expect(error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxColumns' });
    expect(error.message).toBe('工作表“Sheet1”超过 256 列上限（XFD40000 有内容）');
  });

  it('refuses a sheet whose text spans more rows than allowed', async () => {
    const { error } = await refusal(await twoCellWorkbook('B100001'));
    expect(error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxRows' });
    expect(error.message).toContain('超过 100000 行上限（B100001 有内容）');
  });

  it('refuses a sparse sheet whose dense grid would pass the cell limit (A1 and IV100000)', async () => {
    const { error } = await refusal(await twoCellWorkbook('IV100000'));
    expect(error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxCells' });
    expect(error.message).toContain('超过 1000000 个单元格上限');
  });

  it('counts the cells of every sheet together', async () => {
    const sheet = (n: number): WorkbookSheet => ({
      name: `S${n}`,
      target: `worksheets/sheet${n}.xml`,
      path: `xl/worksheets/sheet${n}.xml`,
      sheetId: n,
      xml: sheetXml([{ ref: 'J10', n: 1 }]),
    });
    const file = zipOf(workbookEntries([1, 2, 3].map(sheet)));
    expect((await loadGrid(file, 'x.xlsx', { maxCells: 300 })).map((g) => g.cells.length)).toEqual([10, 10, 10]);
    expect((await refusal(file, { maxCells: 299 })).error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxCells' });
  });

  it('refuses a zip bomb by its compression ratio after inflating about a megabyte', async () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeGreaterThan(3_500_000);
    const { error } = await refusal(bomb);
    expect(error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxCompressionRatio' });
    expect(error.message).toBe('工作簿中的“xl/worksheets/sheet1.xml”压缩比超过 200 倍上限，疑似压缩炸弹');
  });

  it('counts inflated bytes itself: a central directory and local header that lie about the size change nothing', async () => {
    const liar = withDeclaredSize(zipBomb(), 'xl/worksheets/sheet1.xml', 1000);
    expect(liar.readUInt32LE(liar.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46 + 24)).toBe(1000);
    const { error } = await refusal(liar);
    expect(error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxCompressionRatio' });
    // Without the ratio check, the per-entry byte count still stops it, long before the declared size or the real one.
    const counted = await refusal(liar, { maxCompressionRatio: 1e9, maxEntryInflatedBytes: 8 * 1024 * 1024 });
    expect(counted.error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxEntryInflatedBytes' });
    expect(counted.error.message).toBe('工作簿中的“xl/worksheets/sheet1.xml”解压后超过 8 MB 上限');
  });

  it('counts inflated bytes across entries against the total', async () => {
    const padded = (n: number): WorkbookSheet => ({
      name: `S${n}`,
      target: `worksheets/sheet${n}.xml`,
      path: `xl/worksheets/sheet${n}.xml`,
      sheetId: n,
      xml: sheetXml([{ ref: 'A1', n }], [], `<!--${'x'.repeat(3 * 1024 * 1024)}-->`),
    });
    const file = zipOf(workbookEntries([1, 2, 3].map(padded)));
    expect(
      await loadGrid(file, 'x.xlsx', { maxInflatedBytes: 10 * 1024 * 1024, maxCompressionRatio: 1e9 }),
    ).toHaveLength(3);
    const { error } = await refusal(file, { maxInflatedBytes: 8 * 1024 * 1024, maxCompressionRatio: 1e9 });
    expect(error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxInflatedBytes' });
    expect(error.message).toBe('工作簿解压后超过 8 MB 上限');
  });

  it('refuses more sheets than allowed while reading the workbook part', async () => {
    const sheets = Array.from({ length: 65 }, (_, i): WorkbookSheet => ({
      name: `表${i + 1}`,
      target: `worksheets/sheet${i + 1}.xml`,
      path: `xl/worksheets/sheet${i + 1}.xml`,
      sheetId: i + 1,
      xml: sheetXml([{ ref: 'A1', n: i }]),
    }));
    const { error } = await refusal(zipOf(workbookEntries(sheets)));
    expect(error).toMatchObject({ code: 'TOO_LARGE', limit: 'maxSheets', message: '工作簿的工作表超过 64 个上限' });
    expect(await loadGrid(zipOf(workbookEntries(sheets.slice(0, 64))), 'x.xlsx')).toHaveLength(64);
  });

  it('refuses more shared strings than allowed, however few the table declares', async () => {
    expect(DEFAULT_SPREADSHEET_LIMITS.maxSharedStrings).toBe(500_000);
    const strings = Array.from({ length: 1001 }, (_, i) => String(i));
    const xml = sharedStringsXml(strings).replace(/count="\d+" uniqueCount="\d+"/, 'count="1" uniqueCount="1"');
    const file = zipOf(
      workbookEntries(
        [
          {
            name: 'Sheet1',
            target: 'worksheets/sheet1.xml',
            path: 'xl/worksheets/sheet1.xml',
            sheetId: 1,
            xml: sheetXml([{ ref: 'A1', s: 0 }]),
          },
        ],
        { sharedStrings: xml },
      ),
    );
    const { error } = await refusal(file, { maxSharedStrings: 1000 });
    expect(error).toMatchObject({
      code: 'TOO_LARGE',
      limit: 'maxSharedStrings',
      message: '工作簿的共享字符串超过 1000 个上限',
    });
    expect(await loadGrid(file, 'x.xlsx', { maxSharedStrings: 1001 })).toHaveLength(1);
  });

  it('refuses a text longer than Excel allows, shared or inline', async () => {
    const long = '长'.repeat(32_768);
    expect((await refusal(oneSheetWorkbook(sheetXml([{ ref: 'A1', s: 0 }]), [long]))).error).toMatchObject({
      code: 'TOO_LARGE',
      limit: 'maxTextLength',
    });
    const inline = sheetXml([{ ref: 'C2', xml: `<c r="C2" t="inlineStr"><is><t>${long}</t></is></c>` }]);
    const { error } = await refusal(oneSheetWorkbook(inline));
    expect(error).toMatchObject({
      code: 'TOO_LARGE',
      limit: 'maxTextLength',
      message: '工作表“Sheet1”的单元格 C2 超过 32767 个字符上限',
    });
    const [grid] = await loadGrid(oneSheetWorkbook(sheetXml([{ ref: 'A1', s: 0 }]), ['长'.repeat(32_767)]), 'x.xlsx');
    expect(grid!.cells[0]![0]).toHaveLength(32_767);
  });

  it('refuses a truncated archive, a wrong checksum and two entries of one name as CORRUPT', async () => {
    const good = oneSheetWorkbook(sheetXml([{ ref: 'A1', s: 0 }]), ['甲']);
    expect((await refusal(good.subarray(0, good.length - 30))).error.code).toBe('CORRUPT');
    const sheetAt = good.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 30;
    const badCrc = Buffer.from(good);
    badCrc.writeUInt32LE(good.readUInt32LE(sheetAt + 14) ^ 1, sheetAt + 14);
    const central = badCrc.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    badCrc.writeUInt32LE(good.readUInt32LE(central + 16) ^ 1, central + 16);
    expect((await refusal(badCrc)).error.code).toBe('CORRUPT');
    const entries = workbookEntries([
      {
        name: 'Sheet1',
        target: 'worksheets/sheet1.xml',
        path: 'xl/worksheets/sheet1.xml',
        sheetId: 1,
        xml: sheetXml([{ ref: 'A1', n: 1 }]),
      },
    ]);
    const twice = zipOf([...entries, { name: 'xl/worksheets/sheet1.xml', data: sheetXml([{ ref: 'A1', n: 2 }]) }]);
    expect((await refusal(twice)).error.code).toBe('CORRUPT');
  });

  it('refuses XML with an entity declaration instead of expanding it', async () => {
    const laughs =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>` +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>`;
    const file = zipOf(
      workbookEntries(
        [
          {
            name: 'Sheet1',
            target: 'worksheets/sheet1.xml',
            path: 'xl/worksheets/sheet1.xml',
            sheetId: 1,
            xml: sheetXml([{ ref: 'A1', s: 0 }]),
          },
        ],
        { sharedStrings: laughs },
      ),
    );
    expect((await refusal(file)).error.code).toBe('CORRUPT');
  });
});

describe('readXlsx: control characters', () => {
  const inline = (ref: string, text: string) => ({
    ref,
    xml: `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`,
  });

  it.each([
    ['_x0000_', 'U+0000'],
    ['_x0001_', 'U+0001'],
    ['_x0008_', 'U+0008'],
    ['_x000B_', 'U+000B'],
    ['_x000c_', 'U+000C'],
    ['_x001F_', 'U+001F'],
  ])('refuses a shared string decoding to a control character (%s), naming the cell', async (escape, code) => {
    const file = oneSheetWorkbook(
      sheetXml([
        { ref: 'A1', s: 0 },
        { ref: 'B3', s: 1 },
      ]),
      ['标题', `报告${escape}正文`],
    );
    const { error } = await refusal(file);
    expect(error).toMatchObject({ code: 'CONTROL_CHARACTER', cell: 'Sheet1!B3' });
    expect(error.message).toBe(`单元格 Sheet1!B3 含有不可见的控制字符（${code}），请删除后重新上传`);
  });

  it('refuses it in an inline string and in a formula result too', async () => {
    expect((await refusal(oneSheetWorkbook(sheetXml([inline('C7', 'a_x0000_b')])))).error).toMatchObject({
      code: 'CONTROL_CHARACTER',
      cell: 'Sheet1!C7',
    });
    const formula = { ref: 'D2', xml: '<c r="D2" t="str"><f>CHAR(1)</f><v>_x0001_</v></c>' };
    expect((await refusal(oneSheetWorkbook(sheetXml([formula])))).error).toMatchObject({
      code: 'CONTROL_CHARACTER',
      cell: 'Sheet1!D2',
    });
  });

  it('keeps TAB, LF and CR (as a line break), and an escaped escape as text', async () => {
    const file = oneSheetWorkbook(
      sheetXml([
        inline('A1', '甲_x0009_乙'),
        inline('A2', '第一行_x000D__x000A_第二行'),
        inline('A3', '_x005F_x0000_'),
      ]),
    );
    const [grid] = await loadGrid(file, 'x.xlsx');
    expect(grid!.cells).toEqual([['甲\t乙'], ['第一行\n第二行'], ['_x0000_']]);
  });

  it('does not decode _xHHHH_ in a CSV, so a CSV cannot smuggle U+0000 in either', async () => {
    const [grid] = await loadGrid(Buffer.from('序号,名称\r\n1,a_x0000_b\r\n', 'utf8'), 'x.csv');
    expect(grid!.cells[1]![1]).toBe('a_x0000_b');
  });
});

describe('readXlsx: packaging the way Excel does it', () => {
  // Tab order 封面, 任务, 说明; files numbered otherwise; sheetIds matching neither; targets
  // relative, absolute and with `..`; the workbook part first in the archive, sheets after it in
  // reverse; every sheet with merges of its own.
  const sheets: WorkbookSheet[] = [
    {
      name: '封面',
      sheetId: 7,
      target: 'worksheets/sheet3.xml',
      path: 'xl/worksheets/sheet3.xml',
      xml: sheetXml(
        [
          { ref: 'A1', s: 0 },
          { ref: 'A2', s: 1 },
        ],
        ['A1:D1', 'A2:B3'],
      ),
    },
    {
      name: '任务',
      sheetId: 1,
      target: '/xl/worksheets/sheet1.xml',
      path: 'xl/worksheets/sheet1.xml',
      xml: sheetXml(
        [
          { ref: 'A1', s: 2 },
          { ref: 'B1', s: 3 },
          { ref: 'A2', n: 1 },
          { ref: 'B2', s: 4 },
        ],
        ['A2:A4'],
      ),
    },
    {
      name: '说明',
      sheetId: 3,
      target: '../xl/worksheets/sheet2.xml',
      path: 'xl/worksheets/sheet2.xml',
      xml: sheetXml([{ ref: 'B2', s: 5 }], ['B2:C2', 'B3:B5']),
    },
  ];
  const strings = ['封面标题', '赣州市', '序号', '具体任务', '力争入库科技型中小企业', '备注'];

  it('reads every sheet in tab order with the merges of its own part, every time', async () => {
    const file = zipOf(workbookEntries(sheets, { sharedStrings: sharedStringsXml(strings), entryOrder: [2, 1, 0] }));
    expect(file.subarray(30, 30 + 'xl/workbook.xml'.length).toString()).toBe('xl/workbook.xml');
    for (let run = 0; run < 20; run++) {
      const grids = await loadGrid(file, 'excel.xlsx');
      expect(grids).toEqual([
        {
          sheet: '封面',
          cells: [['封面标题'], ['赣州市']],
          merges: [
            { top: 0, left: 0, bottom: 0, right: 3 },
            { top: 1, left: 0, bottom: 2, right: 1 },
          ],
        },
        {
          sheet: '任务',
          cells: [
            ['序号', '具体任务'],
            ['1', '力争入库科技型中小企业'],
          ],
          merges: [{ top: 1, left: 0, bottom: 3, right: 0 }],
        },
        {
          sheet: '说明',
          cells: [
            ['', ''],
            ['', '备注'],
          ],
          merges: [{ top: 1, left: 1, bottom: 1, right: 2 }],
        },
      ]);
    }
  });

  it('finds the workbook through the package relationships, parts named as any producer names them', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const file = zipOf([
      {
        name: '_rels/.rels',
        data:
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="r" Type="${REL}/officeDocument" Target="/Book/Main.xml"/></Relationships>`,
      },
      {
        name: 'Book/Main.xml',
        data:
          `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="${REL}">` +
          `<x:sheets><x:sheet name="数据" sheetId="9" rel:id="a"/></x:sheets></x:workbook>`,
      },
      {
        name: 'Book/_rels/Main.xml.rels',
        data:
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="a" Type="${REL}/worksheet" Target="Sheets%20Folder\\Data.xml"/></Relationships>`,
      },
      {
        name: 'Book/Sheets Folder/Data.xml',
        data:
          `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
          `<x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>` +
          `<x:row><x:c r="C2"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
        store: true,
      },
    ]);
    expect(await loadGrid(file, 'x.xlsx')).toEqual([
      {
        sheet: '数据',
        cells: [
          ['甲', '2', ''],
          ['', '', '3'],
        ],
        merges: [],
      },
    ]);
  });

  it('leaves chart sheets out and refuses a sheet whose part is missing', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const entries = workbookEntries([sheets[1]!], { sharedStrings: sharedStringsXml(strings) });
    const withChart = entries.map((e) =>
      e.name === 'xl/workbook.xml'
        ? {
            ...e,
            data: String(e.data).replace('</sheets>', '<sheet name="图表" sheetId="2" r:id="rIdChart"/></sheets>'),
          }
        : e.name === 'xl/_rels/workbook.xml.rels'
          ? {
              ...e,
              data: String(e.data).replace(
                '</Relationships>',
                `<Relationship Id="rIdChart" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
              ),
            }
          : e,
    );
    const grids = await loadGrid(zipOf(withChart), 'x.xlsx');
    expect(grids.map((g) => g.sheet)).toEqual(['任务']);
    const missing = zipOf(workbookEntries([sheets[1]!]).filter((e) => !e.name.startsWith('xl/worksheets/')));
    expect((await refusal(missing)).error.code).toBe('CORRUPT');
  });
});

describe('readXlsx: cell values', () => {
  it('prints numbers by their format: built-in and custom, fixed decimals, percentages, dates as a Chinese Excel shows them in both date systems', async () => {
    // cell formats: 0 General, 1 '0.00' (built-in 2), 2 '0.00%' (built-in 10), 3 date (built-in 14),
    // 4 custom yyyy"年"m"月"d"日", 5 custom '#,##0.0', 6 East Asian date (built-in 31), 7 '[Red]0.00'
    const styles = stylesXml([0, 2, 10, 14, 164, 165, 31, 166], {
      164: 'yyyy"年"m"月"d"日"',
      165: '#,##0.0',
      166: '[Red]0.00',
    });
    const cells = sheetXml([
      { ref: 'A1', n: '0.30000000000000004' },
      { ref: 'B1', n: 1.8, style: 1 },
      { ref: 'C1', n: 0.0237, style: 2 },
      { ref: 'D1', n: 44941, style: 3 },
      { ref: 'E1', n: 44941.75, style: 4 },
      { ref: 'F1', n: 1234.5, style: 5 },
      { ref: 'G1', n: 44941, style: 6 },
      { ref: 'H1', n: 6, style: 7 },
      { ref: 'A2', xml: '<c r="A2" t="b"><v>1</v></c>' },
      { ref: 'B2', xml: '<c r="B2" t="b"><v>0</v></c>' },
      { ref: 'C2', xml: '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>' },
      { ref: 'D2', xml: '<c r="D2"><f>SUM(A1:C1)</f><v>3</v></c>' },
      { ref: 'E2', xml: '<c r="E2" t="str"><f>A3&amp;""</f><v>市科技局</v></c>' },
      { ref: 'F2', xml: '<c r="F2" t="d"><v>2023-01-15T00:00:00Z</v></c>' },
      { ref: 'G2', xml: '<c r="G2" s="1"><f>B1</f></c>' },
      { ref: 'A3', xml: '<c r="A3" t="s"><v>0</v></c>' },
      {
        ref: 'B3',
        xml:
          '<c r="B3" t="inlineStr"><is><r><t>甲</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 乙 </t></r>' +
          '<rPh sb="0" eb="1"><t>こう</t></rPh></is></c>',
      },
    ]);
    const richStrings =
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>市科技局</t></r>` +
      `<r><rPr><b/></rPr><t>&#13;&#10;市工信局</t></r><rPh><t>フリガナ</t></rPh></si></sst>`;
    const file = zipOf(
      workbookEntries(
        [{ name: 'Sheet1', target: 'worksheets/sheet1.xml', path: 'xl/worksheets/sheet1.xml', sheetId: 1, xml: cells }],
        { sharedStrings: richStrings, styles },
      ),
    );
    const [grid] = await loadGrid(file, 'x.xlsx');
    expect(grid!.cells).toEqual([
      ['0.3', '1.80', '2.37%', '2023/1/15', '2023年1月15日', '1234.5', '2023年1月15日', '6.00'],
      ['TRUE', 'FALSE', '#DIV/0!', '3', '市科技局', '2023-01-15', '', ''],
      ['市科技局\n市工信局', '甲 乙', '', '', '', '', '', ''],
    ]);
    const mac = zipOf(
      workbookEntries(
        [
          {
            name: 'Sheet1',
            target: 'worksheets/sheet1.xml',
            path: 'xl/worksheets/sheet1.xml',
            sheetId: 1,
            xml: sheetXml([{ ref: 'A1', n: 43479, style: 1 }]),
          },
        ],
        { styles: stylesXml([0, 14]), workbookPr: '<workbookPr date1904="1"/>' },
      ),
    );
    expect((await loadGrid(mac, 'x.xlsx'))[0]!.cells).toEqual([['2023/1/15']]);
  });

  it('refuses a shared-string index outside the table', async () => {
    expect((await refusal(oneSheetWorkbook(sheetXml([{ ref: 'A1', s: 3 }]), ['甲']))).error.code).toBe('CORRUPT');
  });
});

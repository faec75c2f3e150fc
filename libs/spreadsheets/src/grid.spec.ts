import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { cellAt, formatNumber, gridFromRows, loadGrid, mergeAt, valueAt } from './grid.js';
import { SpreadsheetError } from './errors.js';
import { compoundFile, fixtureBuffer, noiseBytes } from './spec-helpers.js';

async function errorOf(promise: Promise<unknown>): Promise<SpreadsheetError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpreadsheetError) return error;
    throw error;
  }
  throw new Error('expected a SpreadsheetError');
}

async function sampleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件1');
  sheet.getCell('A1').value = '  标题  ';
  sheet.mergeCells('A1:C1');
  sheet.getCell('A2').value = 0.1 + 0.2;
  sheet.getCell('B2').value = 1.8;
  sheet.getCell('B2').numFmt = '0.00';
  sheet.getCell('C2').value = 0.0237;
  sheet.getCell('C2').numFmt = '0.00%';
  sheet.getCell('A3').value = new Date(Date.UTC(2023, 0, 15));
  sheet.getCell('B3').value = { richText: [{ text: '市科技局' }, { text: '\r\n市工信局', font: { bold: true } }] };
  sheet.getCell('C3').value = { formula: 'A2*10', result: 3 };
  sheet.getCell('A4').value = { text: '链接', hyperlink: 'https://example.org' };
  sheet.getCell('B4').value = true;
  sheet.getCell('C4').value = '第一行_x000D_\n第二行';
  sheet.getCell('A5').value = 2000;
  sheet.getCell('B5').value = 'x';
  sheet.mergeCells('B5:B7');
  workbook.addWorksheet('说明').getCell('A1').value = '备注';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('loadGrid', () => {
  it('reads every worksheet of an .xlsx as printed text, merges kept apart', async () => {
    const [sheet, notes] = await loadGrid(await sampleWorkbook(), 'upload.xlsx');
    expect(sheet!.sheet).toBe('附件1');
    expect(sheet!.cells).toEqual([
      ['标题', '', ''],
      ['0.3', '1.80', '2.37%'],
      // exceljs gives a Date the built-in format 14, which a Chinese Excel shows as 2023/1/15.
      ['2023/1/15', '市科技局\n市工信局', '3'],
      ['链接', 'TRUE', '第一行\n第二行'],
      ['2000', 'x', ''],
    ]);
    expect(sheet!.merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, bottom: 0, right: 2 },
        { top: 4, left: 1, bottom: 6, right: 1 },
      ]),
    );
    expect(notes).toEqual({ sheet: '说明', cells: [['备注']], merges: [] });
  });

  it('reads a CSV as one sheet named after the file, trimmed and padded', async () => {
    const grids = await loadGrid(Buffer.from('\ufeff序号, 名称 ,备注\r\n1,"甲\n乙"\r\n', 'utf8'), 'dir/任务清单.csv');
    expect(grids).toEqual([
      {
        sheet: '任务清单',
        cells: [
          ['序号', '名称', '备注'],
          ['1', '甲\n乙', ''],
        ],
        merges: [],
      },
    ]);
  });

  it('decides by content: a CSV named .xlsx is still read as CSV', async () => {
    const grids = await loadGrid(Buffer.from('a,b\r\n', 'utf8'), 'renamed.xlsx');
    expect(grids[0]!.cells).toEqual([['a', 'b']]);
  });

  it.each([
    ['random bytes', noiseBytes(4096), 'data.xlsx', 'WRONG_TYPE'],
    [
      'a PDF',
      Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), noiseBytes(256)]),
      '方案.pdf',
      'WRONG_TYPE',
    ],
    ['text with binary control characters', Buffer.from('a,b\u0000\u0001', 'utf8'), 'x.csv', 'WRONG_TYPE'],
    ['an empty file', Buffer.alloc(0), 'x.csv', 'EMPTY'],
  ])('refuses %s', async (_name, buffer, filename, code) => {
    const error = await errorOf(loadGrid(buffer, filename));
    expect(error.code).toBe(code);
    if (code === 'WRONG_TYPE') expect(error.message).toBe('文件类型不支持，请上传 .xlsx 或 .csv 文件');
  });

  it.each([
    ['named .xls', '任务清单.xls'],
    ['renamed .xlsx', '任务清单.xlsx'],
    ['without an extension', '任务清单'],
  ])('refuses an Excel 97-2003 workbook (OLE2) %s, saying to save it as .xlsx', async (_name, filename) => {
    const error = await errorOf(loadGrid(compoundFile(['Workbook']), filename));
    expect(error.code).toBe('WRONG_TYPE');
    expect(error.message).toBe(
      '这是旧版 Excel 97-2003 工作簿（.xls），系统无法读取：' +
        '请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后重新上传',
    );
  });

  it('refuses an .xlsx with a password to open (an OLE2 file holding EncryptedPackage), saying to remove the password', async () => {
    const error = await errorOf(loadGrid(compoundFile(['EncryptionInfo', 'EncryptedPackage']), '任务清单.xlsx'));
    expect(error.code).toBe('WRONG_TYPE');
    expect(error.message).toBe(
      '工作簿设有打开密码，系统无法读取：请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后重新上传',
    );
  });

  it('reports a truncated .xlsx as CORRUPT', async () => {
    const whole = await fixtureBuffer('ganzhou-2023-tasks.xlsx');
    const error = await errorOf(loadGrid(whole.subarray(0, Math.floor(whole.length / 2)), 'ganzhou-2023-tasks.xlsx'));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toBe('文件已损坏或不是有效的 Excel 工作簿');
  });

  it('reports a ZIP header followed by garbage as CORRUPT', async () => {
    const error = await errorOf(
      loadGrid(Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), noiseBytes(300)]), 'x.xlsx'),
    );
    expect(error.code).toBe('CORRUPT');
  });
});

describe('merges', () => {
  const grid = gridFromRows(
    't',
    [
      ['标题', '', ''],
      ['1', '任务', '联络员甲'],
      ['', '', '联络员乙'],
    ],
    [
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 2, right: 1 },
    ],
  );
  it.each([
    [0, 2, '', '标题'],
    [2, 0, '', '1'],
    [2, 1, '', '任务'],
    [2, 2, '联络员乙', '联络员乙'],
    [9, 9, '', ''],
  ])('cell (%i,%i): raw %j, resolved %j', (r, c, raw, resolved) => {
    expect(cellAt(grid, r, c)).toBe(raw);
    expect(valueAt(grid, r, c)).toBe(resolved);
  });
  it('finds the range of a cell', () => {
    expect(mergeAt(grid, 2, 1)).toEqual({ top: 1, left: 1, bottom: 2, right: 1 });
    expect(mergeAt(grid, 2, 2)).toBeUndefined();
  });
});

describe('formatNumber', () => {
  it.each([
    [0.1 + 0.2, undefined, '0.3'],
    [2000, undefined, '2000'],
    [1.8, '0.00', '1.80'],
    [6, '0.0', '6.0'],
    [1234.5, '#,##0.00', '1234.50'],
    [0.0237, '0.00%', '2.37%'],
    [1.005, '0.00', '1.01'],
    [719700, 'General', '719700'],
    [16.46, undefined, '16.46'],
    [-0.5, undefined, '-0.5'],
  ])('%d with %s → %s', (value, format, expected) => {
    expect(formatNumber(value, format)).toBe(expected);
  });
});

describe('loadGrid on a large workbook', () => {
  it('keeps every Chinese character whole across the streaming reader chunks', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('分解表');
    const expected: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const text = `赣州市第${i}号测试县科技创新赋能行动指标${'研发'.repeat(i % 7)}`;
      expected.push(text);
      sheet.addRow([text, i]);
    }
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const [grid] = await loadGrid(buffer, 'large.xlsx');
    const read = grid!.cells.map((row) => row[0]);
    expect(read.filter((t) => t?.includes('\uFFFD'))).toEqual([]);
    expect(read).toEqual(expected);
  });
});

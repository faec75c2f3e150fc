import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SPREADSHEET_LIMITS, SpreadsheetError, loadGrid, readInWorker } from '@app/spreadsheets';
import { oneSheetWorkbook, sheetXml } from '../../../spreadsheets/src/xlsx/spec-workbooks.js';
import { fixtureBuffer } from '../spreadsheets/spec-helpers.js';
import { breakdown, sheetReader } from './sheet-readers.js';

describe('the plan layout readers in the spreadsheet worker', () => {
  it('reads an upload and runs the layout reader in the worker thread, from the TypeScript sources', async () => {
    const parsed = await readInWorker<{ rows: unknown[]; problems: unknown[] }>(
      await fixtureBuffer('ganzhou-2023-tasks.xlsx'),
      'tasks.xlsx',
      DEFAULT_SPREADSHEET_LIMITS,
      sheetReader('tasks'),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(29);
  }, 30_000);

  it('sends a long sheet’s rows over in batches and gives them back whole and in order', async () => {
    const csv = Buffer.from(
      `单位,指标名称,计量单位,2023\r\n${Array.from({ length: 345 }, (_, i) => `单位${i},高新技术企业数量,家,${i}`).join('\r\n')}\r\n`,
      'utf8',
    );
    const inWorker = await readInWorker<{ rows: unknown[] }>(
      csv,
      'breakdown.csv',
      DEFAULT_SPREADSHEET_LIMITS,
      sheetReader('breakdown'),
    );
    expect(inWorker.rows).toHaveLength(345);
    expect(inWorker).toEqual(breakdown(await loadGrid(csv, 'breakdown.csv')));
  }, 30_000);

  it('throws the worker’s SpreadsheetError here, with its limit and cell', async () => {
    const refusal = (file: Buffer, limits = DEFAULT_SPREADSHEET_LIMITS) =>
      readInWorker(file, 'x.xlsx', limits, sheetReader('tasks')).then(
        () => null,
        (error: unknown) => error,
      );
    const wide = await refusal(oneSheetWorkbook(sheetXml([{ ref: 'K1', n: 1 }])), {
      ...DEFAULT_SPREADSHEET_LIMITS,
      maxColumns: 10,
    });
    expect(wide).toBeInstanceOf(SpreadsheetError);
    expect(wide).toMatchObject({
      code: 'TOO_LARGE',
      limit: 'maxColumns',
      message: '工作表“Sheet1”超过 10 列上限（K1 有内容）',
    });
    const control = await refusal(oneSheetWorkbook(sheetXml([{ ref: 'B3', s: 0 }]), ['a_x0000_b']));
    expect(control).toMatchObject({ code: 'CONTROL_CHARACTER', cell: 'Sheet1!B3' });
  }, 30_000);
});

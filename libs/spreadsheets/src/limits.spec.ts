import { describe, expect, it } from '@jest/globals';
import { SpreadsheetError } from './errors.js';
import { loadGrid } from './grid.js';
import { DEFAULT_SPREADSHEET_LIMITS, spreadsheetLimits } from './limits.js';

async function csvError(text: string, limits = {}): Promise<SpreadsheetError> {
  try {
    await loadGrid(Buffer.from(text, 'utf8'), 'x.csv', limits);
  } catch (error) {
    if (error instanceof SpreadsheetError) return error;
    throw error;
  }
  throw new Error('expected a SpreadsheetError');
}

describe('spreadsheetLimits', () => {
  it('keeps the defaults for what is not given, or not a positive number', () => {
    expect(spreadsheetLimits({ maxColumns: 60, maxRows: 0, maxSheets: Number.NaN })).toEqual({
      ...DEFAULT_SPREADSHEET_LIMITS,
      maxColumns: 60,
    });
  });
});

describe('loadGrid on a CSV meets the same grid limits', () => {
  it('refuses a line reaching past the last column allowed, and a padded grid past the cell limit', async () => {
    expect(await csvError(`标题\r\n${','.repeat(256)}x\r\n`)).toMatchObject({
      code: 'TOO_LARGE',
      limit: 'maxColumns',
      message: '工作表“x”超过 256 列上限（IW2 有内容）',
    });
    // One wide line and many short ones: padded to one width, 60 × 10,000 cells.
    const text = `${'a,'.repeat(59)}a\r\n${'b\r\n'.repeat(9_999)}`;
    expect((await loadGrid(Buffer.from(text, 'utf8'), 'x.csv'))[0]!.cells).toHaveLength(10_000);
    expect(await csvError(text, { maxCells: 599_999 })).toMatchObject({ code: 'TOO_LARGE', limit: 'maxCells' });
  });

  it('refuses more rows than allowed, trailing blank lines not counted', async () => {
    expect(await csvError('a\r\n'.repeat(11), { maxRows: 10 })).toMatchObject({ code: 'TOO_LARGE', limit: 'maxRows' });
    expect(
      await loadGrid(Buffer.from(`${'a\r\n'.repeat(10)}${',\r\n'.repeat(5)}`, 'utf8'), 'x.csv', { maxRows: 10 }),
    ).toHaveLength(1);
  });
});

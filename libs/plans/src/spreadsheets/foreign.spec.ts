import { describe, expect, it } from '@jest/globals';
import { readBreakdownSheet } from './breakdown-sheet.js';
import { loadGrid } from '@app/spreadsheets';
import { fixtureBuffer, fixtureGrid } from './spec-helpers.js';
import { readTaskSheet } from './task-sheet.js';

// Workbooks written by other programs (fixtures/foreign, see its README): openpyxl writes inline
// strings, absolute relationship targets and the workbook part last; LibreOffice shared strings,
// the workbook part second and `date1904="true"`. Each is read whole.

describe('workbooks from other producers', () => {
  it.each([
    ['openpyxl', ''],
    ['libreoffice', '3.6'],
  ])(
    'reads every sheet of the %s cell-type workbook in tab order, 1904 dates included',
    async (producer, formulaResult) => {
      const grids = await loadGrid(await fixtureBuffer(`foreign/${producer}-cell-types.xlsx`), 'cell-types.xlsx');
      expect(grids).toEqual([
        {
          sheet: '封面',
          cells: [['2023年科技创新赋能行动'], ['单位：万元']],
          merges: [{ top: 0, left: 0, bottom: 0, right: 3 }],
        },
        {
          sheet: '数据',
          cells: [
            ['指标', '数值', '日期', '比例', '说明'],
            ['研发投入', '1.80', '2023-01-15', '2.37%', '第一行\n第二行'],
            // openpyxl stores a formula without its result; LibreOffice computes it on saving. The
            // date cell is formatted yyyy"年"m"月"d"日" and reads as the office sees it.
            ['高企数量', '2000', '2023年6月30日', formulaResult, '两端有空格'],
            ['布尔', 'TRUE', '', '', 'a_x0000_b'],
            ['注：合并单元格', '', '', '', ''],
          ],
          merges: [{ top: 4, left: 0, bottom: 4, right: 4 }],
        },
      ]);
    },
  );

  it.each(['openpyxl', 'libreoffice'])('reads the task list re-saved by %s as the one we wrote', async (producer) => {
    const ours = readTaskSheet(await fixtureGrid('ganzhou-2023-tasks.xlsx'));
    const theirs = readTaskSheet(await fixtureGrid(`foreign/${producer}-ganzhou-2023-tasks.xlsx`));
    expect(theirs.problems).toEqual([]);
    expect(theirs.rows).toHaveLength(29);
    expect(theirs).toEqual(ours);
  });

  it.each(['openpyxl', 'libreoffice'])(
    'reads the county breakdown re-saved by %s, merged indicator headers and all',
    async (producer) => {
      const ours = readBreakdownSheet(await fixtureGrid('nanchang-2023-breakdown.xlsx'));
      const theirs = readBreakdownSheet(await fixtureGrid(`foreign/${producer}-nanchang-2023-breakdown.xlsx`));
      expect(theirs.problems).toEqual([]);
      expect(theirs.rows.length).toBeGreaterThan(10);
      expect(theirs).toEqual(ours);
    },
  );
});

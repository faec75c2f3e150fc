import { describe, expect, it } from '@jest/globals';
import { loadGrid } from '../grid.js';
import { compileDateFormat, renderDate, serialParts } from './date-format.js';
import { oneSheetWorkbook, sheetXml, stylesXml, workbookEntries, zipOf } from './spec-workbooks.js';

/** 2023-12-31 14:30:50 in the 1900 date system. */
const SERIAL = 45291 + (14 * 3600 + 30 * 60 + 50) / 86400;

/** The text a date cell reads as: one cell holding `serial`, formatted by a built-in id or a custom code. */
async function cellText(format: number | string, serial: number = SERIAL, workbookPr?: string): Promise<string> {
  const styles = typeof format === 'number' ? stylesXml([0, format]) : stylesXml([0, 164], { 164: format });
  const sheet = {
    name: 'Sheet1',
    target: 'worksheets/sheet1.xml',
    path: 'xl/worksheets/sheet1.xml',
    sheetId: 1,
    xml: sheetXml([{ ref: 'A1', n: serial, style: 1 }]),
  };
  const file = zipOf(workbookEntries([sheet], { styles, ...(workbookPr ? { workbookPr } : {}) }));
  const [grid] = await loadGrid(file, 'dates.xlsx');
  return grid!.cells[0]![0]!;
}

describe('date cells read as a Chinese Excel or WPS prints them', () => {
  it.each([
    ['yyyy"年"m"月"d"日"', '2023年12月31日'],
    ['yyyy"年"m"月"', '2023年12月'],
    ['m"月"d"日"', '12月31日'],
    ['yyyy/m/d', '2023/12/31'],
    ['yyyy-mm-dd', '2023-12-31'],
    ['yyyy-m-d', '2023-12-31'],
    ['m/d/yyyy', '12/31/2023'],
    ['yyyy.m.d', '2023.12.31'],
    ['yy/mm/dd', '23/12/31'],
    // Unquoted 年月日, as typed into Excel's custom format box.
    ['yyyy年m月d日', '2023年12月31日'],
    // LibreOffice writes codes in capitals and escapes the separators.
    ['YYYY"年"M"月"D"日"', '2023年12月31日'],
    ['YYYY\\-MM\\-DD', '2023-12-31'],
    // WPS and Excel put a locale tag in front and a text section after.
    ['[$-804]yyyy"年"m"月"d"日";@', '2023年12月31日'],
    ['[$-zh-CN]yyyy/m/d;@', '2023/12/31'],
    ['yyyy/m/d h:mm', '2023/12/31 14:30'],
    ['yyyy-mm-dd hh:mm:ss', '2023-12-31 14:30:50'],
    ['h"时"mm"分"', '14时30分'],
    ['[Red]yyyy/m/d', '2023/12/31'],
  ])('custom %s → %s', async (code, expected) => {
    expect(await cellText(code)).toBe(expected);
  });

  it.each([
    [14, '2023/12/31'],
    [18, '2:30 PM'],
    [19, '2:30:50 PM'],
    [20, '14:30'],
    [21, '14:30:50'],
    [22, '2023/12/31 14:30'],
    [27, '2023年12月'],
    [28, '12月31日'],
    [29, '12月31日'],
    [30, '12-31-23'],
    [31, '2023年12月31日'],
    [32, '14时30分'],
    [33, '14时30分50秒'],
    [34, '下午2时30分'],
    [35, '下午2时30分50秒'],
    [36, '2023年12月'],
    [45, '30:50'],
    [50, '2023年12月'],
    [51, '12月31日'],
    [52, '2023年12月'],
    [53, '12月31日'],
    [54, '12月31日'],
    [55, '下午2时30分'],
    [56, '下午2时30分50秒'],
    [57, '2023年12月'],
    [58, '12月31日'],
  ])('built-in %d → %s', async (id, expected) => {
    expect(await cellText(id)).toBe(expected);
  });

  it.each([
    ['built-in 15 (month names)', 15],
    ['built-in 16', 16],
    ['built-in 17', 17],
    ['built-in 46 (elapsed hours)', 46],
    ['built-in 47 (tenths of a second)', 47],
    ['Chinese numerals', '[DBNum1][$-804]yyyy"年"m"月"d"日"'],
    ['LibreOffice native numerals', '[NatNum1]YYYY"年"M"月"D"日"'],
    ["the system's long date", '[$-F800]dddd, mmmm dd, yyyy'],
    ['a weekday', 'yyyy/m/d aaaa'],
    ['another calendar', '[$-1010804]yyyy/m/d'],
  ])('keeps YYYY-MM-DD for a format it cannot render: %s', async (_name, format) => {
    expect(await cellText(format)).toBe('2023-12-31');
  });

  it("counts days in the 1904 system and keeps the 1900 system's 29 February 1900", async () => {
    expect(await cellText(14, SERIAL - 1462, '<workbookPr date1904="1"/>')).toBe('2023/12/31');
    expect(await cellText(31, 59)).toBe('1900年2月28日');
    expect(await cellText(31, 60)).toBe('1900年2月29日');
    expect(await cellText(31, 61)).toBe('1900年3月1日');
  });

  it('prints a serial no date can be (Excel shows #####) as the number it is', async () => {
    expect(await cellText(14, -3)).toBe('-3');
    expect(await cellText(14, 3_000_000)).toBe('3000000');
  });

  it('prints a t="d" cell (an ISO date in the file) by its format too', async () => {
    const styles = stylesXml([0, 31]);
    const file = oneSheetWorkbook(
      sheetXml([
        { ref: 'A1', xml: '<c r="A1" t="d" s="1"><v>2023-12-31T00:00:00Z</v></c>' },
        { ref: 'B1', xml: '<c r="B1" t="d"><v>2023-12-31</v></c>' },
      ]),
      [],
      styles,
    );
    const [grid] = await loadGrid(file, 'dates.xlsx');
    expect(grid!.cells).toEqual([['2023年12月31日', '2023-12-31']]);
  });
});

describe('compileDateFormat', () => {
  it('reads m as the minute after an hour or before a second, else as the month', () => {
    const parts = serialParts(SERIAL, false)!;
    expect(renderDate(compileDateFormat('m'), parts)).toBe('12');
    expect(renderDate(compileDateFormat('h:m'), parts)).toBe('14:30');
    expect(renderDate(compileDateFormat('m:ss'), parts)).toBe('30:50');
    expect(renderDate(compileDateFormat('m/d h"时"m"分"'), parts)).toBe('12/31 14时30分');
  });

  it("prints 12-hour clocks with the format's own AM/PM words", () => {
    const morning = serialParts(45291 + 0.25, false)!;
    expect(renderDate(compileDateFormat('h:mm am/pm'), morning)).toBe('6:00 am');
    expect(renderDate(compileDateFormat('h:mm A/P'), morning)).toBe('6:00 A');
    expect(renderDate(compileDateFormat('上午/下午h"时"'), serialParts(45291, false)!)).toBe('上午12时');
  });
});

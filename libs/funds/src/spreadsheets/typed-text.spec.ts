import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { loadGrid } from '@app/spreadsheets';
import { writtenGrids, writtenWorkbook } from './spec-helpers.js';
import { readTargetTables } from './target-tables.js';
import { splitTyped, writeTargetTables } from './target-writer.js';
import type { TargetTableLayout } from './types.js';

/** An office's table typed in exceljs: labels in column A, merged values, a blank row in the table. */
async function officeSheet(head: string[], rows: (string[] | null)[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目标表');
  sheet.getCell('A1').value = '项目支出绩效目标表';
  sheet.mergeCells(1, 1, 1, head.length);
  sheet.getCell('A2').value = '项目名称';
  sheet.getCell('B2').value = '设备购置项目';
  sheet.mergeCells(2, 2, 2, head.length);
  sheet.getCell('A3').value = '主管部门';
  sheet.getCell('B3').value = '南昌市科技局';
  sheet.mergeCells(3, 2, 3, head.length);
  head.forEach((h, i) => (sheet.getCell(4, i + 1).value = h));
  rows.forEach((cells, r) => cells?.forEach((text, c) => (sheet.getCell(5 + r, c + 1).value = text)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function roundTrip(buffer: Buffer, layout: TargetTableLayout) {
  const first = readTargetTables(await loadGrid(buffer, 'office.xlsx'));
  expect(first.problems).toEqual([]);
  const written = await writeTargetTables(
    [{ header: first.tables[0]!.header, indicators: first.tables[0]!.indicators.map((i) => i.value) }],
    { layout },
  );
  const again = readTargetTables(await writtenGrids(written));
  return { first, written, again };
}

function cellTexts(sheet: ExcelJS.Worksheet, column: number): string[] {
  const texts: string[] = [];
  sheet.eachRow((row) => texts.push(String(row.getCell(column).value ?? '')));
  return texts;
}

describe('targets as typed', () => {
  it('writes half-and-full cells back as typed: =10% not ＝10%, 100% not ＝100%, units with their spaces', async () => {
    const buffer = await officeSheet(
      ['一级指标', '二级指标', '三级指标', '半年（程）指标值', '全年（程）指标值'],
      [
        ['产出指标', '质量指标', '设备验收合格率', '=10%', '100%'],
        null,
        ['产出指标', '数量指标', '购置设备数', '≥5台、件、套、 项', '≥10台、件、套、 项'],
      ],
    );
    const { first, written, again } = await roundTrip(buffer, 'half-and-full');
    const sheet = (await writtenWorkbook(written)).worksheets[0]!;
    expect(cellTexts(sheet, 4)).toEqual(expect.arrayContaining(['=10%', '≥5台、件、套、 项']));
    expect(cellTexts(sheet, 5)).toEqual(expect.arrayContaining(['100%', '≥10台、件、套、 项']));
    expect(again.tables[0]!.indicators.map((i) => i.value.text)).toEqual(
      first.tables[0]!.indicators.map((i) => i.value.text),
    );
    // The parsed values still judge attainment.
    expect(again.tables[0]!.indicators[0]!.value.fullYear).toEqual({
      kind: 'numeric',
      operator: '=',
      value: '100',
      unit: '%',
    });
  });

  it('writes the 计算符号 | 目标值 | 单位 cells back as typed', async () => {
    const buffer = await officeSheet(
      ['序号', '一级指标', '二级指标', '三级指标', '计算符号', '目标值', '单位'],
      [
        ['1', '产出指标', '质量指标', '设备验收合格率', '=', '10', '%'],
        null,
        ['2', '产出指标', '数量指标', '购置设备数', '≥', '5', '台、件、套、 项'],
      ],
    );
    const { first, written, again } = await roundTrip(buffer, 'operator-columns');
    const sheet = (await writtenWorkbook(written)).worksheets[0]!;
    // The full-year 计算符号 | 目标值 | 单位 stand under 全年（程）指标值, after the half-year ones.
    expect(cellTexts(sheet, 8)).toEqual(expect.arrayContaining(['=', '≥']));
    expect(cellTexts(sheet, 10)).toEqual(expect.arrayContaining(['%', '台、件、套、 项']));
    expect(first.tables[0]!.indicators[1]!.value.text).toEqual({
      half: '',
      full: '≥5台、件、套、 项',
      cells: { operator: '≥', value: '5', unit: '台、件、套、 项' },
    });
    expect(again.tables[0]!.indicators.map((i) => i.value.text)).toEqual(
      first.tables[0]!.indicators.map((i) => i.value.text),
    );
  });

  it('splits a typed half-and-full cell into the 计算符号 | 目标值 | 单位 cells as typed', () => {
    expect(splitTyped('=10%')).toEqual({ operator: '=', value: '10', unit: '%' });
    expect(splitTyped('100%')).toEqual({ operator: '', value: '100', unit: '%' });
    expect(splitTyped('≥10台、件、套、 项')).toEqual({ operator: '≥', value: '10', unit: '台、件、套、 项' });
    expect(splitTyped('规范')).toBeNull();
  });
});

import type ExcelJS from 'exceljs';
import {
  CENTRE,
  type ColumnLayout,
  createWorkbook,
  LEFT,
  setDecimal,
  startSheet,
  styleBody,
  workbookBuffer,
} from '@app/spreadsheets';
import type { CompletenessMatrix } from './completeness.service.js';
import type { Timeliness } from './expected-reports.js';

export const timelinessNames: Record<Timeliness, string> = {
  on_time: '按时',
  late: '迟报',
  missing: '未报',
  pending: '未到期',
};

const fills: Record<Timeliness, string> = {
  on_time: 'FFC6EFCE',
  late: 'FFFFE0B2',
  missing: 'FFFFC7CE',
  pending: 'FFEDEDED',
};

const unitKindNames: Record<string, string> = {
  department: '市直单位',
  county: '县（市、区）',
  enterprise: '企业集团',
  institution: '事业单位/科研院所',
  sub_unit: '下属单位',
};

export interface CompletenessSheetOptions {
  /** Printed in the merged title row: 2023年赣州市…工作方案 报送情况（2023年）. */
  title: string;
  /** The date the figures were taken (YYYY-MM-DD in the platform's zone), printed above the table. */
  asOf: string;
  timestamp?: Date;
}

/**
 * The completeness matrix as the office files it: one row per unit with the month's state (按时 / 迟报 / 未报 /
 * 未到期, coloured as on the web page), the unit's counts over the months already due and its on-time rate (%),
 * then a row of each month's on-time rate and the plan's.
 */
export async function writeCompletenessWorkbook(
  matrix: CompletenessMatrix,
  options: CompletenessSheetOptions,
): Promise<Buffer> {
  const columns: ColumnLayout[] = [
    { header: '序号', width: 6 },
    { header: '单位', width: 24 },
    { header: '类别', width: 14 },
    ...matrix.months.map((m) => ({ header: `${m}月`, width: 8 })),
    { header: '应报（份）', width: 10 },
    { header: '按时（份）', width: 10 },
    { header: '迟报（份）', width: 10 },
    { header: '未报（份）', width: 10 },
    { header: '按时率（%）', width: 11 },
  ];
  const sheetOptions = { title: options.title, timestamp: options.timestamp };
  const workbook = createWorkbook(sheetOptions);
  const [y, mo, d] = options.asOf.split('-').map(Number);
  const { sheet, headerRow } = startSheet(workbook, '报送情况', columns, sheetOptions, [
    `统计截至${y}年${mo}月${d}日。单位某月全部应报事项按时报送为“按时”，有迟报为“迟报”，有未报为“未报”；` +
      '按时率＝按时月份数÷已到期月份数×100%。',
  ]);
  const firstMonthCol = 4;
  const countsCol = firstMonthCol + matrix.months.length;
  let row = headerRow + 1;
  matrix.rows.forEach((unit, i) => {
    sheet.getCell(row, 1).value = i + 1;
    sheet.getCell(row, 2).value = unit.unitName;
    sheet.getCell(row, 3).value = unitKindNames[unit.kind] ?? unit.kind;
    const due = { expected: 0, onTime: 0, late: 0, missing: 0 };
    matrix.months.forEach((m, j) => {
      const cell = unit.cells[m];
      const target = sheet.getCell(row, firstMonthCol + j);
      if (!cell) {
        target.value = '—';
        return;
      }
      target.value = timelinessNames[cell.status];
      target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[cell.status] } };
      due.expected += cell.expected - cell.pending;
      due.onTime += cell.onTime;
      due.late += cell.late;
      due.missing += cell.missing;
    });
    sheet.getCell(row, countsCol).value = due.expected;
    sheet.getCell(row, countsCol + 1).value = due.onTime;
    sheet.getCell(row, countsCol + 2).value = due.late;
    sheet.getCell(row, countsCol + 3).value = due.missing;
    rateCell(sheet.getCell(row, countsCol + 4), unit.rate);
    row++;
  });
  sheet.mergeCells(row, 1, row, 3);
  sheet.getCell(row, 1).value = '各月按时率（%）';
  matrix.months.forEach((m, j) => rateCell(sheet.getCell(row, firstMonthCol + j), matrix.monthRates[m] ?? null));
  for (let c = countsCol; c < countsCol + 4; c++) sheet.getCell(row, c).value = '';
  rateCell(sheet.getCell(row, countsCol + 4), matrix.planRate);
  styleBody(sheet, headerRow + 1, row, [LEFT, LEFT, CENTRE, ...columns.slice(3).map(() => CENTRE)]);
  sheet.getCell(row, 1).font = { name: '宋体', size: 11, bold: true };
  return workbookBuffer(workbook, sheetOptions);
}

/** A rate as a number printed with two decimals; no month due yet leaves it as a dash. */
function rateCell(cell: ExcelJS.Cell, rate: string | null): void {
  if (rate === null) cell.value = '—';
  else setDecimal(cell, rate);
}

import ExcelJS from 'exceljs';
import type { ScheduleItem, ScheduleKind } from './schedule-progress.js';

const kindLabels: Record<ScheduleKind, string> = { task: '任务', indicator: '指标', project: '项目' };
const tierLabels: Record<number, string> = { 0: '市直单位', 1: '一类县', 2: '二类县', 3: '三类县' };
const lightLabels = { red: '红灯', yellow: '黄灯', green: '绿灯' } as const;

export const LAGGING_COLUMNS = [
  '序号',
  '类别',
  '事项',
  '责任单位',
  '所属县（市、区）',
  '县区类别',
  '实际完成',
  '序时要求',
  '计量单位',
  '差距',
  '差距单位',
  '预警',
  '数据月份',
] as const;

/**
 * One sheet: a title row, the header, one row per item. Figures are numbers with two decimals and
 * each carries its unit in the next column, so a 万元 is never read as a percentage.
 */
export async function writeLaggingWorkbook(title: string, items: readonly ScheduleItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('滞后清单');
  sheet.mergeCells(1, 1, 1, LAGGING_COLUMNS.length);
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = sheet.addRow([...LAGGING_COLUMNS]);
  header.font = { bold: true };
  items.forEach((item, i) => {
    const row = sheet.addRow([
      i + 1,
      kindLabels[item.kind],
      item.label,
      item.unitName,
      item.countyName ?? '—',
      tierLabels[item.tier ?? 0] ?? `${item.tier}类县`,
      item.actual === null ? '未报' : Number(item.actual),
      Number(item.expected),
      item.measure,
      Number(item.shortfall),
      item.shortfallUnit,
      lightLabels[item.light],
      item.reportedMonth === null ? '—' : `${item.reportedMonth}月`,
    ]);
    for (const col of [7, 8, 10]) row.getCell(col).numFmt = '0.00';
  });
  sheet.columns.forEach((column, i) => (column.width = [6, 6, 40, 14, 14, 10, 12, 12, 10, 10, 10, 8, 10][i]));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import type ExcelJS from 'exceljs';
import {
  CENTRE,
  type ColumnLayout,
  FONT,
  LEFT,
  createWorkbook,
  estimateLines,
  linesHeight,
  styleBody,
  styleHeaderRow,
  workbookBuffer,
} from '@app/spreadsheets';
import { writeLevelRuns } from './levels.js';
import type { EvaluationReportTable } from './types.js';
import {
  A4_LANDSCAPE,
  LABEL_FONT,
  box,
  mergedCell,
  paragraphRow,
  setFixed,
  spanWidth,
  titleRow,
} from './workbook-parts.js';

const COLUMNS: ColumnLayout[] = [
  { header: '一级指标', width: 12 },
  { header: '二级指标', width: 14 },
  { header: '三级指标', width: 34 },
  { header: '分值', width: 9 },
  { header: '得分', width: 9 },
  { header: '得分率', width: 10 },
  { header: '扣分原因', width: 40 },
];
const WIDTHS = COLUMNS.map((c) => c.width);
const TOTAL_WIDTH = spanWidth(WIDTHS, 1, COLUMNS.length);
const SUBTITLE_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 12 };

/**
 * The evaluation report (绩效评价结果表) as a workbook: title and subtitle, 一级指标 | 二级指标 |
 * 三级指标 | 分值 | 得分 | 得分率 | 扣分原因 with 一级 / 二级 merged over their rows, 分值 and 得分 as
 * number cells with two decimals and 得分率 as a percentage cell, a 合计 row, a 评价等次 row and
 * the footer paragraphs under the table. Landscape A4; with `timestamp` the bytes are reproducible.
 */
export async function writeEvaluationReportXlsx(report: EvaluationReportTable): Promise<Buffer> {
  const options = { title: report.title, timestamp: report.timestamp };
  const workbook = createWorkbook(options);
  const sheet = workbook.addWorksheet('绩效评价', { pageSetup: { ...A4_LANDSCAPE } });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const width = COLUMNS.length;
  let row = 1;
  titleRow(sheet, row++, width, report.title);
  if (report.subtitle) titleRow(sheet, row++, width, report.subtitle, SUBTITLE_FONT, 20);

  const headerRow = row++;
  COLUMNS.forEach((column, i) => (sheet.getCell(headerRow, i + 1).value = column.header));
  styleHeaderRow(sheet, headerRow, width);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;

  const first = row;
  for (const line of report.rows) {
    sheet.getCell(row, 3).value = line.level3;
    setFixed(sheet.getCell(row, 4), line.points, { places: 2 });
    setFixed(sheet.getCell(row, 5), line.score, { places: 2 });
    setFixed(sheet.getCell(row, 6), line.scoreRate, { places: 2, percent: true });
    sheet.getCell(row, 7).value = line.reason;
    styleBody(sheet, row, row, [CENTRE, CENTRE, LEFT, CENTRE, CENTRE, CENTRE, LEFT]);
    sheet.getRow(row).height = linesHeight(
      Math.max(estimateLines(line.level3, WIDTHS[2]!), estimateLines(line.reason, WIDTHS[6]!)),
    );
    row++;
  }
  writeLevelRuns(sheet, first, report.rows, 1, 2);

  mergedCell(sheet, row, 1, 3, '合计');
  setFixed(sheet.getCell(row, 4), report.total.points, { places: 2 });
  setFixed(sheet.getCell(row, 5), report.total.score, { places: 2 });
  setFixed(sheet.getCell(row, 6), report.total.scoreRate, { places: 2, percent: true });
  box(sheet, row, 1, width, CENTRE, LABEL_FONT);
  sheet.getRow(row++).height = linesHeight(1);

  mergedCell(sheet, row, 1, 3, '评价等次');
  mergedCell(sheet, row, 4, width, report.grade);
  box(sheet, row, 1, 3, CENTRE, LABEL_FONT);
  box(sheet, row, 4, width, { horizontal: 'left', vertical: 'middle', wrapText: true }, FONT);
  sheet.getRow(row++).height = linesHeight(1);

  if (report.footer.length > 0) row++;
  for (const paragraph of report.footer) paragraphRow(sheet, row++, width, TOTAL_WIDTH, paragraph);
  return workbookBuffer(workbook, options);
}

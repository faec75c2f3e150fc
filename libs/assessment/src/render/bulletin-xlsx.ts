import ExcelJS from 'exceljs';
import { withEntryDates } from '@app/spreadsheets';
import type { BulletinSnapshot, Flag } from './bulletin.types.js';
import {
  FLAG_NOTE,
  chineseDate,
  decimalOrNull,
  flagText,
  publishedDate,
  rankChangeText,
  rankText,
  revisionNote,
  worstFlag,
} from './bulletin-format.js';

/**
 * The published bulletin as an .xlsx an office prints and works with: sheet 排名 (per tier a
 * heading and a ranking table), sheet 滞后任务 and sheet 迟报单位. Scores are number cells shown
 * with two decimals. The same snapshot always gives the same bytes (dates come from publishedAt).
 */
export async function renderBulletinXlsx(snapshot: BulletinSnapshot): Promise<Buffer> {
  const published = publishedDate(snapshot);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = snapshot.issuer;
  workbook.lastModifiedBy = snapshot.issuer;
  workbook.created = published;
  workbook.modified = published;
  workbook.title = snapshot.title;
  workbook.subject = `${snapshot.cityName} ${snapshot.quarterKey}`;
  workbook.company = snapshot.issuer;

  addRankingSheet(workbook, snapshot);
  addLaggingSheet(workbook, snapshot);
  addLateSheet(workbook, snapshot);

  const written = await workbook.xlsx.writeBuffer();
  return withEntryDates(Buffer.from(written as ArrayBuffer), published);
}

export const XLSX_FONT = '宋体';
/** ARGB fills of the 标记 cells. */
export const XLSX_FLAG_FILLS: Record<Flag, string> = { red: 'FFFF0000', yellow: 'FFFFFF00' };
const HEADER_FILL = 'FFF2F2F2';
/** 全角空格 between the parts of the subtitle. */
const WIDE_SPACE = '\u3000';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF808080' } },
  left: { style: 'thin', color: { argb: 'FF808080' } },
  bottom: { style: 'thin', color: { argb: 'FF808080' } },
  right: { style: 'thin', color: { argb: 'FF808080' } },
};

interface CellStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  fill?: string;
  horizontal?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: boolean;
  numFmt?: string;
}

function style(cell: ExcelJS.Cell, s: CellStyle = {}): void {
  cell.font = {
    name: XLSX_FONT,
    size: s.size ?? 11,
    bold: s.bold ?? false,
    ...(s.color ? { color: { argb: s.color } } : {}),
  };
  cell.alignment = { vertical: 'middle', horizontal: s.horizontal ?? 'center', wrapText: s.wrap ?? false };
  if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
  if (s.border ?? true) cell.border = THIN;
  if (s.numFmt) cell.numFmt = s.numFmt;
}

/** A score string as a number cell (0.00); text that is not a number stays text. */
function setScore(cell: ExcelJS.Cell, value: string): void {
  const d = decimalOrNull(value);
  cell.value = d === null ? value : d.toNumber();
  style(cell, { horizontal: d === null ? 'center' : 'right', numFmt: '0.00' });
}

/** A percentage 0–100 ("62.5") as a percent cell (0.625, shown 62.50%). */
function setPercent(cell: ExcelJS.Cell, value: string): void {
  const d = decimalOrNull(value);
  cell.value = d === null ? value : d.div(100).toNumber();
  style(cell, { horizontal: d === null ? 'center' : 'right', numFmt: '0.00%' });
}

function setFlag(cell: ExcelJS.Cell, flag: Flag | null): void {
  cell.value = flagText(flag);
  style(cell, flag ? { fill: XLSX_FLAG_FILLS[flag], bold: true, color: flag === 'red' ? 'FFFFFFFF' : 'FF000000' } : {});
}

function setText(cell: ExcelJS.Cell, value: string, s: CellStyle = {}): void {
  cell.value = value;
  style(cell, s);
}

/** Display width in Excel character units: CJK and full-width characters count double. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1;
  return width;
}

/** Column widths from content, between min and max; headers may wrap onto two lines. */
function fitColumns(sheet: ExcelJS.Worksheet, headers: string[], cells: string[][], min = 6, max = 60): void {
  headers.forEach((header, i) => {
    const content = Math.max(0, ...cells.map((row) => displayWidth(row[i] ?? '')));
    const head = displayWidth(header);
    const width = Math.max(content, head > 12 ? Math.ceil(head / 2) : head) + 3;
    sheet.getColumn(i + 1).width = Math.min(max, Math.max(min, width));
  });
}

function pageSetup(sheet: ExcelJS.Worksheet, title: string, columns: number, printTitlesRow?: string): void {
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: columns > 8 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
    ...(printTitlesRow ? { printTitlesRow } : {}),
  };
  const escaped = title.replaceAll('&', '&&');
  sheet.headerFooter = {
    oddHeader: printTitlesRow ? `&C&12${escaped}` : '',
    oddFooter: '&C第 &P 页 共 &N 页',
  };
}

function addRankingSheet(workbook: ExcelJS.Workbook, snapshot: BulletinSnapshot): void {
  const headers = ['名次', '县（市、区）', '总分', ...snapshot.columns, '较上季度', '标记'];
  const width = headers.length;
  const sheet = workbook.addWorksheet('排名', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2, showGridLines: false }],
  });
  const merge = (row: number): void => {
    sheet.mergeCells(row, 1, row, width);
  };

  setText(sheet.getCell(1, 1), snapshot.title, { size: 16, bold: true, wrap: true, border: false });
  merge(1);

  const note = revisionNote(snapshot);
  const subtitle = [snapshot.issuer, chineseDate(snapshot.publishedAt), ...(note ? [note] : [])].join(WIDE_SPACE);
  setText(sheet.getCell(2, 1), subtitle, { wrap: true, border: false, color: note ? 'FFC00000' : undefined });
  merge(2);

  const texts: string[][] = [];
  let r = 4;
  for (const tier of snapshot.tiers) {
    setText(sheet.getCell(r, 1), `${tier.label}（${tier.rows.length}个）`, {
      size: 12,
      bold: true,
      horizontal: 'left',
      border: false,
    });
    merge(r);
    sheet.getRow(r).height = 22;
    r += 1;
    headers.forEach((header, c) =>
      setText(sheet.getCell(r, c + 1), header, { bold: true, fill: HEADER_FILL, wrap: true }),
    );
    sheet.getRow(r).height = 30;
    r += 1;
    for (const row of tier.rows) {
      const change = rankChangeText(row);
      const flag = worstFlag(row.flags);
      const cells = [
        rankText(row.rank),
        row.unitName,
        row.total,
        ...snapshot.columns.map((_, i) => row.subtotals[i] ?? ''),
        change,
        flagText(flag),
      ];
      texts.push(cells);
      const rank = sheet.getCell(r, 1);
      rank.value = row.rank > 0 ? row.rank : '—';
      style(rank, {});
      setText(sheet.getCell(r, 2), row.unitName);
      setScore(sheet.getCell(r, 3), row.total);
      snapshot.columns.forEach((_, i) => setScore(sheet.getCell(r, 4 + i), row.subtotals[i] ?? ''));
      setText(sheet.getCell(r, width - 1), change);
      setFlag(sheet.getCell(r, width), flag);
      sheet.getRow(r).height = 20;
      r += 1;
    }
    r += 1;
  }

  for (const line of [`考评方案：${snapshot.schemeName}（第${snapshot.schemeVersion}版）`, FLAG_NOTE]) {
    setText(sheet.getCell(r, 1), line, { size: 10, horizontal: 'left', border: false });
    merge(r);
    r += 1;
  }

  fitColumns(sheet, headers, texts);
  // Title and subtitle wrap when longer than the table is wide (column widths are in 11pt characters).
  const tableWidth = headers.reduce((sum, _, i) => sum + (sheet.getColumn(i + 1).width ?? 8), 0);
  const lines = (text: string, size: number): number =>
    Math.max(1, Math.ceil((displayWidth(text) * size) / 11 / (tableWidth - 2)));
  sheet.getRow(1).height = lines(snapshot.title, 16) * 22 + 8;
  sheet.getRow(2).height = lines(subtitle, 11) * 16 + 4;
  pageSetup(sheet, snapshot.title, width);
}

function addLaggingSheet(workbook: ExcelJS.Workbook, snapshot: BulletinSnapshot): void {
  const headers = ['任务', '单位', '完成进度', '序时进度', '标记'];
  const sheet = workbook.addWorksheet('滞后任务', { views: [{ state: 'frozen', ySplit: 1 }] });
  headers.forEach((header, c) => setText(sheet.getCell(1, c + 1), header, { bold: true, fill: HEADER_FILL }));
  sheet.getRow(1).height = 22;
  snapshot.laggingTasks.forEach((task, i) => {
    const r = i + 2;
    setText(sheet.getCell(r, 1), task.label, { horizontal: 'left', wrap: true });
    setText(sheet.getCell(r, 2), task.unitName);
    setPercent(sheet.getCell(r, 3), task.actual);
    setPercent(sheet.getCell(r, 4), task.expected);
    setFlag(sheet.getCell(r, 5), task.flag);
  });
  if (snapshot.laggingTasks.length === 0) {
    setText(sheet.getCell(2, 1), '本季度无滞后任务。', { horizontal: 'left' });
    sheet.mergeCells(2, 1, 2, headers.length);
  } else {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  }
  fitColumns(
    sheet,
    headers,
    snapshot.laggingTasks.map((t) => [t.label, t.unitName, '100.00%', '100.00%', '黄']),
    8,
    50,
  );
  // Excel does not grow rows for wrapped text by itself: size them for the task label.
  const labelWidth = (sheet.getColumn(1).width ?? 50) - 1;
  snapshot.laggingTasks.forEach((task, i) => {
    sheet.getRow(i + 2).height = Math.max(1, Math.ceil(displayWidth(task.label) / labelWidth)) * 15 + 5;
  });
  pageSetup(sheet, `${snapshot.title}${WIDE_SPACE}滞后任务`, headers.length, '1:1');
}

function addLateSheet(workbook: ExcelJS.Workbook, snapshot: BulletinSnapshot): void {
  const headers = ['单位', '迟报次数', '未报次数', '标记'];
  const sheet = workbook.addWorksheet('迟报单位', { views: [{ state: 'frozen', ySplit: 1 }] });
  headers.forEach((header, c) => setText(sheet.getCell(1, c + 1), header, { bold: true, fill: HEADER_FILL }));
  sheet.getRow(1).height = 22;
  snapshot.lateUnits.forEach((unit, i) => {
    const r = i + 2;
    setText(sheet.getCell(r, 1), unit.unitName);
    const late = sheet.getCell(r, 2);
    late.value = unit.late;
    style(late, { horizontal: 'right', numFmt: '0' });
    const missing = sheet.getCell(r, 3);
    missing.value = unit.missing;
    style(missing, { horizontal: 'right', numFmt: '0' });
    setFlag(sheet.getCell(r, 4), unit.flag);
  });
  if (snapshot.lateUnits.length === 0) {
    setText(sheet.getCell(2, 1), '本季度无迟报、未报单位。', { horizontal: 'left' });
    sheet.mergeCells(2, 1, 2, headers.length);
  } else {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  }
  fitColumns(
    sheet,
    headers,
    snapshot.lateUnits.map((u) => [u.unitName, String(u.late), String(u.missing), '黄']),
    10,
    40,
  );
  pageSetup(sheet, `${snapshot.title}${WIDE_SPACE}迟报单位`, headers.length, '1:1');
}

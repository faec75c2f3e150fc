import ExcelJS from 'exceljs';
import { withEntryDates } from '@app/spreadsheets';
import type { BulletinSnapshot, Quantity, TrafficLight } from './bulletin.types.js';
import {
  LAG_KIND_TEXT,
  LIGHT_NOTE,
  LIGHT_TEXT,
  chineseDate,
  decimalOrNull,
  publishedDate,
  quantityCell,
  quantityText,
  rankChangeText,
  rankText,
  revisionNote,
} from './bulletin-format.js';

/**
 * The published bulletin as an .xlsx an office prints and works with: sheet 排名 (per tier a
 * heading and a ranking table), sheet 滞后事项 and sheet 迟报单位, each with the legend of its
 * traffic lights. Scores are number cells shown with two decimals; lagging figures are number
 * cells whose format shows their unit (62.50%, 8112.15万元). The same snapshot always gives the
 * same bytes (dates come from publishedAt).
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
/** ARGB fills and text colours of the 预警 cells. */
export const XLSX_LIGHT_FILLS: Record<TrafficLight, string> = {
  red: 'FFFF0000',
  yellow: 'FFFFFF00',
  green: 'FF00B050',
};
const XLSX_LIGHT_TEXT: Record<TrafficLight, string> = { red: 'FFFFFFFF', yellow: 'FF000000', green: 'FFFFFFFF' };
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

/** A figure as a number cell whose format shows its unit; one that is not a number (未报) as centred text. */
function setQuantity(cell: ExcelJS.Cell, quantity: Quantity): void {
  const { value, numFmt } = quantityCell(quantity);
  cell.value = value;
  style(cell, { horizontal: typeof value === 'number' ? 'right' : 'center', numFmt });
}

function setLight(cell: ExcelJS.Cell, light: TrafficLight): void {
  cell.value = LIGHT_TEXT[light];
  style(cell, { fill: XLSX_LIGHT_FILLS[light], bold: true, color: XLSX_LIGHT_TEXT[light] });
}

/** The legend of the lights on a row below a table, merged across it; call it once the columns have their widths. */
function setLegend(sheet: ExcelJS.Worksheet, row: number, width: number): void {
  setText(sheet.getCell(row, 1), LIGHT_NOTE, { size: 10, horizontal: 'left', wrap: true, border: false });
  sheet.mergeCells(row, 1, row, width);
  let tableWidth = 0;
  for (let c = 1; c <= width; c++) tableWidth += sheet.getColumn(c).width ?? 8;
  const lines = Math.max(1, Math.ceil((displayWidth(LIGHT_NOTE) * 10) / 11 / Math.max(1, tableWidth - 2)));
  sheet.getRow(row).height = lines * 14 + 4;
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
  const headers = ['名次', '县（市、区）', '总分（分）', ...snapshot.columns, '较上季度', '预警'];
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
      const cells = [
        rankText(row.rank),
        row.unitName,
        row.total,
        ...snapshot.columns.map((_, i) => row.subtotals[i] ?? ''),
        change,
        LIGHT_TEXT[row.light],
      ];
      texts.push(cells);
      const rank = sheet.getCell(r, 1);
      rank.value = row.rank > 0 ? row.rank : '—';
      style(rank, {});
      setText(sheet.getCell(r, 2), row.unitName);
      setScore(sheet.getCell(r, 3), row.total);
      snapshot.columns.forEach((_, i) => setScore(sheet.getCell(r, 4 + i), row.subtotals[i] ?? ''));
      setText(sheet.getCell(r, width - 1), change);
      setLight(sheet.getCell(r, width), row.light);
      sheet.getRow(r).height = 20;
      r += 1;
    }
    r += 1;
  }

  setText(sheet.getCell(r, 1), `考评方案：${snapshot.schemeName}（第${snapshot.schemeVersion}版）`, {
    size: 10,
    horizontal: 'left',
    border: false,
  });
  merge(r);

  fitColumns(sheet, headers, texts);
  setLegend(sheet, r + 1, width);
  // Title and subtitle wrap when longer than the table is wide (column widths are in 11pt characters).
  const tableWidth = headers.reduce((sum, _, i) => sum + (sheet.getColumn(i + 1).width ?? 8), 0);
  const lines = (text: string, size: number): number =>
    Math.max(1, Math.ceil((displayWidth(text) * size) / 11 / (tableWidth - 2)));
  sheet.getRow(1).height = lines(snapshot.title, 16) * 22 + 8;
  sheet.getRow(2).height = lines(subtitle, 11) * 16 + 4;
  pageSetup(sheet, snapshot.title, width);
}

function addLaggingSheet(workbook: ExcelJS.Workbook, snapshot: BulletinSnapshot): void {
  const headers = ['类别', '事项', '单位', '累计完成', '序时进度', '预警'];
  const sheet = workbook.addWorksheet('滞后事项', { views: [{ state: 'frozen', ySplit: 1 }] });
  headers.forEach((header, c) => setText(sheet.getCell(1, c + 1), header, { bold: true, fill: HEADER_FILL }));
  sheet.getRow(1).height = 22;
  snapshot.lagging.forEach((item, i) => {
    const r = i + 2;
    setText(sheet.getCell(r, 1), LAG_KIND_TEXT[item.kind]);
    setText(sheet.getCell(r, 2), item.label, { horizontal: 'left', wrap: true });
    setText(sheet.getCell(r, 3), item.unitName);
    setQuantity(sheet.getCell(r, 4), item.actual);
    setQuantity(sheet.getCell(r, 5), item.expected);
    setLight(sheet.getCell(r, 6), item.light);
  });
  if (snapshot.lagging.length === 0) {
    setText(sheet.getCell(2, 1), '本季度无滞后事项。', { horizontal: 'left' });
    sheet.mergeCells(2, 1, 2, headers.length);
  } else {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  }
  fitColumns(
    sheet,
    headers,
    snapshot.lagging.map((t) => [
      LAG_KIND_TEXT[t.kind],
      t.label,
      t.unitName,
      quantityText(t.actual),
      quantityText(t.expected),
      LIGHT_TEXT[t.light],
    ]),
    8,
    50,
  );
  setLegend(sheet, Math.max(2, snapshot.lagging.length + 1) + 2, headers.length);
  // Excel does not grow rows for wrapped text by itself: size them for the label.
  const labelWidth = (sheet.getColumn(2).width ?? 50) - 1;
  snapshot.lagging.forEach((item, i) => {
    sheet.getRow(i + 2).height = Math.max(1, Math.ceil(displayWidth(item.label) / labelWidth)) * 15 + 5;
  });
  pageSetup(sheet, `${snapshot.title}${WIDE_SPACE}滞后事项`, headers.length, '1:1');
}

function addLateSheet(workbook: ExcelJS.Workbook, snapshot: BulletinSnapshot): void {
  const headers = ['单位', '迟报（次）', '未报（次）', '预警'];
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
    setLight(sheet.getCell(r, 4), unit.light);
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
    snapshot.lateUnits.map((u) => [u.unitName, String(u.late), String(u.missing), LIGHT_TEXT[u.light]]),
    10,
    40,
  );
  setLegend(sheet, Math.max(2, snapshot.lateUnits.length + 1) + 2, headers.length);
  pageSetup(sheet, `${snapshot.title}${WIDE_SPACE}迟报单位`, headers.length, '1:1');
}

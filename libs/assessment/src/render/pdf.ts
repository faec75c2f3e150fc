import { readFileSync } from 'node:fs';
import { create as openFont } from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * Shared PDF building blocks: an A4 portrait document with an embedded (subset) CJK font, flowing
 * text, tables that wrap long Chinese cells and repeat their header on every page, a horizontal bar
 * chart drawn with vector primitives, and 第 N 页 共 M 页 page numbers.
 */

export type PdfDoc = PDFKit.PDFDocument;
/** Traffic-light colours of table cells and bars (红灯 / 黄灯 / 绿灯). */
export type PdfLight = 'red' | 'yellow' | 'green';
export type CellAlign = 'left' | 'center' | 'right';

/** Name under which the CJK font is registered in every document. */
export const PDF_FONT = 'cjk';
export const PDF_MARGINS = { top: 56, bottom: 60, left: 50, right: 50 } as const;
export const PDF_COLORS = {
  text: '#1f1f1f',
  muted: '#666666',
  border: '#8c8c8c',
  grid: '#d9d9d9',
  headerFill: '#e8edf4',
  zebra: '#f7f9fc',
  bar: '#4472c4',
  red: '#d93025',
  yellow: '#f4b400',
  green: '#2e9d4f',
  redText: '#ffffff',
  yellowText: '#1f1f1f',
  greenText: '#ffffff',
  notice: '#c00000',
} as const;

/** Fill of a light; a bar without one is drawn in the neutral bar colour. */
export function lightColor(light: PdfLight | null | undefined): string {
  return light ? PDF_COLORS[light] : PDF_COLORS.bar;
}

// ---------------------------------------------------------------------------------------------
// Font

interface LoadedFont {
  data: Buffer;
  /** PostScript name of the face to use when the file is a TrueType/OpenType collection. */
  face: string | undefined;
}

const fontCache = new Map<string, LoadedFont>();

/**
 * PostScript names of the faces in a .ttc/.otc collection (empty for a single-font file). PDFKit
 * (fontkit) selects a face of a collection by its PostScript name — 'WenQuanYiMicroHei', not the
 * family name 'WenQuanYi Micro Hei'. Throws for a file that is not a font.
 */
export function collectionFaces(data: Buffer): string[] {
  const font = openFont(data);
  return 'fonts' in font ? font.fonts.map((face) => face.postscriptName) : [];
}

/** Prefer the requested face, then a Simplified-Chinese face, then a proportional one (PDFKit needs a face named). */
function pickFace(faces: string[], requested: string | undefined): string | undefined {
  if (faces.length === 0) return undefined;
  if (requested) {
    const wanted = requested.replaceAll(' ', '');
    const match = faces.find((f) => f === requested || f === wanted);
    if (!match) throw new Error(`字体文件中没有字体 ${requested}（可用：${faces.join('、')}）`);
    return match;
  }
  return faces.find((f) => /SC\b|SC-|Hans|CN/.test(f)) ?? faces.find((f) => !/Mono/i.test(f)) ?? faces[0];
}

function loadFont(fontPath: string, face: string | undefined): LoadedFont {
  const key = `${fontPath}\u0000${face ?? ''}`;
  let font = fontCache.get(key);
  if (!font) {
    const data = readFileSync(fontPath);
    font = { data, face: pickFace(collectionFaces(data), face) };
    fontCache.set(key, font);
  }
  return font;
}

// ---------------------------------------------------------------------------------------------
// Document

export interface CreatePdfOptions {
  title?: string;
  author?: string;
  subject?: string;
  /** Written as the PDF CreationDate; fix it for byte-identical output (default: now). */
  createdAt?: Date;
  /** Face of a .ttc collection by PostScript name (or family name without spaces). */
  face?: string;
}

const outputs = new WeakMap<PdfDoc, Promise<Buffer>>();

/**
 * An A4 portrait document with page buffering (for page numbers) and the CJK font at fontPath
 * registered as {@link PDF_FONT} and selected. Finish it with {@link finishPdf}.
 */
export function createPdf(fontPath: string, options: CreatePdfOptions = {}): PdfDoc {
  const font = loadFont(fontPath, options.face);
  const createdAt = options.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { ...PDF_MARGINS },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: options.title !== undefined,
    info: {
      ...(options.title ? { Title: options.title } : {}),
      ...(options.author ? { Author: options.author } : {}),
      ...(options.subject ? { Subject: options.subject } : {}),
      Creator: 'kechuang-tracker',
      Producer: 'kechuang-tracker (PDFKit)',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  outputs.set(
    doc,
    new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    }),
  );
  doc.registerFont(PDF_FONT, font.data, font.face);
  doc.font(PDF_FONT).fontSize(10.5).fillColor(PDF_COLORS.text);
  return doc;
}

/** Stamps page numbers on every page, ends the document and resolves with its bytes. */
export async function finishPdf(doc: PdfDoc): Promise<Buffer> {
  const output = outputs.get(doc);
  if (!output) throw new Error('finishPdf: the document was not made by createPdf');
  addPageNumbers(doc);
  doc.end();
  return output;
}

/** 第 N 页 共 M 页, centred in the bottom margin of every buffered page (PDFKit has no page numbering). */
export function addPageNumbers(
  doc: PdfDoc,
  label: (page: number, pages: number) => string = (n, m) => `第 ${n} 页 共 ${m} 页`,
): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc.font(PDF_FONT).fontSize(9).fillColor(PDF_COLORS.muted);
    doc.text(label(i - start + 1, count), doc.page.margins.left, doc.page.height - bottom / 2 - 5, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor(PDF_COLORS.text);
}

// ---------------------------------------------------------------------------------------------
// Layout and text

export function contentWidth(doc: PdfDoc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function bottomLimit(doc: PdfDoc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: PdfDoc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
  doc.x = doc.page.margins.left;
}

export interface TextStyle {
  size?: number;
  color?: string;
  bold?: boolean;
  align?: CellAlign | 'justify';
  /** Space after the paragraph, in points. */
  after?: number;
  lineGap?: number;
  /** Keep this much room below the paragraph and its space after on the same page (a heading with what follows). */
  keepWithNext?: number;
}

/** Height a paragraph takes in the flow, its space after included (what {@link writeText} moves the cursor by). */
export function textHeight(doc: PdfDoc, text: string, style: TextStyle = {}): number {
  const size = style.size ?? 10.5;
  doc.font(PDF_FONT).fontSize(size);
  return (
    doc.heightOfString(text, { width: contentWidth(doc), lineGap: style.lineGap ?? size * 0.3 }) +
    (style.after ?? size * 0.5)
  );
}

/**
 * Draws text at (x, y) without moving the flow. The font has no bold face, so bold is drawn as
 * fill plus a thin stroke of the same colour.
 */
function putText(
  doc: PdfDoc,
  text: string,
  x: number,
  y: number,
  options: PDFKit.Mixins.TextOptions & { size: number; color: string; bold?: boolean },
): void {
  const { size, color, bold, ...textOptions } = options;
  doc.font(PDF_FONT).fontSize(size).fillColor(color);
  if (bold) {
    doc.save();
    doc.lineWidth(size / 28).strokeColor(color);
    doc.text(text, x, y, { ...textOptions, fill: true, stroke: true });
    doc.restore();
  } else {
    doc.text(text, x, y, textOptions);
  }
}

/** A paragraph across the content width at the cursor, on a new page if it would not fit (with `keepWithNext`, which
 *  PDFKit's own flow does not have). */
export function writeText(doc: PdfDoc, text: string, style: TextStyle = {}): void {
  const size = style.size ?? 10.5;
  const lineGap = style.lineGap ?? size * 0.3;
  const width = contentWidth(doc);
  doc.font(PDF_FONT).fontSize(size);
  const height = doc.heightOfString(text, { width, lineGap });
  const after = style.after ?? size * 0.5;
  const keep = style.keepWithNext === undefined ? 0 : after + style.keepWithNext;
  ensureSpace(doc, Math.min(height + keep, bottomLimit(doc) - doc.page.margins.top));
  const y = doc.y;
  putText(doc, text, doc.page.margins.left, y, {
    width,
    lineGap,
    align: style.align ?? 'left',
    size,
    color: style.color ?? PDF_COLORS.text,
    bold: style.bold,
  });
  doc.x = doc.page.margins.left;
  doc.y = Math.max(doc.y, y + height) + after;
}

// ---------------------------------------------------------------------------------------------
// Tables

export interface PdfTableColumn {
  header: string;
  /** Fixed width in points; columns without one share the rest according to their content. */
  width?: number;
  align?: CellAlign;
}

export interface PdfTableCell {
  text: string;
  fill?: string;
  color?: string;
  bold?: boolean;
  align?: CellAlign;
}

export type PdfTableRow = ReadonlyArray<string | PdfTableCell>;

export interface PdfTableOptions {
  columns: readonly PdfTableColumn[];
  rows: readonly PdfTableRow[];
  fontSize?: number;
  headerFill?: string;
  /** Fill of every other row without its own fill; null for none. */
  zebra?: string | null;
  padding?: number;
  /** Precomputed column widths (e.g. shared by several tables); default: from the content. */
  widths?: readonly number[];
  /** Start on a new page rather than split, when the whole table fits on one page. */
  keepTogether?: boolean;
  /** Room to keep below the last row on its page (a note that must not stand alone on the next page). */
  keepWithFollowing?: number;
}

const NUMERIC = /^[-+]?\d+(\.\d+)?%?$|^[-—]$/;

function cellOf(value: string | PdfTableCell | undefined): PdfTableCell {
  return typeof value === 'string' ? { text: value } : (value ?? { text: '' });
}

/** Widest line of a possibly multi-line text at the current font size. */
function lineWidth(doc: PdfDoc, text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => doc.widthOfString(line)));
}

/**
 * Column widths in points (kept: PDFKit's auto columns share the width equally, not by content).
 * Fixed widths are kept. Columns of numbers get their content width (they never wrap). Text columns
 * get their content width when it fits; when it does not, the narrow ones still keep theirs (a unit
 * name stays on one line) and the wide ones share the rest in proportion to their content.
 * Everything is scaled down when even that does not fit.
 */
export function tableColumnWidths(
  doc: PdfDoc,
  columns: readonly PdfTableColumn[],
  rows: readonly PdfTableRow[],
  fontSize: number,
  padding: number,
): number[] {
  const available = contentWidth(doc);
  const slack = 1; // PDFKit wraps a line exactly as wide as the box; keep a point to spare
  doc.font(PDF_FONT).fontSize(fontSize);
  const minText = doc.widthOfString('中中中') + 2 * padding + slack;
  const measured = columns.map((column, c) => {
    const cells = rows.map((row) => cellOf(row[c]).text);
    const content = Math.max(0, ...cells.map((text) => lineWidth(doc, text))) + 2 * padding + slack;
    const header = lineWidth(doc, column.header) + 2 * padding + slack;
    const numeric = cells.length > 0 && cells.every((text) => text === '' || NUMERIC.test(text.trim()));
    // A numeric column keeps its numbers on one line and lets a long header wrap onto two lines
    // (or onto the lines it was given).
    const twoChars = doc.widthOfString('中中') + 2 * padding + slack;
    const headerFit = column.header.includes('\n')
      ? header
      : Math.min(header, Math.max(header / 2 + padding, twoChars));
    const natural = numeric ? Math.max(content, headerFit) : Math.max(content, Math.min(header, minText * 2));
    return { fixed: column.width, natural, numeric };
  });
  const fixedTotal = measured.reduce((sum, m) => sum + (m.fixed ?? 0), 0);
  const space = available - fixedTotal;
  const auto = measured.filter((m) => m.fixed === undefined);
  const naturalTotal = auto.reduce((sum, m) => sum + m.natural, 0);
  const widths = measured.map((m) => m.fixed ?? m.natural);
  if (auto.length > 0 && naturalTotal <= space) {
    // Room to spare: widen the auto columns in proportion to their content.
    measured.forEach((m, c) => {
      if (m.fixed === undefined) widths[c] = m.natural + ((space - naturalTotal) * m.natural) / naturalTotal;
    });
  } else if (auto.length > 0) {
    // Too wide: numbers keep their width; text columns are filled narrowest first.
    let textSpace = space - auto.filter((m) => m.numeric).reduce((sum, m) => sum + m.natural, 0);
    const text = measured
      .map((m, c) => ({ m, c }))
      .filter(({ m }) => m.fixed === undefined && !m.numeric)
      .sort((a, b) => a.m.natural - b.m.natural);
    while (text.length > 0) {
      const first = text[0];
      if (!first || first.m.natural > textSpace / text.length) break;
      widths[first.c] = first.m.natural;
      textSpace -= first.m.natural;
      text.shift();
    }
    const rest = text.reduce((sum, { m }) => sum + m.natural, 0);
    for (const { m, c } of text) widths[c] = Math.max(minText, (textSpace * m.natural) / rest);
  }
  const total = widths.reduce((sum, w) => sum + w, 0);
  return total > available + 0.01 || auto.length === 0 ? widths.map((w) => (w * available) / total) : widths;
}

interface TableLayout {
  widths: number[];
  size: number;
  padding: number;
  lineGap: number;
  headerHeight: number;
  rowHeights: number[];
}

/**
 * Column widths and row heights, measured the way PDFKit's table measures its cells. Kept because
 * PDFKit repeats no header row: the heights tell where a page ends before a row is drawn.
 */
function layoutTable(doc: PdfDoc, options: PdfTableOptions): TableLayout {
  const size = options.fontSize ?? 9.5;
  const padding = options.padding ?? 4;
  const lineGap = size * 0.25;
  const widths = options.widths
    ? [...options.widths]
    : tableColumnWidths(doc, options.columns, options.rows, size, padding);
  doc.font(PDF_FONT).fontSize(size);
  const height = (texts: string[]): number =>
    Math.max(
      size + 2 * padding + lineGap,
      ...texts.map((text, c) =>
        text === ''
          ? 0
          : doc.heightOfString(text, { width: Math.max(1, (widths[c] ?? 0) - 2 * padding), lineGap }) + 2 * padding,
      ),
    );
  return {
    widths,
    size,
    padding,
    lineGap,
    headerHeight: height(options.columns.map((column) => column.header)),
    rowHeights: options.rows.map((row) => height(options.columns.map((_, c) => cellOf(row[c]).text))),
  };
}

/** Height of the table if drawn on one page (header included). */
export function tableHeight(doc: PdfDoc, options: PdfTableOptions): number {
  const { headerHeight, rowHeights } = layoutTable(doc, options);
  return headerHeight + rowHeights.reduce((sum, height) => sum + height, 0) + 6;
}

/** Row heights as drawn: a row taller than a page is cut to what fits below the header. */
function drawnHeights(doc: PdfDoc, layout: TableLayout): number[] {
  const pageRoom = bottomLimit(doc) - doc.page.margins.top;
  // PDFKit moves a row that ends exactly on the bottom margin to the next page; stay a hair above.
  return layout.rowHeights.map((height) => Math.min(height, pageRoom - layout.headerHeight - 0.01));
}

/** Room the table needs where it starts: the whole of it when kept together (or of one row), else its header and first row. */
function startRoom(doc: PdfDoc, options: PdfTableOptions, layout: TableLayout): number {
  const pageRoom = bottomLimit(doc) - doc.page.margins.top;
  const heights = drawnHeights(doc, layout);
  const whole = layout.headerHeight + heights.reduce((sum, height) => sum + height, 0);
  const following = options.keepWithFollowing ?? 0;
  if ((options.keepTogether || heights.length <= 1) && whole + following <= pageRoom) return whole + following;
  if (options.keepTogether && whole <= pageRoom) return whole;
  return layout.headerHeight + (heights[0] ?? 0);
}

/** Room a heading above the table keeps below itself, so that it never ends a page without the table's start. */
export function tableStartHeight(doc: PdfDoc, options: PdfTableOptions): number {
  return startRoom(doc, options, layoutTable(doc, options));
}

/**
 * Draws a bordered table at the cursor with PDFKit's table. Cells wrap within their column and are
 * centred vertically; a row that does not fit goes to the next page, where the header row is drawn
 * again; a row taller than a page is cut with an ellipsis. Leaves the cursor below the table.
 */
export function drawTable(doc: PdfDoc, options: PdfTableOptions): void {
  const layout = layoutTable(doc, options);
  const { widths, size, padding, lineGap, headerHeight } = layout;
  const zebra = options.zebra === undefined ? PDF_COLORS.zebra : options.zebra;
  const heights = drawnHeights(doc, layout);
  const following = options.keepWithFollowing ?? 0;
  ensureSpace(doc, startRoom(doc, options, layout));

  const cell = (content: PdfTableCell, align: CellAlign, fill: string | null): PDFKit.Mixins.CellOptions => ({
    text: content.text,
    align: { x: align, y: 'center' },
    textColor: content.color ?? PDF_COLORS.text,
    // The font has no bold face: bold is fill plus a thin stroke of the same colour.
    ...(content.bold ? { textStroke: size / 28, textStrokeColor: content.color ?? PDF_COLORS.text } : {}),
    ...((content.fill ?? fill) ? { backgroundColor: content.fill ?? fill ?? undefined } : {}),
  });
  const header = options.columns.map((column) =>
    cell({ text: column.header, bold: true, fill: options.headerFill ?? PDF_COLORS.headerFill }, 'center', null),
  );
  const startPage = (): { table: PDFKit.Mixins.PDFTableObject; heights: number[] } => {
    const pageHeights = [headerHeight];
    doc.font(PDF_FONT).fontSize(size);
    const table = doc.table({
      position: { x: doc.page.margins.left, y: doc.y },
      columnStyles: [...widths],
      rowStyles: (row) => ({ height: pageHeights[row] }),
      defaultStyle: { padding, border: 0.5, borderColor: PDF_COLORS.border, textOptions: { lineGap } },
    });
    table.row(header);
    return { table, heights: pageHeights };
  };

  let page = startPage();
  options.rows.forEach((row, i) => {
    const height = heights[i] ?? 0;
    // The last row takes what must follow it along to the next page, unless it would stand alone there anyway.
    const last = i === options.rows.length - 1 && page.heights.length > 1;
    if (doc.y + height >= bottomLimit(doc) || (last && doc.y + height + following > bottomLimit(doc))) {
      page.table.end();
      doc.addPage();
      page = startPage();
    }
    page.heights.push(height);
    const fill = zebra && i % 2 === 1 ? zebra : null;
    page.table.row(
      options.columns.map((column, c) => {
        const content = cellOf(row[c]);
        return cell(content, content.align ?? column.align ?? 'left', fill);
      }),
    );
  });
  page.table.end();
  doc.fillColor(PDF_COLORS.text);
  doc.x = doc.page.margins.left;
  doc.y += 6;
}

// ---------------------------------------------------------------------------------------------
// Bar chart

export interface BarChartBar {
  label: string;
  value: number;
  light?: PdfLight | null;
  /** Printed at the end of the bar (default: value with two decimals). */
  valueText?: string;
}

export interface BarChartOptions {
  title: string;
  bars: readonly BarChartBar[];
  /** Value of a full-width bar; also the last gridline. */
  max: number;
  /** Legend entries below the chart, e.g. what the red, yellow and green bars mean. */
  legend?: ReadonlyArray<{ light: PdfLight | null; label: string }>;
}

/**
 * A horizontal bar chart at the cursor: labels on the left, bars coloured by light, the value at
 * the end of each bar, gridlines at quarters of `max`. A chart longer than a page continues on the
 * next one with its axis repeated. Drawn by hand: PDFKit has no charts.
 */
export function drawBarChart(doc: PdfDoc, options: BarChartOptions): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const rowHeight = 17;
  const barThickness = 11;
  const titleHeight = 20;
  const axisHeight = 16;
  const legendHeight = options.legend && options.legend.length > 0 ? 16 : 0;
  const max = options.max > 0 ? options.max : Math.max(1, ...options.bars.map((b) => b.value));
  const labelSize = 9;

  doc.font(PDF_FONT).fontSize(labelSize);
  const labelWidth = Math.min(width * 0.32, Math.max(40, ...options.bars.map((b) => doc.widthOfString(b.label))) + 10);
  const valueWidth = Math.max(36, ...options.bars.map((b) => doc.widthOfString(b.valueText ?? b.value.toFixed(2)))) + 8;
  const plotX = left + labelWidth;
  const plotWidth = width - labelWidth - valueWidth;
  const format = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

  // Keep a chart that fits on one page in one piece.
  const whole = titleHeight + options.bars.length * rowHeight + axisHeight + legendHeight + 8;
  if (whole <= bottomLimit(doc) - doc.page.margins.top && doc.y + whole > bottomLimit(doc)) doc.addPage();

  let remaining = [...options.bars];
  let continued = false;
  do {
    const room = bottomLimit(doc) - doc.y - titleHeight - axisHeight - legendHeight - 8;
    const fit = Math.floor(room / rowHeight);
    if (fit < Math.min(remaining.length, 4)) {
      doc.addPage();
      continue;
    }
    const chunk = remaining.slice(0, fit);
    remaining = remaining.slice(chunk.length);

    putText(doc, continued ? `${options.title}（续）` : options.title, left, doc.y, {
      width,
      align: 'center',
      size: 10.5,
      color: PDF_COLORS.text,
      bold: true,
      lineBreak: false,
    });
    const top = doc.y + titleHeight;
    const plotHeight = chunk.length * rowHeight;

    // gridlines and their labels
    doc.save();
    doc.lineWidth(0.5);
    for (let k = 0; k <= 4; k++) {
      const x = plotX + (plotWidth * k) / 4;
      doc
        .strokeColor(k === 0 ? PDF_COLORS.border : PDF_COLORS.grid)
        .moveTo(x, top)
        .lineTo(x, top + plotHeight)
        .stroke();
    }
    doc.restore();
    doc.font(PDF_FONT).fontSize(8).fillColor(PDF_COLORS.muted);
    for (let k = 0; k <= 4; k++) {
      const x = plotX + (plotWidth * k) / 4;
      doc.text(format((max * k) / 4), x - 20, top + plotHeight + 3, { width: 40, align: 'center', lineBreak: false });
    }

    chunk.forEach((bar, i) => {
      const y = top + i * rowHeight;
      const value = Math.max(0, Math.min(bar.value, max));
      const length = (plotWidth * value) / max;
      doc.font(PDF_FONT).fontSize(labelSize).fillColor(PDF_COLORS.text);
      doc.text(bar.label, left, y + (rowHeight - labelSize) / 2 - 1, {
        width: labelWidth - 8,
        align: 'right',
        height: doc.currentLineHeight(), // one line, a long label cut with an ellipsis
        ellipsis: true,
      });
      if (length > 0)
        doc.rect(plotX, y + (rowHeight - barThickness) / 2, length, barThickness).fill(lightColor(bar.light));
      doc.fillColor(PDF_COLORS.text);
      doc.text(bar.valueText ?? bar.value.toFixed(2), plotX + length + 4, y + (rowHeight - labelSize) / 2 - 1, {
        width: valueWidth,
        lineBreak: false,
      });
    });

    let y = top + plotHeight + axisHeight;
    if (legendHeight > 0 && remaining.length === 0 && options.legend) {
      let x = plotX;
      doc.font(PDF_FONT).fontSize(8.5);
      for (const entry of options.legend) {
        doc.rect(x, y + 2, 9, 9).fill(lightColor(entry.light));
        doc.fillColor(PDF_COLORS.muted).text(entry.label, x + 13, y + 1, { lineBreak: false });
        x += 13 + doc.widthOfString(entry.label) + 16;
      }
      y += legendHeight;
    }
    doc.x = left;
    doc.y = y + 8;
    doc.fillColor(PDF_COLORS.text);
    continued = true;
  } while (remaining.length > 0);
}

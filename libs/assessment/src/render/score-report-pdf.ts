import { PDF_COLORS, createPdf, drawTable, finishPdf, writeText, type CellAlign } from './pdf.js';

export interface ScoreTableReport {
  title: string;
  subtitle: string;
  /** e.g. ['一级指标', '二级指标', '分值', '得分', '得分率', '扣分原因'] */
  columns: string[];
  /** One string per column; a shorter row is padded with empty cells. */
  rows: string[][];
  /** Paragraphs below the table (总分, 评价等次, 评审说明 …). */
  footer?: string[];
  /** PDF CreationDate; pass a fixed instant for byte-identical output (default: now). */
  createdAt?: Date | string;
}

const NUMBER = /^[-+]?\d+(\.\d+)?%?$/;

/**
 * A titled score table as an A4 PDF (e.g. a special-fund evaluation report): title, subtitle, a
 * table whose header repeats on every page and whose long cells wrap, then the footer lines.
 * Columns holding only numbers (or percentages) are right-aligned and never wrap.
 */
export async function renderScoreTablePdf(report: ScoreTableReport, fontPath: string): Promise<Buffer> {
  const createdAt = report.createdAt === undefined ? undefined : new Date(report.createdAt);
  if (createdAt && Number.isNaN(createdAt.getTime())) throw new RangeError(`报告日期无效：${String(report.createdAt)}`);
  const doc = createPdf(fontPath, { title: report.title, subject: report.subtitle, createdAt });

  writeText(doc, report.title, { size: 17, bold: true, align: 'center', after: 8, lineGap: 5 });
  if (report.subtitle)
    writeText(doc, report.subtitle, { size: 10.5, align: 'center', color: PDF_COLORS.muted, after: 14 });

  const width = report.columns.length;
  const rows = report.rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  drawTable(doc, {
    columns: report.columns.map((header, c) => ({ header, align: alignOf(rows.map((row) => row[c] ?? '')) })),
    rows,
  });

  if (report.footer && report.footer.length > 0) {
    doc.y += 6;
    for (const line of report.footer) writeText(doc, line, { size: 10.5, after: 4 });
  }
  return finishPdf(doc);
}

function alignOf(cells: string[]): CellAlign {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '' && c !== '—' && c !== '-');
  return filled.length > 0 && filled.every((c) => NUMBER.test(c)) ? 'right' : 'left';
}

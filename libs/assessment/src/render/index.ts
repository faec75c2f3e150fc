export type { BulletinRow, BulletinSnapshot, BulletinTier, Flag, LaggingTask, LateUnit } from './bulletin.types.js';
export { renderBulletinXlsx } from './bulletin-xlsx.js';
export { renderBulletinPdf } from './bulletin-pdf.js';
export { renderScoreTablePdf, type ScoreTableReport } from './score-report-pdf.js';
export { chineseDate, rankChangeText, revisionNote } from './bulletin-format.js';
export {
  PDF_COLORS,
  PDF_FONT,
  PDF_MARGINS,
  addPageNumbers,
  collectionFaces,
  createPdf,
  drawBarChart,
  drawTable,
  ensureSpace,
  finishPdf,
  writeText,
  type BarChartBar,
  type BarChartOptions,
  type CreatePdfOptions,
  type PdfDoc,
  type PdfTableCell,
  type PdfTableColumn,
  type PdfTableOptions,
  type PdfTableRow,
  type TextStyle,
} from './pdf.js';

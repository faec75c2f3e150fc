export {
  BULLETIN_SNAPSHOT_FORMAT,
  type BulletinRow,
  type BulletinSnapshot,
  type BulletinTier,
  type LagKind,
  type BulletinLag,
  type LateUnit,
  type Quantity,
  type TrafficLight,
} from './bulletin.types.js';
export {
  upgradeBulletinSnapshot,
  type LegacyBulletinSnapshot,
  type StoredBulletinSnapshot,
} from './bulletin-snapshot-upgrade.js';
export { renderBulletinXlsx } from './bulletin-xlsx.js';
export { renderBulletinPdf } from './bulletin-pdf.js';
export { bulletinDocument } from './bulletin-document.js';
export { renderOfficialDocx, GBT9704_FONTS, GBT9704_GRID, GBT9704_PAGE } from './document/gbt9704-docx.js';
export { renderOfficialPdf } from './document/official-pdf.js';
export type { DocumentBlock, DocumentTable, OfficialDocument } from './document/official-document.js';
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
  lightColor,
  tableStartHeight,
  textHeight,
  writeText,
  type BarChartBar,
  type BarChartOptions,
  type CreatePdfOptions,
  type PdfDoc,
  type PdfLight,
  type PdfTableCell,
  type PdfTableColumn,
  type PdfTableOptions,
  type PdfTableRow,
  type TextStyle,
} from './pdf.js';

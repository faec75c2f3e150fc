import { PDF_COLORS, createPdf, drawTable, finishPdf, writeText, type CellAlign } from '../pdf.js';
import type { OfficialDocument } from './official-document.js';

/**
 * The same document as a PDF, by the platform's PDF code path (PDFKit, the embedded CJK font, tables whose
 * header repeats): for reading and printing as it stands. The .docx is the one the office edits.
 */
/** Two ideographic spaces: the first-line indent of Chinese body text. */
const INDENT = '\u3000\u3000';

export async function renderOfficialPdf(doc: OfficialDocument, fontPath: string): Promise<Buffer> {
  const pdf = createPdf(fontPath, { title: doc.title, subject: doc.issuer, createdAt: doc.createdAt });
  writeText(pdf, doc.title, { size: 17, bold: true, align: 'center', after: 14, lineGap: 5 });
  if (doc.recipients) writeText(pdf, doc.recipients, { size: 12, after: 6 });
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading1':
        writeText(pdf, block.text, { size: 13, bold: true, after: 6, keepWithNext: 60 });
        break;
      case 'heading2':
        writeText(pdf, block.text, { size: 12, bold: true, after: 4, keepWithNext: 48 });
        break;
      case 'paragraph':
        writeText(pdf, `${INDENT}${block.text}`, { size: 12, after: 6, lineGap: 4, align: 'justify' });
        break;
      case 'placeholder':
        writeText(pdf, `${INDENT}【${block.text}】`, { size: 12, after: 6, color: PDF_COLORS.muted });
        break;
      case 'table': {
        const numeric = new Set(block.table.numeric ?? []);
        drawTable(pdf, {
          columns: block.table.headers.map((header, c) => ({
            header,
            align: (numeric.has(c) ? 'right' : 'left') satisfies CellAlign,
          })),
          rows: block.table.rows,
        });
        pdf.y += 4;
        if (block.table.note) writeText(pdf, block.table.note, { size: 9, color: PDF_COLORS.muted, after: 8 });
        break;
      }
    }
  }
  pdf.y += 18;
  writeText(pdf, doc.issuer, { size: 12, align: 'right' });
  writeText(pdf, doc.dateLine, { size: 12, align: 'right' });
  return finishPdf(pdf);
}

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
// Registers pdf.js's worker code on this thread as the module loads, rather than inside the first test's time.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/** What renderer specs read from a PDF, through pdf.js's text extraction (its Node build: no canvas, no poppler). */
export interface PdfPageText {
  /** The page's text items in drawing order, without the whitespace pdf.js puts between them. */
  runs: string[];
  /** The runs joined with no separator. */
  text: string;
  /** Number of .notdef glyphs shown (characters the font does not have). */
  notdef: number;
}

/** PDFKit's ToUnicode map gives its .notdef glyph (code 0 of the embedded subset) the text U+0000. */
const NOTDEF = '\u0000';

/** Text of each page, in page order. */
export async function pdfPages(pdf: Buffer): Promise<PdfPageText[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const runs = (await (await document.getPage(n)).getTextContent()).items
        .map((item) => ('str' in item ? item.str : ''))
        .filter((str) => str.trim() !== '');
      const text = runs.join('');
      pages.push({ runs, text, notdef: text.split(NOTDEF).length - 1 });
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

export async function pageCount(pdf: Buffer): Promise<number> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    return document.numPages;
  } finally {
    await document.destroy();
  }
}

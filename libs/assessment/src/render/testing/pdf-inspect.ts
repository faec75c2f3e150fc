import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What renderer specs read from a PDF, through pdf.js (its Node build: no canvas, no poppler). */
export interface PdfPageText {
  /** The page's text items in drawing order, without the whitespace pdf.js puts between them. */
  runs: string[];
  /** The runs joined with no separator. */
  text: string;
  /** Number of .notdef glyphs shown (characters the font does not have). */
  notdef: number;
}

/** Text of each page, in page order. */
export async function pdfPages(pdf: Buffer): Promise<PdfPageText[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const runs = (await page.getTextContent()).items
        .map((item) => ('str' in item ? item.str : ''))
        .filter((str) => str.trim() !== '');
      const operators = await page.getOperatorList();
      const shown = operators.fnArray.flatMap((fn, i): unknown[] =>
        fn === OPS.showText ? (operators.argsArray[i]?.[0] ?? []) : [],
      );
      pages.push({ runs, text: runs.join(''), notdef: shown.filter(isNotdef).length });
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

/** PDFKit's fonts are Identity-H subsets whose code 0 is the .notdef glyph. */
function isNotdef(glyph: unknown): boolean {
  return typeof glyph === 'object' && glyph !== null && 'originalCharCode' in glyph && glyph.originalCharCode === 0;
}

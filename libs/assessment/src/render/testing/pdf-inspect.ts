import { inflateSync } from 'node:zlib';

/**
 * Just enough PDF reading for renderer specs, with no poppler: objects, inflated streams, page
 * count and the text of each page decoded through the font's ToUnicode map. It understands what
 * PDFKit writes (one embedded Identity-H font, hex strings in TJ arrays), not PDF in general.
 */

interface PdfObject {
  id: number;
  dict: string;
  stream: Buffer | null;
}

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1'); // one char per byte, so string offsets are byte offsets
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const pos = m.index + m[0].length;
    const streamAt = text.indexOf('stream', pos);
    const endAt = text.indexOf('endobj', pos);
    if (endAt < 0) break;
    if (streamAt < 0 || streamAt > endAt) {
      objects.set(Number(m[1]), { id: Number(m[1]), dict: text.slice(pos, endAt), stream: null });
      re.lastIndex = endAt;
      continue;
    }
    const dict = text.slice(pos, streamAt);
    const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
    const length = lengthOf(dict) ?? text.indexOf('endstream', dataStart) - dataStart;
    const raw = pdf.subarray(dataStart, dataStart + length);
    objects.set(Number(m[1]), {
      id: Number(m[1]),
      dict,
      stream: /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : raw,
    });
    re.lastIndex = dataStart + length;
  }
  return objects;
}

function lengthOf(dict: string): number | null {
  const m = /\/Length (\d+)(?!\s+0\s+R)/.exec(dict);
  return m ? Number(m[1]) : null;
}

export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page[^s]/g) ?? []).length;
}

/** Glyph code → text, from every ToUnicode CMap in the file. */
function toUnicode(objects: Map<number, PdfObject>): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string): string => {
    const units: number[] = [];
    for (let i = 0; i < h.length; i += 4) units.push(parseInt(h.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const object of objects.values()) {
    const cmap = object.stream?.toString('latin1') ?? '';
    if (!cmap.includes('begincmap')) continue;
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      const arrays = /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi;
      for (const line of (block[1] ?? '').matchAll(arrays)) {
        const first = parseInt(line[1] ?? '0', 16);
        [...(line[3] ?? '').matchAll(/<([0-9a-f]+)>/gi)].forEach((entry, i) => map.set(first + i, hex(entry[1] ?? '')));
      }
      for (const line of (block[1] ?? '')
        .replace(arrays, '')
        .matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) {
        const first = parseInt(line[1] ?? '0', 16);
        const last = parseInt(line[2] ?? '0', 16);
        const base = parseInt(line[3] ?? '0', 16);
        for (let code = first; code <= last; code++) map.set(code, String.fromCharCode(base + code - first));
      }
    }
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const line of (block[1] ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
        map.set(parseInt(line[1] ?? '0', 16), hex(line[2] ?? ''));
    }
  }
  return map;
}

export interface PdfPageText {
  /** Every text-showing operation of the page, decoded, in drawing order. */
  runs: string[];
  /** The runs joined with no separator. */
  text: string;
  /** Number of glyph codes 0 (.notdef: a character the font does not have). */
  notdef: number;
}

/** Text of each page, in page order. */
export function pdfPages(pdf: Buffer): PdfPageText[] {
  const objects = pdfObjects(pdf);
  const unicode = toUnicode(objects);
  const tree = [...objects.values()].find((o) => /\/Type \/Pages/.test(o.dict));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(tree?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) =>
    Number(k[1]),
  );
  const pages = kids.map((id) => objects.get(id)).filter((o): o is PdfObject => o !== undefined);
  return pages.map((page) => {
    const refs = /\/Contents (\d+) 0 R/.exec(page.dict);
    const content = refs ? (objects.get(Number(refs[1]))?.stream?.toString('latin1') ?? '') : '';
    const runs: string[] = [];
    let notdef = 0;
    for (const op of content.matchAll(/\[((?:<[0-9a-f]*>|[\s\d.-])*)\]\s*TJ/gi)) {
      let run = '';
      for (const str of (op[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)) {
        const h = str[1] ?? '';
        for (let i = 0; i < h.length; i += 4) {
          const code = parseInt(h.slice(i, i + 4), 16);
          if (code === 0) notdef += 1;
          run += unicode.get(code) ?? '\uFFFD';
        }
      }
      runs.push(run);
    }
    return { runs, text: runs.join(''), notdef };
  });
}

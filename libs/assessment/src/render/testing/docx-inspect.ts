import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

/** One element as fast-xml-parser's ordered form gives it: `{ 'w:p': [...children], ':@': {attributes} }`. */
type XmlNode = Record<string, unknown>;

// Text exactly as written: no trimming ("— " keeps its space) and no number parsing ("92.50" stays a string).
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

const nameOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ':@') ?? '';
const childrenOf = (node: XmlNode): XmlNode[] => {
  const value = node[nameOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};
const attrsOf = (node: XmlNode) => (node[':@'] as Record<string, string> | undefined) ?? {};

function find(nodes: XmlNode[], name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    if (nameOf(node) === name) out.push(node);
    else out.push(...find(childrenOf(node), name));
  }
  return out;
}

/** Every w:t under the node, joined. */
function textOf(nodes: XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === '#text') out += String(node['#text']);
    else if (name === 'w:tab') out += '\t';
    else out += textOf(childrenOf(node));
  }
  return out;
}

export interface DocxInspection {
  /** Body paragraphs outside tables, in order. */
  paragraphs: string[];
  /** Each table's rows of cell texts. */
  tables: string[][][];
  /** Per table: its first row repeats on each page (w:tblHeader). */
  repeatedHeaders: boolean[];
  /** East Asian font of each run whose text is `text`… keyed by the run's text. */
  fontOf: (text: string) => string | undefined;
  /** Size (half-points) of the first run containing `text`. */
  sizeOf: (text: string) => number | undefined;
  /** Character spacing (twentieths of a point) of the first run containing `text`; 0 when unset. */
  spacingOf: (text: string) => number;
  page: { width: number; height: number; top: number; bottom: number; left: number; right: number };
  grid: { type: string; linePitch: number; charSpace: number };
  /** Footer XML texts, by reference type (default = odd pages, even). */
  footers: Record<string, { text: string; alignment: string }>;
  evenAndOddFooters: boolean;
}

/** Opens a .docx as Word would read it: document.xml, settings.xml and the footers it references. */
export async function inspectDocx(buffer: Buffer): Promise<DocxInspection> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`${path} is missing from the .docx`);
    return parser.parse(await file.async('string')) as XmlNode[];
  };
  const document = await read('word/document.xml');
  const rels = find(await read('word/_rels/document.xml.rels'), 'Relationship').map(attrsOf);
  const body = find(document, 'w:body')[0]!;
  const paragraphs = childrenOf(body)
    .filter((n) => nameOf(n) === 'w:p')
    .map((p) => textOf(childrenOf(p)));
  const tableNodes = find(document, 'w:tbl');
  const tables = tableNodes.map((t) =>
    find(childrenOf(t), 'w:tr').map((tr) => find(childrenOf(tr), 'w:tc').map((tc) => textOf(childrenOf(tc)))),
  );
  const repeatedHeaders = tableNodes.map(
    (t) => find(childrenOf(find(childrenOf(t), 'w:tr')[0]!), 'w:tblHeader').length > 0,
  );
  const runs = find(document, 'w:r').map((r) => {
    const props = find(childrenOf(r), 'w:rPr')[0];
    const fonts = props ? find(childrenOf(props), 'w:rFonts')[0] : undefined;
    const size = props ? find(childrenOf(props), 'w:sz')[0] : undefined;
    const spacing = props ? find(childrenOf(props), 'w:spacing')[0] : undefined;
    return {
      text: textOf(find(childrenOf(r), 'w:t')),
      font: fonts ? attrsOf(fonts)['w:eastAsia'] : undefined,
      size: size ? Number(attrsOf(size)['w:val']) : undefined,
      spacing: spacing ? Number(attrsOf(spacing)['w:val']) : 0,
    };
  });
  const sectPr = find(childrenOf(body), 'w:sectPr')[0]!;
  const attr = (name: string) => attrsOf(find(childrenOf(sectPr), name)[0]!);
  const number = (value: string | undefined) => Number(value ?? NaN);
  const footers: DocxInspection['footers'] = {};
  for (const ref of find(childrenOf(sectPr), 'w:footerReference').map(attrsOf)) {
    const target = rels.find((r) => r.Id === ref['r:id'])?.Target;
    if (!target) continue;
    const footer = await read(`word/${target}`);
    const jc = find(footer, 'w:jc')[0];
    footers[ref['w:type'] ?? 'default'] = {
      text: textOf(footer),
      alignment: jc ? (attrsOf(jc)['w:val'] ?? '') : '',
    };
  }
  const settings = await read('word/settings.xml');
  return {
    paragraphs,
    tables,
    repeatedHeaders,
    fontOf: (text) => runs.find((r) => r.text.includes(text))?.font,
    sizeOf: (text) => runs.find((r) => r.text.includes(text))?.size,
    spacingOf: (text) => runs.find((r) => r.text.includes(text))?.spacing ?? 0,
    page: {
      width: number(attr('w:pgSz')['w:w']),
      height: number(attr('w:pgSz')['w:h']),
      top: number(attr('w:pgMar')['w:top']),
      bottom: number(attr('w:pgMar')['w:bottom']),
      left: number(attr('w:pgMar')['w:left']),
      right: number(attr('w:pgMar')['w:right']),
    },
    grid: {
      type: attr('w:docGrid')['w:type'] ?? '',
      linePitch: number(attr('w:docGrid')['w:linePitch']),
      charSpace: number(attr('w:docGrid')['w:charSpace']),
    },
    footers,
    evenAndOddFooters: find(settings, 'w:evenAndOddHeaders').length > 0,
  };
}

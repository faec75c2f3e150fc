// Shared by the reader's specs: workbooks assembled part by part, byte by byte where it matters,
// so a test decides the entry order, the relationship targets, the sizes a ZIP declares and the
// compressed data itself (a zip bomb is a few thousand copies of one flushed deflate block).
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Stored instead of deflated. */
  store?: boolean;
}

/** Compressed bytes given as they are, with the sizes and checksum the archive will declare. */
export interface RawZipEntry {
  name: string;
  compressed: Buffer;
  uncompressedSize: number;
  crc: number;
}

/** A ZIP archive with the entries in the given order (no data descriptors, no ZIP64). */
export function zipOf(entries: (ZipEntry | RawZipEntry)[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    let compressed: Buffer;
    let size: number;
    let crc: number;
    let method: number;
    if ('compressed' in entry) {
      ({ compressed, uncompressedSize: size, crc } = entry);
      method = 8;
    } else {
      const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
      compressed = entry.store ? data : deflateRawSync(data);
      size = data.length;
      crc = crc32(data);
      method = entry.store ? 0 : 8;
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5621, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5621, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    directory.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

/**
 * Deflated data that inflates to `prefix` followed by `megabytes` MiB of `filler`: one block of
 * a mebibyte, flushed so that it stands alone, repeated. The declared checksum is that of the
 * prefix only: a reader that inflates it all finds it wrong, but only at the very end.
 */
export function bombEntry(name: string, prefix: string, megabytes: number, filler = ' '): RawZipEntry {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const head = deflateRawSync(Buffer.from(prefix, 'utf8'), flush);
  const block = deflateRawSync(Buffer.alloc(1024 * 1024, filler), flush);
  const last = deflateRawSync(Buffer.alloc(0));
  const compressed = Buffer.concat([head, ...Array.from({ length: megabytes }, () => block), last]);
  // Below 4 GiB, so the archive needs no ZIP64 record and declares the true size.
  return { name, compressed, uncompressedSize: prefix.length + megabytes * 1024 * 1024, crc: crc32(prefix) };
}

/** The archive with every entry of that name declaring `size` uncompressed bytes, in its local header and in the central directory. */
export function withDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const wanted = Buffer.from(name, 'utf8');
  for (let p = 0; p + 30 < out.length; p++) {
    const signature = out.readUInt32LE(p);
    if (
      signature === 0x04034b50 &&
      out.subarray(p + 30, p + 30 + wanted.length).equals(wanted) &&
      out.readUInt16LE(p + 26) === wanted.length
    )
      out.writeUInt32LE(size, p + 22);
    if (
      signature === 0x02014b50 &&
      out.subarray(p + 46, p + 46 + wanted.length).equals(wanted) &&
      out.readUInt16LE(p + 28) === wanted.length
    )
      out.writeUInt32LE(size, p + 24);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The parts of a workbook.

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A cell: a shared-string index, a number, or any XML (`<c …>…</c>`) given as it is. */
export type SheetCell =
  | { ref: string; s: number; style?: number }
  | { ref: string; n: number | string; style?: number }
  | { ref: string; xml: string };

export function sheetXml(cells: SheetCell[], merges: string[] = [], extra = ''): string {
  const rows = new Map<number, string[]>();
  for (const cell of cells) {
    const row = Number(/\d+$/.exec(cell.ref)![0]);
    const style = 'xml' in cell || cell.style === undefined ? '' : ` s="${cell.style}"`;
    const xml =
      'xml' in cell
        ? cell.xml
        : 's' in cell
          ? `<c r="${cell.ref}"${style} t="s"><v>${cell.s}</v></c>`
          : `<c r="${cell.ref}"${style}><v>${cell.n}</v></c>`;
    rows.set(row, [...(rows.get(row) ?? []), xml]);
  }
  const sheetData = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, xml]) => `<row r="${row}">${xml.join('')}</row>`)
    .join('');
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${sheetData}</sheetData>${mergeXml}${extra}</worksheet>`;
}

export function sharedStringsXml(strings: string[]): string {
  return (
    `${DECLARATION}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
    `${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`
  );
}

/** `numFmtIds` per cell format (the `s` of a cell indexes this list); custom codes by id. */
export function stylesXml(numFmtIds: number[], custom: Record<number, string> = {}): string {
  const numFmts = Object.entries(custom).map(
    ([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`,
  );
  return (
    `${DECLARATION}<styleSheet xmlns="${MAIN}">` +
    (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
    '<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>' +
    `<cellXfs count="${numFmtIds.length}">${numFmtIds.map((id) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`
  );
}

export interface WorkbookSheet {
  name: string;
  /** The relationship target as the workbook's rels will give it: `worksheets/sheet3.xml`, `/xl/worksheets/sheet1.xml` … */
  target: string;
  /** The part's path in the archive. */
  path: string;
  sheetId: number;
  xml: string;
}

/**
 * The parts of a workbook laid out the way Excel writes them: `xl/workbook.xml` first, then the
 * relationships, the sheets (in `entryOrder`, default as given), shared strings and styles.
 */
export function workbookEntries(
  sheets: WorkbookSheet[],
  options: { sharedStrings?: string; styles?: string; workbookPr?: string; entryOrder?: number[] } = {},
): ZipEntry[] {
  const sheetList = sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${s.sheetId}" r:id="rIdSheet${i + 1}"/>`)
    .join('');
  const workbook =
    `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.workbookPr ?? ''}` +
    `<bookViews><workbookView/></bookViews><sheets>${sheetList}</sheets></workbook>`;
  const rels = [
    ...sheets.map(
      (s, i) => `<Relationship Id="rIdSheet${i + 1}" Type="${REL}/worksheet" Target="${escapeXml(s.target)}"/>`,
    ),
    options.sharedStrings !== undefined
      ? `<Relationship Id="rIdStrings" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
      : '',
    options.styles !== undefined ? `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="/xl/styles.xml"/>` : '',
    `<Relationship Id="rIdLink" Type="${REL}/hyperlink" Target="https://example.org/x.xlsx" TargetMode="External"/>`,
  ].join('');
  const order = options.entryOrder ?? sheets.map((_, i) => i);
  return [
    { name: 'xl/workbook.xml', data: workbook },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${DECLARATION}<Relationships xmlns="${PKG_REL}">${rels}</Relationships>`,
    },
    {
      name: '[Content_Types].xml',
      data:
        `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="xml" ContentType="application/xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${DECLARATION}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    ...order.map((i) => ({ name: sheets[i]!.path, data: sheets[i]!.xml })),
    ...(options.sharedStrings !== undefined ? [{ name: 'xl/sharedStrings.xml', data: options.sharedStrings }] : []),
    ...(options.styles !== undefined ? [{ name: 'xl/styles.xml', data: options.styles }] : []),
  ];
}

/** A one-sheet workbook (`Sheet1`, `xl/worksheets/sheet1.xml`) with its shared strings. */
export function oneSheetWorkbook(sheet: string, strings: string[] = [], styles?: string): Buffer {
  return zipOf(
    workbookEntries(
      [{ name: 'Sheet1', target: 'worksheets/sheet1.xml', path: 'xl/worksheets/sheet1.xml', sheetId: 1, xml: sheet }],
      {
        sharedStrings: sharedStringsXml(strings),
        ...(styles !== undefined ? { styles } : {}),
      },
    ),
  );
}

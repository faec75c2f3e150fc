import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { DocumentBlock, DocumentTable, OfficialDocument } from './official-document.js';

/*
 * GB/T 9704-2012 (党政机关公文格式) in Word's units. 1 mm = 1440 / 25.4 twips; font sizes in half-points
 * (2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt).
 */
const mm = (value: number) => Math.round((value * 1440) / 25.4);

/** A4, text block 156 mm × 225 mm: top 37 mm, left (binding) 28 mm, so right 26 mm and bottom 35 mm. */
export const GBT9704_PAGE = {
  width: mm(210),
  height: mm(297),
  top: mm(37),
  left: mm(28),
  right: mm(210 - 28 - 156),
  bottom: mm(297 - 37 - 225),
  textWidth: mm(156),
  /** The page number's line sits 7 mm below the text block. */
  footer: mm(297 - 37 - 225 - 7 - 5),
} as const;

/**
 * 22 lines of 28 characters in 3号: a line grid of 22 lines in the text block, and body text condensed by
 * `characterSpacing` (twentieths of a point) so that 28 characters of 16 pt fit in 156 mm. A character grid
 * would do the latter too, but word processors that substitute the fonts then spread every character,
 * digits and table text included, to the grid's pitch.
 */
export const GBT9704_GRID = {
  linePitch: Math.floor(mm(225) / 22),
  characterSpacing: Math.floor((((156 / 25.4) * 72) / 28 - 16) * 20),
} as const;

export const GBT9704_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

const SIZE = { title: 44, body: 32, pageNumber: 28, table: 24, recordLine: 28 } as const;
/** Two 3号 characters: the first-line indent of body text, and the 空二字 of headings. */
const TWO_CHARS = 640;
const RED = 'FF0000';

const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });

function run(text: string, face: string, size: number, extra: { bold?: boolean; color?: string } = {}): TextRun {
  const condensed = size === SIZE.body ? { characterSpacing: GBT9704_GRID.characterSpacing } : {};
  return new TextRun({ text, font: font(face), size, ...condensed, ...extra });
}

const bodyParagraph = (text: string) =>
  new Paragraph({ indent: { firstLine: TWO_CHARS }, children: [run(text, GBT9704_FONTS.body, SIZE.body)] });

const blankLine = () => new Paragraph({ children: [] });

/** The 发文机关标志 on one line: at most 26 pt (half-points 52), smaller for a long name. */
function mastheadSize(text: string): number {
  const textWidthPt = (156 / 25.4) * 72;
  return Math.min(52, Math.floor((textWidthPt / text.length) * 2));
}

/** 版头: the issuer in red 小标宋, the 发文字号, and the red separation line as wide as the text block. */
function masthead(doc: OfficialDocument): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: mm(20), lineRule: LineRuleType.AT_LEAST },
      children: [run(`${doc.issuer}文件`, GBT9704_FONTS.title, mastheadSize(`${doc.issuer}文件`), { color: RED })],
    }),
    blankLine(),
  ];
  if (doc.docNumber !== null)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            text: doc.docNumber,
            font: font(GBT9704_FONTS.body),
            size: SIZE.body,
            highlight: HighlightColor.YELLOW,
          }),
        ],
      }),
    );
  out.push(
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 1 } },
      children: [],
    }),
    blankLine(),
  );
  return out;
}

function cellParagraph(text: string, header: boolean, numeric: boolean): Paragraph {
  return new Paragraph({
    alignment: header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    // Table text keeps its own line height: it does not snap to the body's 22-line grid.
    children: [
      new TextRun({
        text,
        font: font(header ? GBT9704_FONTS.heading1 : GBT9704_FONTS.body),
        size: SIZE.table,
        snapToGrid: false,
      }),
    ],
  });
}

/** A table across the text block; its header row repeats on every page it runs onto. */
function table(spec: DocumentTable): (Table | Paragraph)[] {
  const weights = spec.widths ?? spec.headers.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((GBT9704_PAGE.textWidth * w) / sum));
  const numeric = new Set(spec.numeric ?? []);
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            margins: { left: 60, right: 60, top: 30, bottom: 30 },
            children: [cellParagraph(text, header, !header && numeric.has(i))],
          }),
      ),
    });
  const out: (Table | Paragraph)[] = [
    new Table({
      width: { size: GBT9704_PAGE.textWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      rows: [row(spec.headers, true), ...spec.rows.map((r) => row(r, false))],
    }),
  ];
  if (spec.note)
    out.push(
      new Paragraph({
        spacing: { line: 360, lineRule: LineRuleType.AUTO },
        children: [run(spec.note, GBT9704_FONTS.body, SIZE.table)],
      }),
    );
  return out;
}

function block(b: DocumentBlock): (Table | Paragraph)[] {
  switch (b.kind) {
    case 'heading1':
      return [
        new Paragraph({ indent: { firstLine: TWO_CHARS }, children: [run(b.text, GBT9704_FONTS.heading1, SIZE.body)] }),
      ];
    case 'heading2':
      return [
        new Paragraph({ indent: { firstLine: TWO_CHARS }, children: [run(b.text, GBT9704_FONTS.heading2, SIZE.body)] }),
      ];
    case 'paragraph':
      return [bodyParagraph(b.text)];
    case 'placeholder':
      return [
        new Paragraph({
          indent: { firstLine: TWO_CHARS },
          children: [
            new TextRun({
              text: `【${b.text}】`,
              font: font(GBT9704_FONTS.body),
              size: SIZE.body,
              highlight: HighlightColor.YELLOW,
            }),
          ],
        }),
      ];
    case 'table':
      return table(b.table);
  }
}

/** 发文机关署名 and 成文日期, right, 空四字; the seal line the office stamps over. */
function signature(doc: OfficialDocument): Paragraph[] {
  const right = (text: string, highlight = false) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: TWO_CHARS * 2 },
      children: [
        new TextRun({
          text,
          font: font(GBT9704_FONTS.body),
          size: SIZE.body,
          ...(highlight ? { highlight: HighlightColor.YELLOW } : {}),
        }),
      ],
    });
  // A notice's date and seal are the office's to complete; a report is dated when it is made.
  if (doc.kind === 'report') return [blankLine(), right(doc.issuer), right(doc.dateLine)];
  return [blankLine(), blankLine(), right(doc.issuer), right(doc.dateLine, true), right('（印章）', true)];
}

/** 版记: 抄送 and 印发机关、印发日期 between lines as wide as the text block. */
function record(doc: OfficialDocument): Paragraph[] {
  const line = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });
  const out = [blankLine()];
  if (doc.copyTo)
    out.push(
      new Paragraph({
        border: { top: line(8) },
        indent: { left: 320, right: 320 },
        children: [run(`抄送：${doc.copyTo}。`, GBT9704_FONTS.body, SIZE.recordLine)],
      }),
    );
  out.push(
    new Paragraph({
      border: { top: line(doc.copyTo ? 6 : 8), bottom: line(8) },
      indent: { left: 320, right: 320 },
      tabStops: [{ type: 'right', position: GBT9704_PAGE.textWidth - 640 }],
      children: [
        run(doc.issuer, GBT9704_FONTS.body, SIZE.recordLine),
        new TextRun({ text: `\t${doc.dateLine}印发`, font: font(GBT9704_FONTS.body), size: SIZE.recordLine }),
      ],
    }),
  );
  return out;
}

/** 页码 "— 1 —" in 4号宋体: odd pages right and even pages left, each 空一字 from the edge. */
function pageNumberFooter(alignment: 'left' | 'right'): Footer {
  const oneChar = 280;
  return new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: alignment === 'right' ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(GBT9704_FONTS.pageNumber),
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });
}

/** The document as an editable .docx laid out by GB/T 9704-2012. */
export async function renderOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    ...(doc.kind === 'notice' ? masthead(doc) : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: mm(12), lineRule: LineRuleType.AT_LEAST },
      children: [run(doc.title, GBT9704_FONTS.title, SIZE.title)],
    }),
    blankLine(),
  ];
  if (doc.recipients) children.push(new Paragraph({ children: [run(doc.recipients, GBT9704_FONTS.body, SIZE.body)] }));
  for (const b of doc.blocks) children.push(...block(b));
  children.push(...signature(doc), ...(doc.kind === 'notice' ? record(doc) : []));
  const document = new Document({
    title: doc.title,
    creator: doc.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(GBT9704_FONTS.body), size: SIZE.body },
          paragraph: { spacing: { line: GBT9704_GRID.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: GBT9704_PAGE.width, height: GBT9704_PAGE.height },
            margin: {
              top: GBT9704_PAGE.top,
              bottom: GBT9704_PAGE.bottom,
              left: GBT9704_PAGE.left,
              right: GBT9704_PAGE.right,
              header: mm(15),
              footer: GBT9704_PAGE.footer,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GBT9704_GRID.linePitch },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

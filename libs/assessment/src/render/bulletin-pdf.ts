import type { BulletinSnapshot, BulletinTier, TrafficLight } from './bulletin.types.js';
import {
  LIGHT_LEGEND,
  LIGHT_NOTE,
  LIGHT_TEXT,
  chineseDate,
  decimalOrNull,
  fullMarks,
  publishedDate,
  quantityText,
  rankChangeText,
  rankText,
  revisionNote,
} from './bulletin-format.js';
import {
  PDF_COLORS,
  PDF_FONT,
  contentWidth,
  createPdf,
  drawBarChart,
  drawTable,
  ensureSpace,
  tableColumnWidths,
  tableStartHeight,
  textHeight,
  finishPdf,
  writeText,
  type PdfDoc,
  type PdfTableCell,
  type PdfTableColumn,
  type PdfTableOptions,
  type PdfTableRow,
  type TextStyle,
} from './pdf.js';

const SECTION: TextStyle = { size: 13.5, bold: true, after: 6 };
const TIER: TextStyle = { size: 12, bold: true, after: 6 };
const NOTE: TextStyle = { size: 9.5, color: PDF_COLORS.muted };
const EMPTY: TextStyle = { after: 12 };
/** Space drawTable leaves below a table plus the gap the bulletin adds before the next paragraph. */
const AFTER_TABLE = 6 + 8;

/**
 * The published bulletin as a printable A4 PDF: title, issuer and date, the correction note of a
 * revision, per tier the ranking table and a bar chart of totals, then the lagging tasks,
 * indicators and projects (each figure with its own unit) and the late units, and the legend of the
 * traffic lights. A heading never ends a page without the start of its table, and the closing
 * note never stands alone on a page. The CJK font at fontPath is embedded as a subset; the same
 * snapshot always gives the same bytes (CreationDate is publishedAt).
 */
export async function renderBulletinPdf(snapshot: BulletinSnapshot, fontPath: string): Promise<Buffer> {
  const doc = createPdf(fontPath, {
    title: snapshot.title,
    author: snapshot.issuer,
    subject: `${snapshot.cityName} ${snapshot.quarterKey} 第${snapshot.revision}版`,
    createdAt: publishedDate(snapshot),
  });

  writeText(doc, snapshot.title, { size: 18, bold: true, align: 'center', after: 10, lineGap: 6 });
  writeText(doc, snapshot.issuer, { size: 11, align: 'center', after: 3, color: PDF_COLORS.muted });
  writeText(doc, chineseDate(snapshot.publishedAt), { size: 11, align: 'center', after: 12, color: PDF_COLORS.muted });
  const note = revisionNote(snapshot);
  if (note) correctionBox(doc, `更正说明：${note}`);

  const intro =
    `考评方案：${snapshot.schemeName}（第${snapshot.schemeVersion}版）。` +
    '各类县（市、区）分别排名，总分相同者名次并列。';
  const introStyle: TextStyle = { size: 10, color: PDF_COLORS.muted, after: 8 };
  // One set of column widths for every tier, so the tables line up.
  const widths = tableColumnWidths(
    doc,
    rankingColumns(snapshot),
    snapshot.tiers.flatMap((tier) => rankingRows(snapshot, tier)),
    9.5,
    4,
  );
  const first = snapshot.tiers[0];
  writeText(doc, `${cn(1)}、各县（市、区）排名情况`, {
    ...SECTION,
    keepWithNext:
      textHeight(doc, intro, introStyle) +
      (first ? textHeight(doc, tierHeading(first, 1), TIER) + tierStart(doc, snapshot, first, widths) : 0),
  });
  writeText(doc, intro, introStyle);
  const max = chartMax(snapshot);
  snapshot.tiers.forEach((tier, i) => tierSection(doc, snapshot, tier, i + 1, max, widths));

  const noteRoom = AFTER_TABLE + textHeight(doc, LIGHT_NOTE, NOTE);
  const lagging = laggingTable(snapshot);
  writeText(doc, `${cn(2)}、滞后任务、指标和项目（${snapshot.lagging.length}项）`, {
    ...SECTION,
    keepWithNext: lagging ? tableStartHeight(doc, lagging) : textHeight(doc, '本季度无滞后事项。', EMPTY),
  });
  if (lagging) {
    drawTable(doc, lagging);
    doc.y += 8;
  } else {
    writeText(doc, '本季度无滞后事项。', EMPTY);
  }

  const late = lateTable(snapshot, noteRoom);
  const noLate = '本季度无迟报、未报单位。';
  writeText(doc, `${cn(3)}、迟报、未报单位（${snapshot.lateUnits.length}个）`, {
    ...SECTION,
    keepWithNext: late
      ? tableStartHeight(doc, late)
      : textHeight(doc, noLate, EMPTY) + textHeight(doc, LIGHT_NOTE, NOTE),
  });
  if (late) {
    drawTable(doc, late);
    doc.y += 8;
  } else {
    writeText(doc, noLate, { ...EMPTY, keepWithNext: textHeight(doc, LIGHT_NOTE, NOTE) });
  }

  writeText(doc, LIGHT_NOTE, NOTE);
  return finishPdf(doc);
}

function laggingTable(snapshot: BulletinSnapshot): PdfTableOptions | null {
  if (snapshot.lagging.length === 0) return null;
  return {
    columns: [
      { header: '序号', align: 'center' },
      { header: '事项' },
      { header: '单位', align: 'center' },
      { header: '累计完成', align: 'right' },
      { header: '序时进度', align: 'right' },
      { header: '预警', align: 'center', width: 40 },
    ],
    rows: snapshot.lagging.map((item, i) => [
      String(i + 1),
      item.label,
      item.unitName,
      quantityText(item.actual),
      quantityText(item.expected),
      lightCell(item.light),
    ]),
  };
}

function lateTable(snapshot: BulletinSnapshot, noteRoom: number): PdfTableOptions | null {
  if (snapshot.lateUnits.length === 0) return null;
  return {
    columns: [
      { header: '序号', align: 'center' },
      { header: '单位', align: 'center' },
      { header: '迟报（次）', align: 'right' },
      { header: '未报（次）', align: 'right' },
      { header: '预警', align: 'center', width: 40 },
    ],
    rows: snapshot.lateUnits.map((u, i) => [
      String(i + 1),
      u.unitName,
      String(u.late),
      String(u.missing),
      lightCell(u.light),
    ]),
    keepTogether: true,
    keepWithFollowing: noteRoom,
  };
}

/** Ranking-table columns; long score headers break before their points: 指标进度 / （60分）. */
function rankingColumns(snapshot: BulletinSnapshot): PdfTableColumn[] {
  return [
    { header: '名次', align: 'center', width: 34 },
    { header: '县（市、区）', align: 'center' },
    { header: '总分（分）', align: 'right' },
    ...snapshot.columns.map((header) => ({
      header: header.length > 5 ? header.replace(/\s*([（(])/, '\n$1') : header,
      align: 'right' as const,
    })),
    { header: '较上季度', align: 'center' },
    { header: '预警', align: 'center', width: 40 },
  ];
}

function rankingRows(snapshot: BulletinSnapshot, tier: BulletinTier): PdfTableRow[] {
  return tier.rows.map((row) => [
    rankText(row.rank),
    row.unitName,
    { text: row.total, bold: true },
    ...snapshot.columns.map((_, i) => row.subtotals[i] ?? ''),
    rankChangeText(row),
    lightCell(row.light),
  ]);
}

function tierHeading(tier: BulletinTier, index: number): string {
  return `（${cn(index)}）${tier.label}（${tier.rows.length}个）`;
}

function tierTable(snapshot: BulletinSnapshot, tier: BulletinTier, widths: number[]): PdfTableOptions {
  return { columns: rankingColumns(snapshot), rows: rankingRows(snapshot, tier), widths, keepTogether: true };
}

/** Room a tier heading keeps below itself: its table (kept together), or the line saying the tier is empty. */
function tierStart(doc: PdfDoc, snapshot: BulletinSnapshot, tier: BulletinTier, widths: number[]): number {
  return tier.rows.length > 0
    ? tableStartHeight(doc, tierTable(snapshot, tier, widths))
    : textHeight(doc, TIER_EMPTY, TIER_EMPTY_STYLE);
}

const TIER_EMPTY = '本类无参与排名的单位。';
const TIER_EMPTY_STYLE: TextStyle = { after: 10 };

function tierSection(
  doc: PdfDoc,
  snapshot: BulletinSnapshot,
  tier: BulletinTier,
  index: number,
  max: number,
  widths: number[],
): void {
  writeText(doc, tierHeading(tier, index), { ...TIER, keepWithNext: tierStart(doc, snapshot, tier, widths) });
  if (tier.rows.length === 0) {
    writeText(doc, TIER_EMPTY, TIER_EMPTY_STYLE);
    return;
  }
  drawTable(doc, tierTable(snapshot, tier, widths));
  doc.y += 4;
  const lit = new Set(tier.rows.map((row) => row.light));
  drawBarChart(doc, {
    title: `${tier.label}总分（分）`,
    max,
    bars: tier.rows.map((row) => ({
      label: row.unitName,
      value: decimalOrNull(row.total)?.toNumber() ?? 0,
      valueText: row.total,
      light: row.light,
    })),
    legend: LIGHT_LEGEND.filter((entry) => lit.has(entry.light)).map((entry) => ({
      light: entry.light,
      label: `${LIGHT_TEXT[entry.light]}：${entry.meaning.replace(/（.*）$/, '')}`,
    })),
  });
  doc.y += 6;
}

function lightCell(light: TrafficLight): PdfTableCell {
  return { text: LIGHT_TEXT[light], fill: PDF_COLORS[light], color: LIGHT_TEXT_COLOR[light] };
}

const LIGHT_TEXT_COLOR: Record<TrafficLight, string> = {
  red: PDF_COLORS.redText,
  yellow: PDF_COLORS.yellowText,
  green: PDF_COLORS.greenText,
};

/** Full marks when the columns name their points (e.g. 60 + 25 + 15), else a round number above the best total. */
function chartMax(snapshot: BulletinSnapshot): number {
  const best = Math.max(
    0,
    ...snapshot.tiers.flatMap((t) => t.rows.map((r) => decimalOrNull(r.total)?.toNumber() ?? 0)),
  );
  const full = fullMarks(snapshot.columns);
  if (full !== null && full >= best) return full;
  if (best <= 0) return 100;
  const step = 10 ** Math.floor(Math.log10(best));
  return Math.ceil(best / step) * step;
}

/** A framed, tinted note for a corrected bulletin. */
function correctionBox(doc: PdfDoc, text: string): void {
  const size = 10.5;
  const padding = 8;
  const width = contentWidth(doc);
  doc.font(PDF_FONT).fontSize(size);
  const height = doc.heightOfString(text, { width: width - 2 * padding, lineGap: 3 }) + 2 * padding;
  ensureSpace(doc, height);
  const x = doc.page.margins.left;
  const y = doc.y;
  doc.save();
  doc.lineWidth(0.8).rect(x, y, width, height).fillAndStroke('#fdecea', PDF_COLORS.notice);
  doc.restore();
  doc.fillColor(PDF_COLORS.notice).text(text, x + padding, y + padding, { width: width - 2 * padding, lineGap: 3 });
  doc.fillColor(PDF_COLORS.text);
  doc.x = x;
  doc.y = y + height + 12;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一 … 10 → 十, 11 → 十一, 20 → 二十 (enough for section and tier numbers). */
function cn(n: number): string {
  if (n <= 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${DIGITS[n - 10] ?? ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)] ?? ''}十${n % 10 ? (DIGITS[n % 10] ?? '') : ''}`;
  return String(n);
}

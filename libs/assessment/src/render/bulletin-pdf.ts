import type { BulletinSnapshot, BulletinTier, Flag } from './bulletin.types.js';
import {
  FLAG_NOTE,
  chineseDate,
  decimalOrNull,
  flagText,
  fullMarks,
  percentText,
  publishedDate,
  rankChangeText,
  rankText,
  revisionNote,
  worstFlag,
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
  tableHeight,
  finishPdf,
  writeText,
  type PdfDoc,
  type PdfTableCell,
  type PdfTableColumn,
  type PdfTableOptions,
  type PdfTableRow,
} from './pdf.js';

/**
 * The published bulletin as a printable A4 PDF: title, issuer and date, the correction note of a
 * revision, per tier the ranking table and a bar chart of totals, then the lagging tasks and the
 * late units. The CJK font at fontPath is embedded as a subset; the same snapshot always gives
 * the same bytes (CreationDate is publishedAt).
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

  writeText(doc, `${cn(1)}、各县（市、区）排名情况`, { size: 13.5, bold: true, after: 6, keepWithNext: 120 });
  writeText(
    doc,
    `考评方案：${snapshot.schemeName}（第${snapshot.schemeVersion}版）。各类县（市、区）分别排名，总分相同者名次并列。`,
    { size: 10, color: PDF_COLORS.muted, after: 8 },
  );
  const max = chartMax(snapshot);
  // One set of column widths for every tier, so the tables line up.
  const widths = tableColumnWidths(
    doc,
    rankingColumns(snapshot),
    snapshot.tiers.flatMap((tier) => rankingRows(snapshot, tier)),
    9.5,
    4,
  );
  snapshot.tiers.forEach((tier, i) => tierSection(doc, snapshot, tier, i + 1, max, widths));

  writeText(doc, `${cn(2)}、滞后任务（${snapshot.laggingTasks.length}项）`, {
    size: 13.5,
    bold: true,
    after: 6,
    keepWithNext: 60,
  });
  if (snapshot.laggingTasks.length === 0) {
    writeText(doc, '本季度无滞后任务。', { after: 12 });
  } else {
    drawTable(doc, {
      columns: [
        { header: '序号', align: 'center' },
        { header: '任务' },
        { header: '单位', align: 'center' },
        { header: '完成进度', align: 'right' },
        { header: '序时进度', align: 'right' },
        { header: '标记', align: 'center', width: 36 },
      ],
      rows: snapshot.laggingTasks.map((t, i) => [
        String(i + 1),
        t.label,
        t.unitName,
        percentText(t.actual),
        percentText(t.expected),
        flagCell(t.flag),
      ]),
    });
    doc.y += 8;
  }

  writeText(doc, `${cn(3)}、迟报、未报单位（${snapshot.lateUnits.length}个）`, {
    size: 13.5,
    bold: true,
    after: 6,
    keepWithNext: 60,
  });
  if (snapshot.lateUnits.length === 0) {
    writeText(doc, '本季度无迟报、未报单位。', { after: 12 });
  } else {
    drawTable(doc, {
      columns: [
        { header: '序号', align: 'center' },
        { header: '单位', align: 'center' },
        { header: '迟报次数', align: 'right' },
        { header: '未报次数', align: 'right' },
        { header: '标记', align: 'center', width: 36 },
      ],
      rows: snapshot.lateUnits.map((u, i) => [
        String(i + 1),
        u.unitName,
        String(u.late),
        String(u.missing),
        flagCell(u.flag),
      ]),
      keepTogether: true,
    });
    doc.y += 8;
  }

  writeText(doc, FLAG_NOTE, { size: 9.5, color: PDF_COLORS.muted });
  return finishPdf(doc);
}

/** Ranking-table columns; long score headers break before their points: 指标进度 / （60分）. */
function rankingColumns(snapshot: BulletinSnapshot): PdfTableColumn[] {
  return [
    { header: '名次', align: 'center', width: 34 },
    { header: '县（市、区）', align: 'center' },
    { header: '总分', align: 'right' },
    ...snapshot.columns.map((header) => ({
      header: header.length > 5 ? header.replace(/\s*([（(])/, '\n$1') : header,
      align: 'right' as const,
    })),
    { header: '较上季度', align: 'center' },
    { header: '标记', align: 'center', width: 36 },
  ];
}

function rankingRows(snapshot: BulletinSnapshot, tier: BulletinTier): PdfTableRow[] {
  return tier.rows.map((row) => [
    rankText(row.rank),
    row.unitName,
    { text: row.total, bold: true },
    ...snapshot.columns.map((_, i) => row.subtotals[i] ?? ''),
    rankChangeText(row),
    flagCell(worstFlag(row.flags)),
  ]);
}

function tierSection(
  doc: PdfDoc,
  snapshot: BulletinSnapshot,
  tier: BulletinTier,
  index: number,
  max: number,
  widths: number[],
): void {
  const table: PdfTableOptions = {
    columns: rankingColumns(snapshot),
    rows: rankingRows(snapshot, tier),
    widths,
    keepTogether: true,
  };
  const height = tier.rows.length > 0 ? tableHeight(doc, table) : 20;
  writeText(doc, `（${cn(index)}）${tier.label}（${tier.rows.length}个）`, {
    size: 12,
    bold: true,
    after: 6,
    keepWithNext: height,
  });
  if (tier.rows.length === 0) {
    writeText(doc, '本类无参与排名的单位。', { after: 10 });
    return;
  }
  drawTable(doc, table);
  doc.y += 4;
  const flagged = new Set(tier.rows.map((row) => worstFlag(row.flags)));
  drawBarChart(doc, {
    title: `${tier.label}总分`,
    max,
    bars: tier.rows.map((row) => ({
      label: row.unitName,
      value: decimalOrNull(row.total)?.toNumber() ?? 0,
      valueText: row.total,
      flag: worstFlag(row.flags),
    })),
    legend: [
      { flag: null, label: '无标记' },
      ...(flagged.has('yellow') ? [{ flag: 'yellow' as const, label: '黄色标记' }] : []),
      ...(flagged.has('red') ? [{ flag: 'red' as const, label: '红色标记' }] : []),
    ],
  });
  doc.y += 6;
}

function flagCell(flag: Flag | null): PdfTableCell {
  if (!flag) return { text: '' };
  return {
    text: flagText(flag),
    fill: flag === 'red' ? PDF_COLORS.red : PDF_COLORS.yellow,
    color: flag === 'red' ? PDF_COLORS.redText : PDF_COLORS.yellowText,
  };
}

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

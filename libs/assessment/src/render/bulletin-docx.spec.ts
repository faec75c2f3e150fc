import { describe, expect, it, jest } from '@jest/globals';
import { bulletinDocument } from './bulletin-document.js';
import { GBT9704_FONTS, renderOfficialDocx } from './document/gbt9704-docx.js';
import { bulletinFixture, laggingTasks } from './testing/bulletin.fixture.js';
import { keepArtifact, keepPageImages } from './testing/artifacts.js';
import { inspectDocx } from './testing/docx-inspect.js';
import { docxToPdf } from './testing/libreoffice.js';
import { pdfPages } from './testing/pdf-inspect.js';

// LibreOffice starts in a few seconds on an idle machine; the suite's others may be running beside it.
jest.setTimeout(120_000);

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);

describe('the quarterly bulletin as a .docx (GB/T 9704-2012)', () => {
  it('lays out an A4 page with the standard’s margins, 22 lines of 28 characters and the 公文 fonts', async () => {
    const docx = await inspectDocx(await renderOfficialDocx(bulletinDocument(bulletinFixture())));
    expect(docx.page).toEqual({
      width: twips(210),
      height: twips(297),
      top: twips(37),
      left: twips(28),
      right: twips(26),
      bottom: twips(35),
    });
    // 225 mm of text block in 22 lines.
    expect(docx.grid.type).toBe('lines');
    expect(docx.grid.linePitch * 22).toBeLessThanOrEqual(twips(225));
    expect(docx.grid.linePitch * 23).toBeGreaterThan(twips(225));
    // 28 characters of 3号 (16 pt) fit in 156 mm, and a 29th does not: body text is condensed by the difference.
    const pitch = 16 + docx.spacingOf('根据《') / 20;
    const textWidthPt = (156 / 25.4) * 72;
    expect(28 * pitch).toBeLessThanOrEqual(textWidthPt);
    expect(29 * pitch).toBeGreaterThan(textWidthPt);

    const title = '2023年第一季度科技创新赋能行动县（市、区）推进情况通报';
    expect(docx.fontOf(title)).toBe(GBT9704_FONTS.title);
    expect(docx.sizeOf(title)).toBe(44); // 2号
    expect(docx.fontOf('一、总体情况')).toBe('黑体');
    expect(docx.fontOf('（一）一类县（市、区）')).toBe('楷体_GB2312');
    expect(docx.fontOf('根据《')).toBe('仿宋_GB2312');
    expect(docx.sizeOf('根据《')).toBe(32); // 3号
  });

  it('numbers pages "— 1 —" in 4号宋体, odd pages right and even pages left', async () => {
    const docx = await inspectDocx(await renderOfficialDocx(bulletinDocument(bulletinFixture())));
    expect(docx.evenAndOddFooters).toBe(true);
    expect(docx.footers.default).toMatchObject({ alignment: 'right' });
    expect(docx.footers.even).toMatchObject({ alignment: 'left' });
    // The page number is a PAGE field between the dashes.
    expect(docx.footers.default!.text).toMatch(/^— .*PAGE.* —$/);
    expect(docx.footers.even!.text).toMatch(/^— .*PAGE.* —$/);
  });

  it('carries the 主送 line, each tier ranked with rank changes and lights, the warnings, and the office’s placeholders', async () => {
    const snapshot = bulletinFixture();
    const docx = await inspectDocx(await renderOfficialDocx(bulletinDocument(snapshot)));
    expect(docx.paragraphs).toContain('各县（市、区）、市直各有关单位：');
    expect(docx.paragraphs).toContain('赣州市科技创新赋能行动领导小组办公室文件');
    // 文号, date and seal are the office's to fill in.
    expect(docx.paragraphs).toContain('〔2023〕  号');
    expect(docx.paragraphs).toContain('2023年  月  日');
    expect(docx.paragraphs).toContain('（印章）');
    const ranking = docx.tables[0]!;
    expect(ranking[0]).toEqual(['名次', '县（市、区）', '总分', ...snapshot.columns, '较上季度', '预警']);
    const first = snapshot.tiers[0]!.rows[0]!;
    expect(ranking[1]).toEqual(expect.arrayContaining([first.unitName, first.total]));
    expect(ranking.slice(1).map((r) => r.at(-1))).toEqual(
      snapshot.tiers[0]!.rows.map((r) => ({ red: '红灯', yellow: '黄灯', green: '绿灯' })[r.light]),
    );
    const text = docx.paragraphs.join('\n');
    expect(text).toMatch(/位列前三/);
    expect(text).not.toContain('红旗');
    // Every table's header row repeats on the pages it runs onto.
    expect(docx.repeatedHeaders.every(Boolean)).toBe(true);
    expect(docx.tables).toHaveLength(snapshot.tiers.length + 2);
  });

  it('says so instead of printing empty tables when the bulletin has no data', async () => {
    const empty = bulletinFixture({ tiers: [], lagging: [], lateUnits: [] });
    const docx = await inspectDocx(await renderOfficialDocx(bulletinDocument(empty)));
    expect(docx.tables).toEqual([]);
    const text = docx.paragraphs.join('\n');
    expect(text).toContain('暂无可排名的县（市、区）数据');
    expect(text).toContain('无滞后事项');
    expect(text).toContain('各单位均按时报送');
  });

  it('opens in LibreOffice and prints its pages: the title on page one, a long lagging table running on with its header', async () => {
    const snapshot = bulletinFixture({ lagging: laggingTasks(60) });
    const docx = await renderOfficialDocx(bulletinDocument(snapshot));
    const pdf = await docxToPdf(docx);
    await keepArtifact('documents/bulletin.docx', docx);
    await keepPageImages('bulletin', pdf);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]!.text).toContain('推进情况通报');
    expect(pages.at(-1)!.text).toContain('印发');
    // The lagging table's header is on every page it runs onto.
    const withLagRows = pages.filter((p) => snapshot.lagging.some((l) => p.text.includes(l.label)));
    expect(withLagRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withLagRows) expect(page.text).toContain('序时进度要求');
    // Page numbers as the standard prints them.
    expect(pages[1]!.text).toMatch(/—\s*2\s*—/);
  });
});

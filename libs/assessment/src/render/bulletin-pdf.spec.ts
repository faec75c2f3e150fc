import { describe, expect, it, jest } from '@jest/globals';
import { renderBulletinPdf } from './bulletin-pdf.js';
import { bulletinFixture } from './testing/bulletin.fixture.js';
import { TEST_FONT } from './testing/font.js';
import { pageCount, pdfPages } from './testing/pdf-inspect.js';

// Every PDF here is rendered and then parsed by pdf.js; on a busy machine the first parse alone can take seconds.
jest.setTimeout(30_000);

describe('renderBulletinPdf', () => {
  it('is a PDF with the Chinese font embedded as a subset', async () => {
    const pdf = await renderBulletinPdf(bulletinFixture(), TEST_FONT);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(raw.match(/\/FontFile2/g)).toHaveLength(1);
    expect(raw).toContain('/CIDFontType2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(raw).toContain('/CreationDate');
    expect(raw).toContain('(D:20230414173000Z)');
    // a subset, not the 5 MB collection
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.length).toBeLessThan(150_000);
  });

  it('prints every county, the lagging tasks and late units, with no missing glyphs', async () => {
    const snapshot = bulletinFixture();
    const pdf = await renderBulletinPdf(snapshot, TEST_FONT);
    const pages = await pdfPages(pdf);
    expect(await pageCount(pdf)).toBe(pages.length);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const text = pages.map((p) => p.text).join('');

    expect(pages[0]?.runs.slice(0, 3)).toEqual([snapshot.title, snapshot.issuer, '2023年4月15日']);
    for (const tier of snapshot.tiers) {
      expect(text).toContain(tier.label);
      for (const row of tier.rows) expect(text).toContain(row.unitName);
    }
    expect(text).toContain('赣县区（赣州高新区）');
    // the tie: 赣州蓉江新区 and 章贡区 share rank 2, then rank 4
    expect(text).toContain('2赣州蓉江新区88.1052.6021.5014.00↓1');
    expect(text).toContain('2章贡区88.1053.1020.0015.00持平');
    expect(text).toContain('6龙南市72.3542.3518.0012.00新红');
    expect(text).toContain('二、滞后任务（30项）');
    expect(text).toContain('1规模以上工业企业研发活动全覆盖龙南市10.00%50.00%红');
    expect(text).toContain('三、迟报、未报单位（5个）');
    expect(text).toContain('1寻乌县21红');
    expect(text).toContain('一类县（市、区）总分');
    expect(text).not.toContain('更正说明');
    pages.forEach((page, i) => {
      expect(page.notdef).toBe(0);
      expect(page.runs).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
    });
  });

  it('repeats the table header on the page where the lagging tasks continue', async () => {
    const pages = await pdfPages(await renderBulletinPdf(bulletinFixture(), TEST_FONT));
    const header = '序号任务单位完成进度序时进度标记';
    const withHeader = pages.filter((p) => p.text.includes(header));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
    const last = withHeader[withHeader.length - 1];
    expect(last?.text.indexOf(header)).toBeLessThan(last?.text.indexOf('30“科技贷”') ?? -1);
  });

  it('shows the correction note of a revision', async () => {
    const snapshot = bulletinFixture({
      revision: 2,
      correctionReason: '于都县3月份报送数据经核实有误，重新计算二类县（市、区）排名。',
    });
    const pages = await pdfPages(await renderBulletinPdf(snapshot, TEST_FONT));
    expect(pages[0]?.text).toContain('更正说明：第1次修订（第2版）：于都县3月份报送数据经核实有误');
  });

  it('handles a bulletin without lagging tasks or late units on one page pair', async () => {
    const pages = await pdfPages(
      await renderBulletinPdf(bulletinFixture({ laggingTasks: [], lateUnits: [] }), TEST_FONT),
    );
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('本季度无滞后任务。');
    expect(text).toContain('本季度无迟报、未报单位。');
  });

  it('gives the same bytes for the same snapshot', async () => {
    const snapshot = bulletinFixture();
    const first = await renderBulletinPdf(snapshot, TEST_FONT);
    const second = await renderBulletinPdf(structuredClone(snapshot), TEST_FONT);
    expect(second.equals(first)).toBe(true);
    const corrected = await renderBulletinPdf(bulletinFixture({ revision: 2, correctionReason: '更正' }), TEST_FONT);
    expect(corrected.equals(first)).toBe(false);
  });
});

import { describe, expect, it, jest } from '@jest/globals';
import { LIGHT_NOTE } from './bulletin-format.js';
import { renderBulletinPdf } from './bulletin-pdf.js';
import { upgradeBulletinSnapshot } from './bulletin-snapshot-upgrade.js';
import { bulletinFixture, laggingTasks, legacyBulletinSnapshot } from './testing/bulletin.fixture.js';
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
    expect(text).toContain('6龙南市72.3542.3518.0012.00新红灯');
    expect(text).toContain('1赣州经开区92.5055.2023.3014.00↑1绿灯');
    expect(text).toContain('二、滞后任务、指标和项目（34项）');
    expect(text).toContain('1规模以上工业企业研发活动全覆盖龙南市10.00%50.00%红灯');
    expect(text).toContain('三、迟报、未报单位（5个）');
    expect(text).toContain('1寻乌县21红灯');
    expect(text).toContain('一类县（市、区）总分');
    expect(text).not.toContain('更正说明');
    pages.forEach((page, i) => {
      expect(page.notdef).toBe(0);
      expect(page.runs).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
    });
  });

  it('repeats the table header on the page where the lagging tasks continue', async () => {
    const pages = await pdfPages(await renderBulletinPdf(bulletinFixture(), TEST_FONT));
    const header = '序号事项单位累计完成序时进度预警';
    const withHeader = pages.filter((p) => p.text.includes(header));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
    const last = withHeader[withHeader.length - 1];
    expect(last?.text.indexOf(header)).toBeLessThan(last?.text.indexOf('34指标 技术合同成交额') ?? -1);
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
    const pages = await pdfPages(await renderBulletinPdf(bulletinFixture({ lagging: [], lateUnits: [] }), TEST_FONT));
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('本季度无滞后事项。');
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

  it('prints each lagging figure in its own unit: 万元 for project investment, the indicator’s unit, % for tasks', async () => {
    const pages = await pdfPages(await renderBulletinPdf(bulletinFixture(), TEST_FONT));
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('项目28 赣州稀土新材料产业园标准厂房建设龙南市8112.15万元12500.00万元黄灯');
    expect(text).toContain('项目31 于都县科技企业孵化器于都县未报750.00万元红灯');
    expect(text).toContain('指标 高新技术企业数宁都县12家21家黄灯');
    expect(text).toContain('指标 技术合同成交额石城县0.80亿元2.25亿元红灯');
    expect(text).not.toMatch(/8112\.15%|12500\.00%|万元%/);
  });

  it('prints a bulletin stored before figures had units with 万元 for its project rows', async () => {
    const pages = await pdfPages(await renderBulletinPdf(upgradeBulletinSnapshot(legacyBulletinSnapshot()), TEST_FONT));
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('2项目28 赣州稀土新材料产业园标准厂房建设龙南市8112.15万元12500.00万元黄灯');
    expect(text).toContain('1任务3 科技型中小企业评价入库会昌县20.00%50.00%红灯');
    expect(text).not.toContain('8112.15%');
  });

  it('marks lags with traffic lights and explains them, never with flags', async () => {
    const pages = await pdfPages(await renderBulletinPdf(bulletinFixture(), TEST_FONT));
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('预警说明：红灯——严重滞后');
    expect(text).toContain('黄灯——存在滞后');
    expect(text).toContain('绿灯——正常推进');
    expect(text).toContain('绿灯：正常推进'); // the bar chart's legend
    expect(text).not.toMatch(/旗|标记/);
  });
});

/** Headings of the bulletin: 一、… for sections, （一）… for tiers. */
const HEADING = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;
const PAGE_NUMBER = /^第 \d+ 页 共 \d+ 页$/;
/** What must follow each kind of heading on its page: the header of its table and the start of a first row. */
const FOLLOWERS: [RegExp, RegExp][] = [
  [/^一、/, /名次县（市、区）总分（分）.*预警1赣州经开区/],
  [/^（一）/, /名次县（市、区）总分（分）.*预警1赣州经开区/],
  [/^（二）/, /名次县（市、区）总分（分）.*预警1信丰县/],
  [/^（三）/, /名次县（市、区）总分（分）.*预警1大余县/],
  [/^二、/, /序号事项单位累计完成序时进度预警1\S|本季度无滞后事项。/],
  [/^三、/, /序号单位迟报（次）未报（次）预警1单位0|本季度无迟报、未报单位。/],
];

/** Every way a page of the bulletin may break badly; empty when none does. */
function badBreaks(pages: { runs: string[] }[]): string[] {
  const bad: string[] = [];
  pages.forEach((page, p) => {
    const runs = page.runs.filter((run) => !PAGE_NUMBER.test(run));
    if (LIGHT_NOTE.includes(runs.join(''))) bad.push(`第${p + 1}页只有注释：${runs.join('')}`);
    runs.forEach((run, i) => {
      if (!HEADING.test(run)) return;
      const after = runs.slice(i + 1).join('');
      const follower = FOLLOWERS.find(([heading]) => heading.test(run))?.[1];
      if (!follower?.test(after)) bad.push(`第${p + 1}页「${run}」后没有表头和首行：${after.slice(0, 40)}`);
    });
  });
  return bad;
}

describe('renderBulletinPdf page breaks', () => {
  // Lagging tables of many lengths push the later headings and the closing note to every spot of a page.
  it.each([0, 8, 16, 18, 20, 22, 24])(
    'keeps headings with their tables and the note with a table (%i lagging)',
    async (count) => {
      for (const late of [5, 12]) {
        const snapshot = bulletinFixture({
          lagging: laggingTasks(30).slice(0, count),
          lateUnits: Array.from({ length: late }, (_, i) => ({
            unitName: `单位${i}`,
            late: 1,
            missing: 0,
            light: 'yellow' as const,
          })),
        });
        const pages = await pdfPages(await renderBulletinPdf(snapshot, TEST_FONT));
        expect({ late, bad: badBreaks(pages) }).toEqual({ late, bad: [] });
      }
    },
  );
});

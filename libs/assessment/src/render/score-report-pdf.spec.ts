import { describe, expect, it, jest } from '@jest/globals';
import { renderScoreTablePdf, type ScoreTableReport } from './score-report-pdf.js';
import { TEST_FONT } from './testing/font.js';
import { pageCount, pdfPages } from './testing/pdf-inspect.js';

// Every PDF here is rendered and then parsed by pdf.js; on a busy machine the first parse alone can take seconds.
jest.setTimeout(30_000);

const REASON = '部分项目资金拨付滞后，未按合同约定节点支付，且缺少竣工验收材料和资金使用台账，扣分。';

function report(rows = 40): ScoreTableReport {
  const levels = ['项目决策（20分）', '项目过程（20分）', '项目产出（40分）', '项目效益（20分）'];
  return {
    title: '2023年度市级科技专项资金绩效评价报告',
    subtitle: '评价对象：赣州市科技计划项目专项资金　评价机构：赣州市科学技术局',
    columns: ['一级指标', '二级指标', '分值', '得分', '得分率', '扣分原因'],
    rows: Array.from({ length: rows }, (_, i) => [
      levels[Math.floor((i * levels.length) / rows)] ?? '',
      `指标${i + 1}：资金到位率与使用规范性`,
      '2.50',
      (2.5 - (i % 3) * 0.5).toFixed(2),
      `${(100 - (i % 3) * 20).toFixed(2)}%`,
      i % 3 === 0 ? '' : REASON,
    ]),
    footer: ['总分：87.50分；评价等次：良。', '说明：得分率＝得分÷分值。'],
    createdAt: '2024-03-01T00:00:00Z',
  };
}

describe('renderScoreTablePdf', () => {
  it('paginates 40 rows with the header repeated on every page', async () => {
    const pdf = await renderScoreTablePdf(report(40), TEST_FONT);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/FontFile2');
    const pages = await pdfPages(pdf);
    const count = await pageCount(pdf);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(pages).toHaveLength(count);
    for (const [i, page] of pages.entries()) {
      expect(page.text).toContain('一级指标二级指标分值得分得分率扣分原因');
      expect(page.runs).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
      expect(page.notdef).toBe(0);
    }
    // pdf.js ends a text item at a wide space (the subtitle's 全角空格)
    expect(pages[0]?.runs.slice(0, 3)).toEqual([report().title, ...report().subtitle.split('\u3000')]);
    const text = pages.map((p) => p.text).join('');
    for (let i = 1; i <= 40; i++) expect(text.split(`指标${i}：`)).toHaveLength(2);
    expect(pages[pages.length - 1]?.text).toContain('总分：87.50分；评价等次：良。说明：得分率＝得分÷分值。');
  });

  it('wraps long cells within their column', async () => {
    const pages = await pdfPages(await renderScoreTablePdf(report(4), TEST_FONT));
    const runs = pages.flatMap((p) => p.runs);
    // the reason is drawn as several lines, which together make the whole text
    const start = runs.findIndex((r) => r !== REASON && REASON.startsWith(r) && r.length > 4);
    expect(start).toBeGreaterThan(0);
    let joined = '';
    for (let i = start; joined.length < REASON.length && i < runs.length; i++) joined += runs[i];
    expect(joined).toBe(REASON);
  });

  it('is deterministic for a fixed date and pads short rows', async () => {
    const input = report(10);
    input.rows.push(['合计', '', '25.00']);
    const first = await renderScoreTablePdf(input, TEST_FONT);
    const second = await renderScoreTablePdf(structuredClone(input), TEST_FONT);
    expect(second.equals(first)).toBe(true);
    expect((await pdfPages(first)).map((p) => p.text).join('')).toContain('合计25.00');
    await expect(renderScoreTablePdf({ ...input, createdAt: 'later' }, TEST_FONT)).rejects.toThrow(RangeError);
  });
});

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { pdfPages } from '../../libs/assessment/src/render/testing/pdf-inspect.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

/** A figure as the bulletin prints it: a number with two decimals and its unit. */
const FIGURE_WITH_UNIT = /^(\d+\.\d{2}(%|万元)|\d+(\.\d+)?\S+|未报)$/;

async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

describe('the office reads the quarterly bulletin: traffic lights with a legend, every figure with its unit', () => {
  let env: BrowserEnv;
  let office: Session;

  beforeAll(async () => {
    env = await startBrowserEnv();
    office = await signIn(env, 'office');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('opens the bulletins page and sees the legend and 红灯/黄灯 wording, never 红旗', async () => {
    const { page } = office;
    await page.getByRole('menuitem', { name: '季度通报' }).click();
    await page.waitForURL(/\/bulletins$/);
    await page.getByText('一类县（市、区）').first().waitFor();

    const legend = page.getByTestId('light-legend');
    await expect(legend.textContent()).resolves.toMatch(/预警说明.*红灯.*严重滞后.*黄灯.*存在滞后.*绿灯.*正常推进/);
    await page.locator('.ant-table-thead th', { hasText: '预警' }).first().waitFor();
    const body = (await page.locator('main, body').first().textContent()) ?? '';
    expect(body).toMatch(/红灯|黄灯/);
    expect(body).not.toMatch(/红旗|黄旗|绿旗/);
    await screenshot(page, 'journey-bulletin-1-legend');

    // the lagging list: each figure in its own unit (万元 for projects, % for tasks)
    const lagging = page.getByTestId('bulletin-lagging');
    await lagging.scrollIntoViewIfNeeded();
    const rows = lagging.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allTextContents();
      const [label, , actual, expected, light] = cells;
      expect(actual).toMatch(FIGURE_WITH_UNIT);
      expect(expected).toMatch(FIGURE_WITH_UNIT);
      if (label?.startsWith('项目')) expect(expected).toMatch(/万元$/);
      if (label?.startsWith('任务')) expect(expected).toMatch(/%$/);
      expect(light).toMatch(/^(红灯|黄灯)$/);
    }
    await screenshot(page, 'journey-bulletin-2-lagging');
  });

  it('downloads the PDF: figures with their units, the legend, no 红旗', async () => {
    const { page } = office;
    await page.getByTestId('bulletin-pdf').scrollIntoViewIfNeeded();
    const pdf = await downloaded(page, 'bulletin-pdf');
    expect(pdf.name).toMatch(/推进情况通报.*\.pdf$/);
    const pages = await pdfPages(pdf.bytes);
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('预警说明：红灯——严重滞后');
    expect(text).toMatch(/红灯|黄灯/);
    expect(text).not.toMatch(/旗|标记/);
    expect(text).toContain('滞后任务、指标和项目');
    expect(text).toMatch(/项目\d+ .*?\d+\.\d{2}万元\d+\.\d{2}万元(红灯|黄灯)/);
    expect(text).not.toMatch(/万元%/);
    for (const page of pages) expect(page.notdef).toBe(0);
    await screenshot(page, 'journey-bulletin-3-pdf-downloaded');
  });

  it('downloads the xlsx: lagging figures are number cells whose format names the unit', async () => {
    const { page } = office;
    const xlsx = await downloaded(page, 'bulletin-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    const lagging = workbook.getWorksheet('滞后事项');
    if (!lagging) throw new Error('no 滞后事项 sheet');
    expect(lagging.getRow(1).values).toEqual([undefined, '类别', '事项', '单位', '累计完成', '序时进度', '预警']);
    let projects = 0;
    lagging.eachRow((row, n) => {
      const kind = row.getCell(1).value;
      if (n === 1 || !['任务', '指标', '项目'].includes(String(kind))) return;
      const expected = row.getCell(5);
      if (kind === '项目') {
        projects++;
        expect(expected.numFmt).toBe('0.00"万元"');
      }
      if (kind === '任务') expect(expected.numFmt).toBe('0.00%');
      expect(['红灯', '黄灯']).toContain(row.getCell(6).value);
    });
    // The demo's bulletin lags projects too: their 万元 cells were checked above, not skipped.
    expect(projects).toBeGreaterThan(0);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.join('')).not.toMatch(/旗|标记/);
    expect(cells.some((c) => c.startsWith('预警说明：红灯——'))).toBe(true);
  });
});

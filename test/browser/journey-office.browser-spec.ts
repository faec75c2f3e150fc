import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { aPdf, aPng } from '../factories/files.js';
import { notificationCount } from '../factories/notifications.js';
import { periodOf, planByDocNumber } from '../factories/plans.js';
import { statusesOf, submittedReportsOf, unreportedAssignmentOf } from '../factories/reporting.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

const NARRATIVE = '组织科普进校园活动三场，附活动照片和会议纪要。';
const PHONE = { width: 390, height: 844 };

/** Whether the element lies wholly inside the page's viewport (not scrolled out to the right). */
async function inViewport(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = page.viewportSize()!;
  return !!box && box.x >= 0 && box.x + box.width <= size.width + 0.5 && box.width > 0;
}

/** Issue #14 points 4, 6 and 7 as the office and a liaison meet them in Chromium. */
describe('office journey: review queue, batch accept, return with a common reason, previews, matrix', () => {
  let env: BrowserEnv;
  let office: Session;
  let plan: string;
  const started = Date.now();

  beforeAll(async () => {
    env = await startBrowserEnv();
    const { api } = env;
    plan = await planByDocNumber(api.db, '赣市科赋字');
    // A report with a PDF and an image, submitted by the liaison through the API.
    const liaison = await api.login('gz-kx');
    const april = await periodOf(api.db, plan, 2023, 4);
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-KX', april);
    const draft = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({
        periodId: april,
        subjectType: 'assignment',
        subjectId,
        progressStatus: 'on_track',
        completionPercent: 30,
        narrative: NARRATIVE,
      })
      .expect(200);
    let version = draft.body.version as number;
    for (const [name, bytes] of [
      ['会议纪要.pdf', await aPdf('Meeting minutes')],
      ['活动照片.png', aPng(160, 90, [24, 144, 255])],
    ] as const) {
      const res = await api
        .http()
        .post(`/api/reports/${draft.body.id}/evidence`)
        .set('Authorization', liaison)
        .attach('file', bytes, name)
        .expect(201);
      version = res.body.version;
    }
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaison)
      .send({ version })
      .expect(200);
  });

  afterAll(async () => {
    await env?.close();
    console.log(`office journey: ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
  });

  it('the review queue names each report’s item', async () => {
    office = await signIn(env, 'office');
    const { page } = office;
    await page.waitForURL(/\/review$/);
    const table = page.locator('.ant-table-tbody');
    await table.locator('tr.ant-table-row').first().waitFor();
    await page.getByTestId('review-unit-filter').locator('input').fill('市发展改革委');
    const rows = table.locator('tr.ant-table-row');
    await rows.filter({ hasNotText: '市发展改革委' }).first().waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(3);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/任务\d+ \S/);
    await screenshot(page, 'office-review-queue-items');
  });

  it('accepts two selected reports at once', async () => {
    const { page } = office;
    const before = await submittedReportsOf(env.api.db, 'GZ-FGW', 3);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.nth(0).locator('.ant-table-selection-column input').check();
    await rows.nth(1).locator('.ant-table-selection-column input').check();
    await page.getByTestId('batch-accept').filter({ hasText: '批量通过（2）' }).click();
    await screenshot(page, 'office-batch-accept-confirm');
    await page.locator('.ant-popconfirm').getByRole('button', { name: '全部通过' }).click();
    await page.getByText('已批量通过 2 份报告').waitFor();
    // The queue is read again after the decision: the two accepted rows leave it.
    await rows.nth(1).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    const statuses = Object.values(
      await statusesOf(
        env.api.db,
        before.map((r) => r.id),
      ),
    ).sort();
    expect(statuses).toEqual(['accepted', 'accepted', 'submitted']);
    await screenshot(page, 'office-batch-accepted');
  });

  it('returns the third with a reason picked from the common ones', async () => {
    const { page } = office;
    const [left] = await submittedReportsOf(env.api.db, 'GZ-FGW', 1);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('td').nth(2).click();
    await page.getByTestId('report-detail').waitFor();
    await page.getByTestId('return-report').click();
    const presets = page.getByTestId('return-reason-presets');
    await presets.getByRole('button', { name: '佐证材料缺失或不清晰' }).click();
    await presets.getByRole('button', { name: '完成进度与佐证材料不符' }).click();
    await expect(page.locator('#reason').inputValue()).resolves.toBe('佐证材料缺失或不清晰；完成进度与佐证材料不符');
    await screenshot(page, 'office-return-reason-picked');
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('已退回').first().waitFor();
    const view = await env.api
      .http()
      .get(`/api/reports/${left!.id}`)
      .set('Authorization', await env.api.login('office'))
      .expect(200);
    expect(view.body).toMatchObject({
      status: 'returned',
      returnedReason: '佐证材料缺失或不清晰；完成进度与佐证材料不符',
    });
  });

  it('previews a PDF and an image evidence in the page', async () => {
    const { page } = office;
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await page.getByTestId('review-unit-filter').locator('input').fill('市科协');
    await page.locator('tr.ant-table-row').filter({ hasText: NARRATIVE }).locator('td').nth(2).click();
    const detail = page.getByTestId('report-detail');
    await detail.getByText('会议纪要.pdf').waitFor();

    const pdfAnswer = page.waitForResponse((r) => r.url().includes('/preview'));
    await detail
      .getByTestId('evidence-item')
      .filter({ hasText: '会议纪要.pdf' })
      .getByTestId('preview-evidence')
      .click();
    const pdf = await pdfAnswer;
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^inline;/);
    const frame = page.getByTestId('evidence-preview-pdf');
    await frame.waitFor();
    await expect(frame.getAttribute('src')).resolves.toMatch(/^blob:/);
    await page.waitForTimeout(1000);
    await screenshot(page, 'office-preview-pdf');
    await page.locator('.ant-modal:visible .ant-modal-close').click();

    await detail
      .getByTestId('evidence-item')
      .filter({ hasText: '活动照片.png' })
      .getByTestId('preview-evidence')
      .click();
    const image = page.getByTestId('evidence-preview-image');
    await image.waitFor();
    // Decoded: the browser fetched the object URL and drew the picture.
    await expect(
      image.evaluate((img: { decode(): Promise<void>; naturalWidth: number }) =>
        img.decode().then(() => img.naturalWidth),
      ),
    ).resolves.toBe(160);
    await screenshot(page, 'office-preview-image');
    await page.locator('.ant-modal:visible .ant-modal-close').click();
    expect(blocked).toEqual([]);
  });

  it('exports the completeness matrix to xlsx and reads back what the page shows', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/completeness`);
    const table = page.getByTestId('completeness-table');
    const cell = table.locator('td[data-unit="市发展改革委"][data-month="3"]');
    await cell.waitFor();
    const status = await cell.getAttribute('data-status');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-completeness').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/报送情况（2023年）\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await readFile((await download.path())!)).buffer);
    const sheet = workbook.getWorksheet('报送情况')!;
    let header = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '序号') header = n;
    });
    const headers = (sheet.getRow(header).values as ExcelJS.CellValue[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['单位', '3月', '未报（份）', '按时率（%）']));
    let fgw: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === '市发展改革委') fgw = row;
    });
    const names: Record<string, string> = { on_time: '按时', late: '迟报', missing: '未报', pending: '未到期' };
    expect(fgw!.getCell(headers.indexOf('3月') + 1).value).toBe(names[status!]);
    await screenshot(page, 'office-completeness-exported');
  });

  it('chases the units the matrix shows missing in one click, and says how many reminders were queued', async () => {
    const { page } = office;
    const button = page.getByTestId('chase-missing');
    await expect(button.textContent()).resolves.toMatch(/一键催报（3月未报 \d+ 个单位）/);
    await button.click();
    await page.locator('.ant-modal-confirm').getByText('将立即以邮件和站内消息提醒').waitFor();
    await screenshot(page, 'office-chase-confirm');
    await page.getByRole('button', { name: '确认催报' }).click();
    const result = page.getByTestId('chase-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    const [, mails, inbox] = /邮件 (\d+) 封、站内消息 (\d+) 条/.exec(text) ?? [];
    const march = await periodOf(env.api.db, plan, 2023, 3);
    expect(Number(mails)).toBe(await notificationCount(env.api.db, { manual: true, periodId: march }));
    expect(Number(mails) + Number(inbox)).toBeGreaterThan(0);
    await screenshot(page, 'office-chase-queued');
  });

  it('a liaison’s to-do on a phone keeps status and 填报 in view, tasks in number order', async () => {
    const liaison = await signIn(env, 'gz-kjj', PHONE);
    const { page } = liaison;
    await page.goto(`${env.baseUrl}/todo`);
    const list = page.getByTestId('todo-list');
    const items = list.locator('.ant-list-item');
    await items.first().waitFor();
    // Returned reports come first; April's items follow, all due the same day.
    const titles = await items.locator('.ant-list-item-meta-title').allTextContents();
    const numbers = titles
      .filter((t) => t.startsWith('2023年4月'))
      .map((t) => /任务(\d+) /.exec(t)?.[1])
      .filter(Boolean)
      .map(Number);
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers.indexOf(2)).toBeLessThan(numbers.indexOf(10));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const first = items.first();
    expect(await inViewport(page, first.locator('.ant-tag').last())).toBe(true);
    expect(await inViewport(page, first.getByRole('button', { name: /填报|修改/ }))).toBe(true);
    await screenshot(page, 'liaison-todo-phone');

    await page.goto(`${env.baseUrl}/my-reports`);
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/任务\d+ /);
    expect(
      await inViewport(
        page,
        row
          .locator('td')
          .filter({ has: page.locator('.ant-tag') })
          .last(),
      ),
    ).toBe(true);
    expect(await inViewport(page, row.getByRole('link', { name: '查看' }))).toBe(true);
    await screenshot(page, 'liaison-my-reports-phone');
    await liaison.context.close();
    expect(env.errors).toEqual([]);
  });
});

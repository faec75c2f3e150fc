import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const NARRATIVE = '浏览器测试：已完成本地高校合作调研，召开校企对接会2场。';
const NARRATIVE_2 = '浏览器测试（修改后）：补充数据，签订校企合作协议3份，新增实习岗位120个。';
const RETURN_REASON = '请补充校企合作的具体数据';

interface ReportRow {
  id: string;
  unitName: string;
  periodId: string;
  subjectType: string;
  subjectId: string;
}

async function cellStatus(page: Page, unit: string, month: number): Promise<string | null> {
  const cell = page.locator(`td[data-unit="${unit}"][data-month="${month}"]`).first();
  await cell.waitFor();
  return cell.getAttribute('data-status');
}

describe('web app in Chromium', () => {
  let env: BrowserEnv;
  let liaison: Session;
  let office: Session;
  let initialCell: string | null;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('the office sees the completeness matrix before the liaison reports', async () => {
    office = await signIn(env, 'office');
    await office.page.goto(`${env.baseUrl}/completeness`);
    initialCell = await cellStatus(office.page, '市科协', 1);
    expect(initialCell).toBe('missing');
    await screenshot(office.page, 'completeness-before');
  });

  it('a liaison logs in and sees what is due, overdue first', async () => {
    liaison = await signIn(env, 'gz-kx');
    await liaison.page.waitForURL(/\/todo$/);
    const list = liaison.page.getByTestId('todo-list');
    await list.getByText('任务28 发挥本地高校作用').first().waitFor();
    await list.getByText('已逾期').first().waitFor();
    await expect(list.getByText('2023年1月').count()).resolves.toBeGreaterThan(0);
    await screenshot(liaison.page, 'todo');
  });

  it('a read that meets a server error is tried again before the page gives up', async () => {
    const { page } = liaison;
    let served = 0;
    await page.route('**/api/reporting/todo', (route) =>
      served++ === 0
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ message: '服务暂不可用' }),
          })
        : route.continue(),
    );
    await page.goto(`${env.baseUrl}/todo`);
    await page.getByTestId('todo-list').getByText('任务28 发挥本地高校作用').first().waitFor();
    expect(served).toBe(2);
    await page.unroute('**/api/reporting/todo');
  });

  it('the liaison fills the report, autosaves, attaches 佐证.pdf and submits', async () => {
    const { page } = liaison;
    const first = page.locator('.ant-list-item').filter({ hasText: '2023年1月' }).filter({ hasText: '任务28' });
    await first.getByRole('button', { name: '填报' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]+\/assignment\/[0-9a-f-]+$/);
    await page.getByText('填报：任务28 发挥本地高校作用').waitFor();

    await page.locator('#progressStatus').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '正常推进' }).click();
    await page.fill('#completionPercent', '35');
    await page.fill('#narrative', NARRATIVE);
    await page.fill('#problems', '合作企业数量偏少。');
    await page.fill('#nextSteps', '下月组织第二批校企对接。');
    await page.getByTestId('save-state').filter({ hasText: '草稿已自动保存' }).waitFor();

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '佐证.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('evidence-list').getByText('佐证.pdf').waitFor();
    await screenshot(page, 'report-form');

    await page.getByTestId('submit-report').click();
    // January is overdue: the submission says it will be marked 迟报 and waits for a confirmation.
    await page.getByRole('button', { name: '确认提交（迟报）' }).click();
    await page.waitForURL(/\/todo$/);
    await page.getByText('报告已提交').waitFor();
    // The to-do list read before filling is read again: the submitted month is no longer due.
    await page.getByTestId('todo-list').waitFor();
    await first.waitFor({ state: 'detached' });
  });

  it('the office returns it with a reason', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/review`);
    await page.getByTestId('review-unit-filter').locator('input').fill('市科协');
    await page.locator('tr').filter({ hasText: NARRATIVE }).first().click();
    await page.getByTestId('report-detail').getByText('佐证.pdf').waitFor();
    await screenshot(page, 'review');
    await page.getByTestId('return-report').click();
    // A reason is required.
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('请填写退回原因').waitFor();
    await page.fill('#reason', RETURN_REASON);
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('已退回').first().waitFor();
  });

  it('the liaison sees the reason, corrects the report and resubmits', async () => {
    const { page } = liaison;
    await page.goto(`${env.baseUrl}/todo`);
    const reason = page.getByTestId('returned-reason').first();
    await reason.waitFor();
    await expect(reason.textContent()).resolves.toContain(RETURN_REASON);
    await screenshot(page, 'todo-returned');
    await page.locator('.todo-returned').first().getByRole('button', { name: '修改' }).click();
    await page.getByTestId('returned-alert').waitFor();
    await expect(page.getByTestId('returned-alert').textContent()).resolves.toContain(RETURN_REASON);
    await expect(page.inputValue('#narrative')).resolves.toBe(NARRATIVE);
    await page.fill('#narrative', NARRATIVE_2);
    await page.getByTestId('submit-report').click();
    // The first submission was late, and a resubmission keeps it: the confirmation is asked again.
    await page.getByRole('button', { name: '确认提交（迟报）' }).click();
    await page.waitForURL(/\/todo$/);
    await page.getByText('报告已提交').waitFor();
  });

  it('the office accepts it and the completeness matrix changes', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/review`);
    await page.getByTestId('review-unit-filter').locator('input').fill('市科协');
    await page.locator('tr').filter({ hasText: NARRATIVE_2 }).first().click();
    await page.getByTestId('accept-report').click();
    await page.getByText('已通过').first().waitFor();
    await page.goto(`${env.baseUrl}/completeness`);
    const after = await cellStatus(page, '市科协', 1);
    expect(after).not.toBe(initialCell);
    expect(after).toBe('late');
    await screenshot(page, 'completeness');
    // A cell opens that unit's history, with the accepted report in it.
    await page.locator('td[data-unit="市科协"][data-month="1"]').first().click();
    await page.waitForURL(/\/completeness\/[0-9a-f-]+\?month=1$/);
    await page.locator('tr').filter({ hasText: '任务28' }).getByText('已通过').waitFor();
    await screenshot(page, 'unit-history');
  });

  it('the office imports the task list through the preview (预检)', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/import`);
    const file = readFileSync(path.join(ROOT, 'fixtures', 'ganzhou-2023-tasks.xlsx'));
    await page.locator('input[type=file]').setInputFiles({
      name: 'ganzhou-2023-tasks.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    await expect(summary.locator('td').nth(2).textContent()).resolves.toBe('29');
    await expect(summary.locator('td').nth(4).textContent()).resolves.toBe('0');
    await page.getByTestId('import-problems').getByText('没有发现问题').waitFor();
    await screenshot(page, 'import-preview');
    // The plan is published: committing needs a reason.
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
    await page.getByTestId('import-reason').fill('浏览器测试：核对任务清单');
    await page.getByTestId('import-commit').click();
    await page.getByText('导入已完成').waitFor();
  });

  it('the office reads the quarterly bulletin and downloads it', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/bulletins`);
    await page.getByText('一类县（市、区）').first().waitFor();
    await screenshot(page, 'bulletins');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('a leader opens the dashboard and the charts render', async () => {
    const leader = await signIn(env, 'leader');
    const { page } = leader;
    await page.waitForURL(/\/dashboard$/);
    // The charts one can click through are drawn in SVG: each bar and slice is an element.
    await page.locator('[data-testid="tier-chart-1"] svg').waitFor();
    await page.locator('[data-testid="task-state-chart"] svg').waitFor();
    // The ranking chart has drawn its bars.
    await page.locator('[data-testid="tier-chart-1"] path[fill="#1d5fbf"]').nth(3).waitFor();
    expect(await page.locator('.kc-chart svg').count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'dashboard');
    await leader.context.close();
  });

  it('a liaison cannot open another unit’s report or the office pages', async () => {
    const auth = await env.api.login('office');
    const res = await env.api.http().get('/api/reports?pageSize=200').set('Authorization', auth);
    const other = (res.body.items as ReportRow[]).find((r) => r.unitName !== '市科协');
    expect(other).toBeDefined();
    const { page } = liaison;
    await page.goto(`${env.baseUrl}/reports/view/${other!.id}`);
    await page
      .getByText(/无权访问|不存在/)
      .first()
      .waitFor();
    await screenshot(page, 'other-unit-report');
    await page.goto(`${env.baseUrl}/reports/${other!.periodId}/${other!.subjectType}/${other!.subjectId}`);
    await page.getByText('无权访问').first().waitFor();
    await page.goto(`${env.baseUrl}/review`);
    await page.getByText('无权访问').first().waitFor();
    await screenshot(page, 'forbidden');
  });

  it('the header names the unit signed in, and a platform administrator, who has none, as such', async () => {
    await liaison.page.goto(`${env.baseUrl}/todo`);
    await expect(liaison.page.getByTestId('signed-in-unit').textContent()).resolves.toBe('市科协');
    const platform = await signIn(env, 'platform');
    await expect(platform.page.getByTestId('signed-in-unit').textContent()).resolves.toBe('平台管理员');
    await screenshot(platform.page, 'platform-administrator');
    await platform.context.close();
  });

  it('liaison pages work on a phone', async () => {
    const phone = await signIn(env, 'gz-kx', { width: 390, height: 844 });
    await phone.page.waitForURL(/\/todo$/);
    await phone.page.getByTestId('todo-list').waitFor();
    const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(400);
    await screenshot(phone.page, 'todo-phone');
    await phone.page.locator('.ant-list-item').first().getByRole('button').first().click();
    await phone.page.locator('#narrative').waitFor();
    await screenshot(phone.page, 'report-form-phone');
    await phone.context.close();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(env.errors).toEqual([]);
  });
});

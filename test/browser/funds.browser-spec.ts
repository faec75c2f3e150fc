import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { chooseOption, screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

const FUND = '市级科技发展专项资金';
const SECTION_TITLE = '强化科技金融支撑（浏览器测试新增）';
const TASK_TITLE = '设立科技成果转化引导基金（浏览器测试）';
const REASON = '浏览器测试：按领导小组会议增补任务';

/** The open dialog: closed ones stay mounted (their forms keep their instances). */
function modal(page: Page) {
  return page.locator('.ant-modal:visible');
}

async function openFund(page: Page): Promise<string> {
  await page.getByRole('menuitem', { name: '专项资金' }).click();
  await page.waitForURL(/\/funds$/);
  await page.getByTestId('fund-list').getByText(FUND).click();
  await page.waitForURL(/\/funds\/[0-9a-f-]+$/);
  await page.getByTestId('fund-title').getByText(FUND).waitFor();
  return new URL(page.url()).pathname;
}

describe('special funds and the public questionnaire in Chromium', () => {
  let env: BrowserEnv;
  let office: Session;
  let fundPath: string;
  let surveyPath: string;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('the office opens the fund and reads its budget, execution rates and evaluation', async () => {
    office = await signIn(env, 'nc-office');
    const { page } = office;
    fundPath = await openFund(page);
    await page.getByTestId('fund-annual-budget').getByText('58,600.00 万元').waitFor();
    await expect(page.getByTestId('sub-items').locator('tbody tr.ant-table-row').count()).resolves.toBe(5);
    await screenshot(page, 'fund-basic');

    // The demo's year-end date (2024-01-20): the whole of 2023's receipts and spending.
    await page.getByRole('tab', { name: '执行情况' }).click();
    await page.getByTestId('execution-as-of').getByText('截至2023年12月').waitFor();
    await page.getByTestId('funding-rate').getByText('100.00%').waitFor();
    await page.getByTestId('execution-rate').getByText('95.00%').waitFor();
    await page.getByTestId('execution-sub-items').getByText('科技条件建设').waitFor();
    await page.getByTestId('execution-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'fund-execution');

    await page.getByRole('tab', { name: '绩效目标' }).click();
    await page.getByTestId('indicator-table').getByText('新增重大科技项目立项数').waitFor();
    await page
      .getByTestId('attainment-counts')
      .getByText(/部分达标 1 项，未达标 1 项/)
      .waitFor();
    await screenshot(page, 'fund-targets');

    await page.getByRole('tab', { name: '绩效评价' }).click();
    await page.getByTestId('evaluation-grade').getByText('优').waitFor();
    await expect(page.getByTestId('evaluation-total').textContent()).resolves.toMatch(/^\d{2,3}\.\d{2}$/);
    await page
      .getByTestId('evaluation-table')
      .getByText(/预算执行率95\.00%，未全部执行/)
      .waitFor();
    await screenshot(page, 'fund-evaluation');
  });

  it('the office downloads the evaluation report with its signed-in client', async () => {
    const { page } = office;
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/绩效评价报告.*\.pdf$/);
    const pdfBytes = await readFile((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString()).toBe('PK');
  });

  it('the office reads the survey results and issues a questionnaire link', async () => {
    const { page } = office;
    await page.getByRole('tab', { name: '满意度调查' }).click();
    const row = page.getByTestId('survey-list').locator('tr').filter({ hasText: '服务对象满意度调查' });
    await row.getByText('24 / 20').waitFor();
    await row.getByRole('button', { name: '结果' }).click();
    await page
      .getByTestId('survey-overall')
      .getByText(/\d+\.\d{2}%/)
      .waitFor();
    await expect(page.getByTestId('survey-results').locator('tbody tr.ant-table-row').count()).resolves.toBe(5);
    await screenshot(page, 'fund-survey-results');
    await page.locator('.ant-drawer:visible .ant-drawer-close').click();

    await row.getByTestId('issue-links').click();
    await page.getByTestId('issue-count').fill('1');
    await page.getByTestId('issue-links-submit').click();
    const link = page.getByTestId('issued-link');
    await link.waitFor();
    await expect(link.count()).resolves.toBe(1);
    surveyPath = (await link.getAttribute('data-path'))!;
    expect(surveyPath).toMatch(/^\/survey\/[A-Za-z0-9_-]{43}$/);
    await expect(link.textContent()).resolves.toContain(surveyPath);
    await screenshot(page, 'fund-survey-link');
    await page.getByTestId('issued-done').click();
    await row.getByText('25 / 20').waitFor();
  });

  it('someone without an account answers the questionnaire once; the link then refuses', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => env.errors.push(`anonymous: ${e.message}`));
    await page.goto(`${env.baseUrl}${surveyPath}`);
    const form = page.getByTestId('survey-form');
    await form.waitFor();
    expect(new URL(page.url()).pathname).toBe(surveyPath);
    await expect(page.getByRole('menuitem').count()).resolves.toBe(0);
    const questions = form.locator('.ant-form-item').filter({ has: page.locator('.ant-radio-group') });
    const count = await questions.count();
    expect(count).toBe(4);
    for (let i = 0; i < count; i++) await questions.nth(i).getByText('满意', { exact: true }).click();
    await screenshot(page, 'survey-public-form');
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByTestId('survey-done').waitFor();
    await screenshot(page, 'survey-public-done');

    await page.goto(`${env.baseUrl}${surveyPath}`);
    await page.getByTestId('survey-refused').waitFor();
    await expect(page.getByTestId('survey-form').count()).resolves.toBe(0);
    await screenshot(page, 'survey-public-refused');
    await context.close();
  });

  it('the owning department records a month and is told on the field when spending outruns receipts', async () => {
    const kjj = await signIn(env, 'nc-kjj');
    const { page } = kjj;
    expect(await openFund(page)).toBe(fundPath);
    await page.getByRole('tab', { name: '执行情况' }).click();
    await page.getByTestId('record-execution').click();
    // Saved with nothing chosen: the form says what is missing, and the page raises no error.
    await modal(page).getByRole('button', { name: '保存' }).click();
    await modal(page).locator('.ant-form-item-explain-error').getByText('请选择子项').waitFor();
    await chooseOption(page, 'execution-sub-item', '科技条件建设');
    // December already has a record: the form shows it and says saving replaces it.
    await page.getByTestId('execution-existing').waitFor();
    await page.getByTestId('execution-received').fill('0');
    await page.getByTestId('execution-spent').fill('5000');
    await modal(page).getByRole('button', { name: '保存' }).click();
    await modal(page).locator('.ant-form-item-explain-error').getByText('支出超过到位资金时须填写垫付说明').waitFor();
    await screenshot(page, 'fund-execution-error');

    await page.getByTestId('execution-spent').fill('500');
    await modal(page).getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存2023年12月执行数').waitFor();
    await page
      .getByTestId('execution-records')
      .locator('tr')
      .filter({ hasText: '科技条件建设' })
      .filter({ hasText: '2023年12月' })
      .getByText('500.00')
      .waitFor();
    await kjj.context.close();
  });

  it('another department does not see the fund', async () => {
    const gxj = await signIn(env, 'nc-gxj');
    const { page } = gxj;
    await page.getByRole('menuitem', { name: '专项资金' }).click();
    await page.waitForURL(/\/funds$/);
    await page.getByTestId('fund-list').getByText('暂无本单位主管的专项资金项目').waitFor();
    await expect(page.getByTestId('fund-list').getByText(FUND).count()).resolves.toBe(0);
    // A refusal is the answer: the fund is read once, not tried again before the page says so.
    const fundRead = `/api/fund-projects/${fundPath.split('/').pop()}`;
    let reads = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === fundRead) reads++;
    });
    await page.goto(`${env.baseUrl}${fundPath}`);
    await page.getByText('页面或数据不存在').waitFor();
    expect(reads).toBe(1);
    await screenshot(page, 'fund-other-department');
    await gxj.context.close();
  });

  it('the Ganzhou office adds a section and a task to the published plan, with a reason', async () => {
    const gz = await signIn(env, 'office');
    const { page } = gz;
    await page.goto(`${env.baseUrl}/plans`);
    await page.getByTestId('plan-list').getByText('2023年赣州市科技创新赋能行动工作方案').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    await page.getByTestId('plan-sections').waitFor();

    await page.getByTestId('add-section').click();
    await page.getByTestId('section-number').fill('八');
    await page.getByTestId('section-title').fill(SECTION_TITLE);
    await modal(page).getByRole('button', { name: '保存' }).click();
    // Published: the API asks for a reason, on the reason field.
    await modal(page).locator('.ant-form-item-explain-error').getByText('已发布的方案修改须填写修改原因').waitFor();
    await page.getByTestId('section-reason').fill(REASON);
    await modal(page).getByRole('button', { name: '保存' }).click();
    await page.getByText('分组已新增').waitFor();
    await page.getByTestId('plan-sections').getByText(`（八）${SECTION_TITLE}（0项）`).waitFor();

    await page.getByTestId('add-task-in-八').click();
    await page.getByTestId('new-task-title').fill(TASK_TITLE);
    await page.getByTestId('new-task-requirement').fill('年内设立引导基金，撬动社会资本投向科技成果转化。');
    await page.getByTestId('new-task-reason').fill(REASON);
    await modal(page).getByRole('button', { name: '保存' }).click();
    await page.getByText(/已新增任务\d+/).waitFor();
    await page.getByTestId('plan-sections').getByText(`（八）${SECTION_TITLE}（1项）`).waitFor();
    await page.getByTestId('plan-sections').getByText(TASK_TITLE).waitFor();
    await screenshot(page, 'plan-new-section-task');
    await gz.context.close();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(env.errors).toEqual([]);
  });
});

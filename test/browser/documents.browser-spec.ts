import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { inspectDocx } from '../../libs/assessment/src/render/testing/docx-inspect.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { departmentReview, reviewEveryUnitAndApprove } from '../setup/year-end-cycle.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

/** The office downloads the documents it issues as editable Word files (公文), from the pages that show them. */
describe('official documents in Chromium: the bulletin and the year-end results notice as .docx', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
  });

  afterAll(async () => {
    await env?.close();
    expect(env.errors).toEqual([]);
  });

  it('the office downloads the quarterly bulletin as a Word 公文 with 文号, date and seal to fill in', async () => {
    const { page, context } = await signIn(env, 'office');
    await page.getByRole('menuitem', { name: '季度通报' }).click();
    await page.waitForURL(/\/bulletins$/);
    await page.getByTestId('bulletin-docx').waitFor();
    await screenshot(page, 'documents-1-bulletin-buttons');
    const file = await downloaded(page, 'bulletin-docx');
    expect(file.name).toMatch(/推进情况通报.*\.docx$/);
    const docx = await inspectDocx(file.bytes);
    expect(docx.paragraphs).toContain('各县（市、区）、市直各有关单位：');
    expect(docx.paragraphs.some((p) => /^〔\d{4}〕 {2}号$/.test(p))).toBe(true);
    expect(docx.paragraphs).toContain('（印章）');
    await context.close();
  });

  it('once the leadership approves, the office downloads the results notice from the year-end page', async () => {
    const { api } = env;
    const plan = await ganzhouPlan(api);
    const office = await api.login('office');
    const list = await api.http().get(`/api/assessments/of-plan/${plan}`).set('Authorization', office).expect(200);
    const assessment = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'department');
    // The cycle up to approval, as the office and the leadership do it (their own journeys are tested elsewhere).
    await reviewEveryUnitAndApprove(api, assessment.id, departmentReview);

    const { page, context } = await signIn(env, 'office');
    await page.goto(`${env.baseUrl}/assessment/review?assessment=${assessment.id}`);
    await page.getByTestId('notice-docx').waitFor();
    await screenshot(page, 'documents-2-year-end-notice-button');
    const file = await downloaded(page, 'notice-docx');
    expect(file.name).toMatch(/结果通报\.docx$/);
    const docx = await inspectDocx(file.bytes);
    expect(docx.paragraphs).toContain('关于2023年度科技创新赋能行动市直单位考评结果的通报');
    expect(docx.tables[0]![0]).toEqual(expect.arrayContaining(['名次', '单位', '总分']));
    await context.close();
  });

  it('the fund’s evaluator writes the report’s own sections and downloads the report as Word', async () => {
    const { page, context } = await signIn(env, 'nc-office');
    await page.getByRole('menuitem', { name: '专项资金' }).click();
    await page.getByTestId('fund-list').getByText('市级科技发展专项资金').click();
    await page.getByRole('tab', { name: '绩效评价' }).click();
    await page.getByTestId('evaluation-narrative').click();
    await page.getByTestId('narrative-suggestions').fill('加快重大专项立项进度，完善合作单位调整的备案机制。');
    await page.getByTestId('narrative-other').fill('无');
    await screenshot(page, 'documents-3-fund-report-narrative');
    await page.getByTestId('narrative-save').click();
    await page.getByText('评价报告内容已保存').waitFor();
    const file = await downloaded(page, 'report-docx');
    expect(file.name).toMatch(/绩效评价报告\.docx$/);
    const docx = await inspectDocx(file.bytes);
    expect(docx.paragraphs).toContain('六、有关建议');
    expect(docx.paragraphs).toContain('加快重大专项立项进度，完善合作单位调整的备案机制。');
    expect(docx.paragraphs).toContain('【待评价人员填写：主要经验及做法】');
    await context.close();
  });
});

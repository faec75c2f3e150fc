import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { countyReview, reviewEveryUnitAndApprove } from '../setup/year-end-cycle.js';
import { chooseOption, screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

const REASON = '蓉江新区研发经费支出并入章贡区统计，难以单独统计';
const LEAF = '研发支出与地区生产总值之比';

/** Chooses an option of a Select on the page (not in a modal) and waits until the select shows it. */
async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).click();
  await page.getByTestId(testId).getByText(text).waitFor();
}

/** The toast an action ends with: the expected success, or the API's refusal quoted in the failure. */
async function outcome(page: Page, success: string): Promise<void> {
  const toast = page.locator('.ant-message-notice').filter({ hasText: /\S/ }).last();
  await toast.waitFor({ timeout: 90_000 });
  expect(await toast.innerText()).toContain(success);
}

/**
 * The county year-end reopened after its first approval: the office marks a leaf of 赣州蓉江新区 not measurable, the
 * leadership approves again, the explanation names the substitution and the revisions page shows what changed.
 */
describe('year-end revisions and leaves not measurable in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
    const { api } = env;
    const office = await api.login('office');
    const list = await api
      .http()
      .get(`/api/assessments/of-plan/${await ganzhouPlan(api)}`)
      .set('Authorization', office)
      .expect(200);
    const id: string = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'county').id;
    await reviewEveryUnitAndApprove(api, id, countyReview);
    await api
      .http()
      .post(`/api/assessments/${id}/reopen`)
      .set('Authorization', await api.login('admin'))
      .send({ reason: '蓉江新区部分指标难以单独统计，重新审定' })
      .expect(200);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('the office marks a leaf of 赣州蓉江新区 not measurable, with a reason', async () => {
    const { page } = await signIn(env, 'office');
    await page.goto(`${env.baseUrl}/assessment/review`);
    await choose(page, 'assessment-select', '2023年县（市、区）年终考评');
    await page.getByTestId('assessment-status').getByText('初审中').waitFor();
    const card = page.getByTestId('not-measurable');
    await card.getByText('暂无标记').waitFor();
    await page.getByTestId('nm-add').click();
    await chooseOption(page, 'nm-unit', '赣州蓉江新区');
    await chooseOption(page, 'nm-leaf', LEAF);
    await page.getByRole('button', { name: '确认标记' }).click();
    await page.getByTestId('nm-error').getByText('请填写不可单独统计的原因').waitFor();
    await page.getByTestId('nm-reason').fill(REASON);
    await page.getByRole('button', { name: '确认标记' }).click();
    await outcome(page, '已标记为不可单独统计');
    const row = page.getByTestId('nm-list').locator('tr', { hasText: '赣州蓉江新区' });
    await row.getByText(LEAF).waitFor();
    await row.getByText(REASON).waitFor();
    await screenshot(page, 'yearend-not-measurable-marked');
  });

  it('the leadership approves again and the explanation says the leaf is on the tier average', async () => {
    const leader = await signIn(env, 'leader');
    await leader.page.goto(`${env.baseUrl}/assessment/review`);
    await choose(leader.page, 'assessment-select', '2023年县（市、区）年终考评');
    await leader.page.getByTestId('approve').click();
    await outcome(leader.page, '已审定');
    await leader.page.getByTestId('assessment-status').getByText('已审定').waitFor();

    const { page } = await signIn(env, 'office');
    await page.goto(`${env.baseUrl}/assessment/review`);
    await choose(page, 'assessment-select', '2023年县（市、区）年终考评');
    await page.getByTestId('nm-frozen').waitFor();
    expect(await page.getByTestId('nm-add').count()).toBe(0);
    await page.getByTestId('assessment-results').locator('tr', { hasText: '赣州蓉江新区' }).click();
    const note = page.getByTestId('explanation-note-c1.2');
    await note.waitFor();
    expect(await note.innerText()).toBe(`不可单独统计：${REASON}，按同档平均分计`);
    const leafRow = page.getByTestId('explanation').locator('tr', { hasText: LEAF });
    await leafRow.getByText(/类别其他已测单位的平均得分计算/).waitFor();
    // The substituted score is the tier's average on the leaf, shown beside it (to the cent it was rounded to).
    const cells = await leafRow.locator('td').allInnerTexts();
    expect(Math.abs(Number(cells[1]!.split(' / ')[0]) - Number(cells[2]))).toBeLessThanOrEqual(0.01);
    await screenshot(page, 'yearend-not-measurable-explanation');
  });

  it('the leadership reads every revision and what the second changed, unit by unit', async () => {
    const { page } = await signIn(env, 'leader');
    await page.getByRole('menuitem', { name: '考评版本' }).click();
    await page.waitForURL(/\/assessment\/revisions$/);
    const revisions = page.getByTestId('revisions');
    await revisions.locator('tr', { hasText: '第 2 版' }).getByText('审定', { exact: true }).waitFor();
    // The administrator's reason for reopening is the re-approval's reason.
    await revisions.locator('tr', { hasText: '第 2 版' }).getByText('蓉江新区部分指标难以单独统计，重新审定').waitFor();
    await revisions.locator('tr', { hasText: '第 1 版' }).waitFor();
    await page.getByTestId('diff-summary').getByText('第 1 版 → 第 2 版', { exact: false }).waitFor();
    const rongjiang = page.getByTestId('revision-diff').locator('tr', { hasText: '赣州蓉江新区' });
    const line = rongjiang.getByTestId('diff-leaf-c1.2');
    await line.waitFor();
    expect(await line.innerText()).toContain(`${LEAF}：`);
    expect(await line.innerText()).toContain(`→ 不可单独统计：${REASON}`);
    await screenshot(page, 'yearend-revisions-diff');
    // A unit's liaison has no revisions page.
    const liaison = await signIn(env, 'gz-rjxq');
    expect(await liaison.page.getByRole('menuitem', { name: '考评版本' }).count()).toBe(0);
    await liaison.page.goto(`${env.baseUrl}/assessment/revisions`);
    await liaison.page.getByText('无权访问').waitFor();
  });
});

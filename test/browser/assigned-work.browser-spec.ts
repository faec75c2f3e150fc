import { scoringSettled } from '../setup/year-end-cycle.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { assignedUnits } from '../factories/plans.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { unitByCode } from '../setup/lookups.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n% 2023年度科技创新工作总结\n%%EOF\n');
const CONTENT = '报送2023年度科技创新工作总结及2024年工作计划';

/** The toast an action ends with; when it does not come, the failure quotes the toasts shown (the API's refusal). */
async function outcome(page: Page, success: string): Promise<void> {
  try {
    await page.locator('.ant-message-notice', { hasText: success }).waitFor({ timeout: 30_000 });
  } catch {
    expect(await page.locator('.ant-message-notice').allInnerTexts()).toContain(success);
  }
}

/**
 * 交办事项 in Chromium: the office assigns an item to 市科技局 with a due date, the unit's liaison finds
 * it in the to-do list and closes it with a note and a file, the office sees the closure and
 * confirms it; an item left open past its date shows as 逾期 under the status filter.
 */
describe('assigned work items in Chromium', () => {
  let env: BrowserEnv;
  let office: Session;
  let liaison: Session;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
    // An item assigned in December 2023, due on the 20th and never closed: it counts in the 2023 year-end.
    env.api.travelTo('2023-12-01T09:00:00+08:00');
    const gxj = (await unitByCode(env.api.db, 'GZ-GXJ')).id;
    await env.api
      .http()
      .post('/api/assigned-work')
      .set('Authorization', await env.api.login('office'))
      .send({ content: '梳理高新技术企业培育库入库情况', unitIds: [gxj], dueDate: '2023-12-20' })
      .expect(201);
    env.api.travelTo('2024-01-20T09:00:00+08:00');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('the office assigns an item to a unit with a due date', async () => {
    office = await signIn(env, 'office');
    const { page } = office;
    await page.getByRole('menuitem', { name: '交办事项' }).click();
    await page.waitForURL(/\/assigned-work$/);
    await page.getByTestId('aw-new').click();
    const form = page.getByTestId('aw-new-form');
    await form.getByTestId('aw-new-content').fill(CONTENT);
    await form.getByTestId('aw-new-units').click();
    await page.keyboard.type('市科技局');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '市科技局' }).click();
    await page.keyboard.press('Escape');
    await form.locator('.ant-picker input').click();
    await form.locator('.ant-picker input').fill('2024-02-20');
    await page.keyboard.press('Enter');
    await form.getByTestId('aw-new-basis').fill('市科技创新赋能行动领导小组第四次会议');
    await screenshot(page, 'assigned-work-1-office-assigns');
    await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await outcome(page, '已交办 1 个单位');
    const row = page.getByTestId('aw-table').locator('tr', { hasText: CONTENT });
    await row.getByText('市科技局').waitFor();
    await row.getByText('办理中').waitFor();
    await row.getByText('剩余 31 天').waitFor();
    await screenshot(page, 'assigned-work-2-office-list');
  });

  it('the unit’s liaison finds it in the to-do list and closes it with a note and a file', async () => {
    liaison = await signIn(env, 'gz-kjj');
    const { page } = liaison;
    await page.goto(`${env.baseUrl}/todo`);
    const todo = page.getByTestId('aw-todo');
    await todo.getByText(CONTENT).waitFor();
    await screenshot(page, 'assigned-work-3-liaison-todo');
    await todo.getByTestId('aw-todo-item').filter({ hasText: CONTENT }).getByTestId('aw-todo-open').click();
    await page.waitForURL(/\/assigned-work\?item=/);
    // A unit sees only what was assigned to it: not 市工信局's overdue item.
    await page.getByText('仅显示所选事项').waitFor();
    await page.getByTestId('aw-close').click();
    const dialog = page.getByTestId('aw-close-form');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: '2023年度工作总结.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByTestId('aw-file').getByText('2023年度工作总结.pdf').waitFor();
    await dialog.getByTestId('aw-close-note').fill('总结和计划已于1月20日以正式文件报送，文件见附件');
    await screenshot(page, 'assigned-work-4-liaison-closes');
    await page.getByTestId('aw-close-submit').click();
    await outcome(page, '已办结，待办公室确认');
    const row = page.getByTestId('aw-table').locator('tr', { hasText: CONTENT });
    await row.getByText('已办结（待确认）').waitFor();
    await expect(row.getByText('逾期').count()).resolves.toBe(0);

    await page.getByRole('button', { name: '查看全部' }).click();
    await page.getByTestId('aw-table').getByText(CONTENT).waitFor();
    await expect(page.getByTestId('aw-table').getByText('梳理高新技术企业培育库入库情况').count()).resolves.toBe(0);
  });

  it('the office sees the closure with its file, confirms it, and finds the overdue item under 逾期', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/assigned-work`);
    const row = page.getByTestId('aw-table').locator('tr', { hasText: CONTENT });
    await row.getByText('总结和计划已于1月20日以正式文件报送，文件见附件').waitFor();
    await row.getByTestId('aw-file').getByText('2023年度工作总结.pdf').waitFor();
    await screenshot(page, 'assigned-work-5-office-sees-closure');
    const downloading = page.waitForEvent('download');
    await row.getByTestId('aw-file').click();
    expect((await downloading).suggestedFilename()).toBe('2023年度工作总结.pdf');
    await row.getByTestId('aw-confirm').click();
    await outcome(page, '已确认办结');
    await row.getByText('已办结', { exact: true }).waitFor();

    await page.getByTestId('aw-filter-status').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '逾期' }).click();
    await page.waitForURL(/status=overdue/);
    await page.getByText('共 1 项', { exact: true }).waitFor();
    const overdue = page.getByTestId('aw-table').locator('tr', { hasText: '梳理高新技术企业培育库入库情况' });
    await overdue.getByText('逾期', { exact: true }).waitFor();
    await overdue.getByText('已超期 31 天').waitFor();
    await expect(page.getByTestId('aw-table').getByText(CONTENT).count()).resolves.toBe(0);
    await screenshot(page, 'assigned-work-6-office-overdue');
  });

  it('the year-end explanation of 附表3-2 d1.4 names the late months and the overdue items', async () => {
    // The office reviews every department and the leadership approves, through the API.
    const auth = await env.api.login('office');
    const plan = await ganzhouPlan(env.api);
    const list = await env.api.http().get(`/api/assessments/of-plan/${plan}`).set('Authorization', auth).expect(200);
    const dep = (list.body as { id: string; subjectKind: string }[]).find((a) => a.subjectKind === 'department')!;
    await env.api.http().post(`/api/assessments/${dep.id}/review`).set('Authorization', auth).expect(200);
    for (const u of await assignedUnits(env.api.db, plan, ['department', 'institution', 'enterprise']))
      await env.api
        .http()
        .put(`/api/assessments/${dep.id}/units/${u.id}/review`)
        .set('Authorization', auth)
        .send({
          entries: [
            { criterionId: 'd1.1', input: { satisfied: ['leader'] }, reason: '核实' },
            { criterionId: 'd1.2', input: { satisfied: ['plan'] }, reason: '核实' },
            { criterionId: 'd1.3', input: { score: 3, reason: '核实' }, reason: '核实' },
            { criterionId: 'd2', input: { score: 55, reason: '核实' }, reason: '核实' },
          ],
        })
        .expect(200);
    await env.api
      .http()
      .post(`/api/assessments/${dep.id}/approve`)
      .set('Authorization', await env.api.login('leader'))
      .expect(202);
    await scoringSettled(env.api, dep.id);

    const { page } = office;
    await page.goto(`${env.baseUrl}/assessment/review`);
    await page.getByTestId('assessment-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '市直单位' }).click();
    await page.getByTestId('assessment-status').getByText('已审定').waitFor();
    await page.getByTestId('assessment-results').locator('tr').filter({ hasText: '市工信局' }).click();
    const d14 = page.getByTestId('explanation').locator('tr', { hasText: '按要求及时报送有关材料' });
    await d14
      .getByText(/迟报\/漏报 \d+ 个月，逾期交办事项 1 项/)
      .first()
      .waitFor();
    await d14.scrollIntoViewIfNeeded();
    await screenshot(page, 'assigned-work-7-year-end-explanation');
    expect(env.errors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

interface MatrixRow {
  unitId: string;
  unitName: string;
  kind: string;
}

async function confirm(page: Page): Promise<void> {
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确定|公布/ })
    .click();
}

/**
 * The toast an action ends with: the expected success, or the API's refusal quoted in the failure
 * (a slow or refused request otherwise shows only as a status that never changes).
 */
async function outcome(page: Page, success: string): Promise<void> {
  const toast = page.locator('.ant-message-notice').filter({ hasText: /\S/ }).last();
  await toast.waitFor({ timeout: 90_000 });
  expect(await toast.innerText()).toContain(success);
}

describe('year-end assessment in Chromium', () => {
  let env: BrowserEnv;
  let liaison: Session;
  let office: Session;
  let leader: Session;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('a liaison self-assesses the unit, sees the server’s field errors and saves', async () => {
    liaison = await signIn(env, 'gz-kjj');
    const { page } = liaison;
    await page.getByRole('menuitem', { name: '年终考评' }).click();
    await page.waitForURL(/\/assessment\/self$/);
    const list = page.getByTestId('assessment-list');
    await list.getByText('2023年市直单位年终考评').waitFor();
    await list.getByText('2023年县（市、区）年终考评').waitFor();
    const form = page.getByTestId('self-form');
    await form.locator('tr[data-criterion="d1.4"]').getByText('由平台数据计算').waitFor();
    await form
      .locator('tr[data-criterion="d1.1"] .ant-checkbox-label')
      .filter({ hasText: '指定领导分管科技创新工作' })
      .click();
    await form.getByTestId('input-d1.3-score').fill('4');
    await page.getByTestId('save-self').click();
    await page.getByTestId('error-d1.3').getByText('人工评分须说明理由').waitFor();
    await page.getByTestId('input-d1.3-reason').fill('每季度召开党组会研究科技创新工作');
    await form.getByTestId('input-d2-score').fill('62');
    await page.getByTestId('input-d2-reason').fill('牵头任务均按计划推进');
    await page.getByTestId('save-self').click();
    await page.getByText('自评已保存', { exact: true }).waitFor();
    await page.getByTestId('self-count').getByText('已保存 3 项').waitFor();
    await screenshot(page, 'assessment-self');
  });

  it('the office ends self-assessment, accepts and adjusts with a reason', async () => {
    office = await signIn(env, 'office');
    const { page } = office;
    await page.goto(`${env.baseUrl}/assessment/review`);
    await page.getByTestId('assessment-status').getByText('自评中').waitFor();
    await page.getByTestId('start-review').click();
    await confirm(page);
    await outcome(page, '已转入初审');
    await page.getByTestId('assessment-status').getByText('初审中').waitFor();
    await page.getByTestId('open-unit-市科技局').click();
    const table = page.getByTestId('unit-review');
    await table.getByText('62 分（牵头任务均按计划推进）').first().waitFor();
    await page.getByTestId('accept-self').click();
    await page.getByText('已认可自评', { exact: true }).waitFor();
    await table.getByText('理由：认可自评').first().waitFor();
    await page.getByTestId('adjust-d1.2').click();
    await page.locator('.ant-modal').getByText('已结合单位职能制定年度科技创新工作计划').click();
    await page.getByRole('button', { name: '确认调整' }).click();
    await page.getByTestId('adjust-error').getByText('请填写调整理由').waitFor();
    // The office attaches its own record of the check to the leaf it adjusts.
    await page
      .locator('.ant-modal')
      .locator('input[type=file]')
      .setInputFiles({
        name: '核查记录.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% 核查记录\n%%EOF\n'),
      });
    await page.getByText('已上传：核查记录.pdf', { exact: true }).waitFor();
    await page.locator('.ant-modal').getByText('核查记录.pdf').waitFor();
    await page.getByTestId('adjust-reason').fill('已查阅年度工作计划文件');
    await page.getByRole('button', { name: '确认调整' }).click();
    await table.getByText('理由：已查阅年度工作计划文件').waitFor();
    await screenshot(page, 'assessment-review');
  });

  it('a leader cannot approve an incomplete review, then approves and reads the results', async () => {
    leader = await signIn(env, 'leader');
    const { page } = leader;
    await page.goto(`${env.baseUrl}/assessment/review`);
    await page.getByTestId('assessment-status').getByText('初审中').waitFor();
    await page.getByTestId('approve').click();
    await page
      .getByTestId('assessment-conflict')
      .getByText(/未完成初审/)
      .waitFor();
    await screenshot(page, 'assessment-approve-incomplete');

    // The office reviews every other unit through the API.
    const auth = await env.api.login('office');
    const plans = await env.api.http().get('/api/plans?pageSize=50').set('Authorization', auth);
    const plan = (plans.body.items as { id: string; status: string }[]).find((p) => p.status === 'published')!;
    const list = await env.api.http().get(`/api/assessments/of-plan/${plan.id}`).set('Authorization', auth);
    const dep = (list.body as { id: string; subjectKind: string }[]).find((a) => a.subjectKind === 'department')!;
    const matrix = await env.api.http().get(`/api/plans/${plan.id}/completeness?year=2023`).set('Authorization', auth);
    for (const row of matrix.body.rows as MatrixRow[]) {
      if (!['department', 'institution', 'enterprise'].includes(row.kind) || row.unitName === '市科技局') continue;
      const res = await env.api
        .http()
        .put(`/api/assessments/${dep.id}/units/${row.unitId}/review`)
        .set('Authorization', auth)
        .send({
          entries: [
            { criterionId: 'd1.1', input: { satisfied: ['leader'] }, reason: '核实' },
            { criterionId: 'd1.2', input: { satisfied: ['plan'] }, reason: '核实' },
            { criterionId: 'd1.3', input: { score: 3, reason: '核实' }, reason: '核实' },
            { criterionId: 'd2', input: { score: 55, reason: '核实' }, reason: '核实' },
          ],
        });
      expect(res.status).toBe(200);
    }
    await page.getByTestId('approve').click();
    await page.getByTestId('assessment-status').getByText('已审定').waitFor();
    const results = page.getByTestId('assessment-results');
    await results.getByText('市科技局').waitFor();
    await screenshot(page, 'assessment-results');
    await results.locator('tr').filter({ hasText: '市科技局' }).click();
    await page.getByTestId('explanation').getByText('定期研究调度科技创新工作', { exact: true }).waitFor();
    await expect(page.getByTestId('explanation-total').textContent()).resolves.toContain('总分');
    await screenshot(page, 'assessment-explanation');
    await leader.context.close();
  });

  it('the office publishes the results', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/assessment/review`);
    await page.getByTestId('assessment-status').getByText('已审定').waitFor();
    await page.getByTestId('publish').click();
    await confirm(page);
    await page.getByTestId('assessment-status').getByText('已公布').waitFor();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(env.errors).toEqual([]);
  });
});

import { scoringSettled } from '../setup/year-end-cycle.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chooseOption, screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

const PDF = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`);

/**
 * The year-end's events and appeals screens (issue #15 point 5): the office records a bonus with
 * its evidence; after publication 章贡区 files an appeal with a file; the office upholds it; the
 * county sees the decision, the new revision and its changed result.
 */
describe('year-end events and appeals in Chromium', () => {
  let env: BrowserEnv;
  let assessment: string;
  let zgq: string;
  let totalBefore: string;

  const county = (c21: number) => [
    { criterionId: 'c1.1', input: { value: 80 }, reason: '核实' },
    { criterionId: 'c2.1', input: { score: c21, reason: '核实' }, reason: '核实' },
    { criterionId: 'c2.2', input: { actual: 9, planned: 10 }, reason: '核实' },
    { criterionId: 'c3.1', input: { score: 9, reason: '核实' }, reason: '核实' },
    { criterionId: 'c3.2', input: { score: 4, reason: '核实' }, reason: '核实' },
  ];

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
    const auth = await env.api.login('office');
    const plans = await env.api.http().get('/api/plans').set('Authorization', auth);
    const plan = (plans.body.items as { id: string; docNumber: string }[]).find((p) =>
      p.docNumber.startsWith('赣市科赋字'),
    )!;
    const list = await env.api.http().get(`/api/assessments/of-plan/${plan.id}`).set('Authorization', auth);
    assessment = (list.body as { id: string; subjectKind: string }[]).find((a) => a.subjectKind === 'county')!.id;
    const units = await env.api.http().get(`/api/assessments/${assessment}/units`).set('Authorization', auth);
    zgq = (units.body as { id: string; shortName: string }[]).find((u) => u.shortName === '章贡区')!.id;
  });

  afterAll(async () => {
    await env?.close();
  });

  it('the office records a bonus for a county with its evidence', async () => {
    const { page } = await signIn(env, 'office');
    await page.getByRole('menuitem', { name: '加减分事项' }).click();
    await page.waitForURL(/\/assessment\/events$/);
    await page.getByTestId('events').getByText('暂无加减分事项').waitFor();
    await page.getByTestId('new-event').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByRole('button', { name: '确认登记' }).click();
    await page.getByTestId('event-error-unitId').getByText('请选择单位').waitFor();
    await chooseOption(page, 'event-unit', '章贡区');
    await chooseOption(page, 'event-item', '获批组建省级科技创新平台');
    await page.getByTestId('event-note').fill('赣市科字〔2023〕45号批复组建省级重点实验室');
    await modal
      .locator('input[type="file"]')
      .setInputFiles({ name: '省级平台批复.pdf', mimeType: 'application/pdf', buffer: PDF('批复') });
    await page
      .getByTestId('event-new-files')
      .getByText(/省级平台批复\.pdf/)
      .waitFor();
    await screenshot(page, 'yearend-events-1-form');
    await modal.getByRole('button', { name: '确认登记' }).click();
    await page.getByText('已登记', { exact: true }).waitFor();
    const row = page.getByTestId('events').locator('tr').filter({ hasText: '章贡区' });
    await row.getByText('获批组建省级科技创新平台').waitFor();
    await row.getByText('2 分 × 1 次').waitFor();
    await row.getByText(/省级平台批复\.pdf/).waitFor();
    await screenshot(page, 'yearend-events-2-recorded');
    await page.context().close();
  });

  it('a county files an appeal with a file after publication', async () => {
    // Review, approval and publication through the API (their screens have their own specs).
    const office = await env.api.login('office');
    await env.api.http().post(`/api/assessments/${assessment}/review`).set('Authorization', office).expect(200);
    const progress = await env.api.http().get(`/api/assessments/${assessment}/progress`).set('Authorization', office);
    for (const row of progress.body as { unitId: string }[])
      await env.api
        .http()
        .put(`/api/assessments/${assessment}/units/${row.unitId}/review`)
        .set('Authorization', office)
        .send({ entries: county(row.unitId === zgq ? 5 : 7) })
        .expect(200);
    await env.api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', await env.api.login('leader'))
      .expect(202);
    await scoringSettled(env.api, assessment);
    await env.api.http().post(`/api/assessments/${assessment}/publish`).set('Authorization', office).expect(200);
    const results = await env.api.http().get(`/api/assessments/${assessment}/results`).set('Authorization', office);
    totalBefore = (results.body.results as { unitId: string; total: string }[]).find((r) => r.unitId === zgq)!.total;

    const { page, context } = await signIn(env, 'gz-zgq');
    await page.getByRole('menuitem', { name: '考评申诉' }).click();
    await page.waitForURL(/\/assessment\/appeals$/);
    await page
      .getByTestId('own-result')
      .getByText(`${Number(totalBefore).toFixed(2)} 分`)
      .waitFor();
    await page.getByTestId('own-result').getByText('第 1 版').waitFor();
    await page.getByTestId('new-appeal').click();
    await chooseOption(page, 'appeal-leaf', '科技管理部门能力建设');
    await page.getByTestId('appeal-reason').fill('区科技局已增设编制 2 名、落实工作经费，初审未采纳编制批复');
    await page
      .locator('.ant-modal:visible input[type="file"]')
      .setInputFiles({ name: '编制批复.pdf', mimeType: 'application/pdf', buffer: PDF('编制') });
    await page
      .getByTestId('appeal-new-files')
      .getByText(/编制批复\.pdf/)
      .waitFor();
    await screenshot(page, 'yearend-appeals-1-form');
    await page.locator('.ant-modal:visible').getByRole('button', { name: '提交申诉' }).click();
    await page.getByText('申诉已提交', { exact: true }).waitFor();
    const row = page.getByTestId('appeals').locator('tr').filter({ hasText: '科技管理部门能力建设' });
    await row.getByText('待处理').waitFor();
    await row.getByText(/编制批复\.pdf/).waitFor();
    await screenshot(page, 'yearend-appeals-2-filed');
    await context.close();
  });

  it('the office upholds the appeal with the corrected value, making a new revision', async () => {
    const { page, context } = await signIn(env, 'office');
    await page.goto(`${env.baseUrl}/assessment/appeals`);
    const row = page.getByTestId('appeals').locator('tr').filter({ hasText: '章贡区' });
    await row.getByText('待处理').waitFor();
    await row.getByRole('button', { name: /处\s?理/ }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('支持申诉').click();
    await page.getByTestId('input-c2.1-score').fill('9');
    await page.getByTestId('input-c2.1-reason').fill('编制与经费均已落实');
    await modal.getByRole('button', { name: '确认处理' }).click();
    await page.getByTestId('appeal-decision-error').getByText('请填写处理理由').waitFor();
    await page.getByTestId('appeal-decision-reason').fill('编制批复属实，予以更正');
    await screenshot(page, 'yearend-appeals-3-decide');
    await modal.getByRole('button', { name: '确认处理' }).click();
    await page.getByText('已支持申诉，正在重新计算结果', { exact: true }).waitFor();
    await row.getByText('已支持').waitFor();
    await row.getByText('已更正，生成第 2 版结果').waitFor();
    await screenshot(page, 'yearend-appeals-4-upheld');
    await context.close();
  });

  it('the county sees the decision and its changed result', async () => {
    const { page, context } = await signIn(env, 'gz-zgq');
    await page.goto(`${env.baseUrl}/assessment/appeals`);
    const row = page.getByTestId('appeals').locator('tr').filter({ hasText: '科技管理部门能力建设' });
    await row.getByText('已支持').waitFor();
    await row.getByText('编制批复属实，予以更正').waitFor();
    await row.getByText('已更正，生成第 2 版结果').waitFor();
    const result = page.getByTestId('own-result');
    await result.getByText('第 2 版').waitFor();
    const after = (Number(totalBefore) + 4).toFixed(2);
    await result.getByText(`${after} 分`).waitFor();
    await screenshot(page, 'yearend-appeals-5-county-result');
    await context.close();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(env.errors).toEqual([]);
  });
});

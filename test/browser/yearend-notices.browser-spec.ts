import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unitByCode } from '../setup/lookups.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

/** Year-end notices in 我的消息: each shows what happened, and its link opens the page where it is acted on. */
describe('year-end notices in the inbox, in Chromium', () => {
  let env: BrowserEnv;
  let department: string;
  let county: string;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
    const office = await env.api.login('office');
    const list = await env.api
      .http()
      .get(`/api/assessments/of-plan/${await ganzhouPlan(env.api)}`)
      .set('Authorization', office)
      .expect(200);
    department = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'department').id;
    county = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'county').id;
  });

  afterAll(async () => {
    await env?.close();
  });

  it('a department’s liaison reads that self-assessment has opened and goes to the form', async () => {
    const { page } = await signIn(env, 'gz-kjj');
    await page.goto(`${env.baseUrl}/inbox`);
    const notice = page.locator('.ant-list-item').filter({ hasText: '2023年度市直单位科技创新工作年终考评自评已开始' });
    await notice.getByText('年终考评', { exact: true }).waitFor();
    await notice.getByText('办公室转入初审后不能再填报或修改').waitFor();
    // A department hears about its own assessment only.
    expect(await page.getByText('2023年度县（市、区）科技创新工作年终考评自评已开始').count()).toBe(0);
    await screenshot(page, 'yearend-notice-liaison-inbox');
    await notice.getByTestId('inbox-open').click();
    await page.waitForURL((url) => url.pathname === '/assessment/self');
    expect(new URL(page.url()).searchParams.get('assessment')).toBe(department);
    await page
      .getByTestId('assessment-list')
      .locator('tr.ant-table-row-selected', { hasText: '2023年市直单位年终考评' })
      .waitFor();
    await page.getByTestId('self-form').locator('tr[data-criterion="d1.3"]').waitFor();
    await screenshot(page, 'yearend-notice-liaison-form');
  });

  it('the office reads that a unit has submitted, and the link opens that unit’s review', async () => {
    const kjj = (await unitByCode(env.api.db, 'GZ-KJJ')).id;
    const liaison = await env.api.login('gz-kjj');
    await env.api
      .http()
      .put(`/api/assessments/${department}/units/${kjj}/self`)
      .set('Authorization', liaison)
      .send({
        entries: [
          { criterionId: 'd1.1', input: { satisfied: ['leader', 'section'] } },
          { criterionId: 'd1.2', input: { satisfied: ['plan'] } },
          { criterionId: 'd1.3', input: { score: 4, reason: '每季度召开专题会议' } },
          { criterionId: 'd2', input: { score: 62, reason: '牵头任务均按节点推进' } },
        ],
      })
      .expect(200);
    await env.api
      .http()
      .post(`/api/assessments/${department}/units/${kjj}/self/submit`)
      .set('Authorization', liaison)
      .expect(200);

    const { page } = await signIn(env, 'office');
    await page.goto(`${env.baseUrl}/inbox`);
    const notice = page.locator('.ant-list-item').filter({ hasText: '已提交2023年度市直单位科技创新工作年终考评自评' });
    await notice.getByText('请办公室初审').waitFor();
    await screenshot(page, 'yearend-notice-office-inbox');
    await notice.getByTestId('inbox-open').click();
    await page.waitForURL((url) => url.pathname === '/assessment/review');
    expect(new URL(page.url()).searchParams.get('unit')).toBe(kjj);
    await page.locator('.ant-drawer-title', { hasText: '自评与初审' }).waitFor();
    await page.locator('.ant-drawer').getByText('62 分（牵头任务均按节点推进）').first().waitFor();
    await screenshot(page, 'yearend-notice-office-review');
    // Opening the notice read it.
    await page.goto(`${env.baseUrl}/inbox`);
    await notice.getByTestId('inbox-open').waitFor();
    expect(await notice.getByRole('button', { name: '标为已读' }).count()).toBe(0);
  });

  it('a county’s liaison is taken to the county assessment', async () => {
    const { page } = await signIn(env, 'gz-zgq');
    await page.goto(`${env.baseUrl}/inbox`);
    const notice = page
      .locator('.ant-list-item')
      .filter({ hasText: '2023年度县（市、区）科技创新工作年终考评自评已开始' });
    await notice.getByTestId('inbox-open').click();
    await page.waitForURL((url) => url.pathname === '/assessment/self');
    expect(new URL(page.url()).searchParams.get('assessment')).toBe(county);
    await page
      .getByTestId('assessment-list')
      .locator('tr.ant-table-row-selected', { hasText: '2023年县（市、区）年终考评' })
      .waitFor();
    expect(env.errors).toEqual([]);
  });
});

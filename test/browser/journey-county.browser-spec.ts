import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { one } from '../factories/sql.js';
import { unitByCode } from '../setup/lookups.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

/**
 * A county liaison's month: 章贡区's indicator values and key-project investment for April, entered from the to-do
 * list and submitted; then, after the deadline, a submission that asks to confirm it will be marked 迟报.
 */
describe('journey: the county liaison enters indicator values and project investment', () => {
  let env: BrowserEnv;
  let county: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    county = (await unitByCode(env.api.db, 'GZ-ZGQ')).id;
  });
  afterAll(async () => {
    await env?.close();
  });

  /** Opens the to-do item of April whose row names `text`. */
  async function openFromTodo(page: Page, text: string | RegExp): Promise<void> {
    await page.goto(`${env.baseUrl}/todo`);
    // The month's tag, not a due date of March's item (截止：2023年4月6日).
    const month = page.locator('.ant-tag', { hasText: /^2023年4月$/ });
    const item = page.locator('.ant-list-item').filter({ has: month }).filter({ hasText: text }).first();
    await item.waitFor();
    await item.getByRole('button', { name: /填报|修改/ }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/reports/'));
  }

  const reportOf = (subjectId: string) =>
    one<{ status: string; late: boolean | null; investment: string | null }>(
      env.api.db,
      'the April report',
      `SELECT r.status, r.late, r.investment_to_date::text AS investment FROM reports r
       JOIN reporting_periods rp ON rp.id = r.period_id WHERE r.subject_id = $1 AND rp.year = 2023 AND rp.month = 4`,
      [subjectId],
    );

  it('enters the month’s figures beside targets and last month, and confirms a late submission', async () => {
    const started = Date.now();
    const { context, page } = await signIn(env, 'gz-zgq');

    // 指标数据: the county's own indicators are editable, the office's statistics read-only with their source.
    await openFromTodo(page, '指标数据');
    await screenshot(page, 'county-1-todo-opened');
    const table = page.getByTestId('indicator-values');
    await table.waitFor();
    const own = table.locator('tr', { hasText: '入库科技型中小企业数' });
    const target = await one<{ value: string }>(
      env.api.db,
      'target',
      `SELECT trim_scale(t.value)::text AS value FROM targets t JOIN indicators i ON i.id = t.indicator_id
       WHERE i.name = '入库科技型中小企业数' AND t.unit_id = $1 AND t.year = 2023 AND t.period = 'year'`,
      [county],
    );
    const march = await one<{ value: string }>(
      env.api.db,
      'March value',
      `SELECT trim_scale(v.value)::text AS value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
       WHERE i.name = '入库科技型中小企业数' AND v.unit_id = $1 AND v.year = 2023 AND v.month = 3`,
      [county],
    );
    expect(await own.innerText()).toContain(`≥${target.value}家`);
    expect(await own.innerText()).toContain(`${march.value}家`);
    expect(await table.locator('thead').innerText()).toMatch(/2023年目标[\s\S]*3月累计[\s\S]*4月累计/);
    const statistic = table.locator('tr', { hasText: '研发支出与地区生产总值之比' });
    expect(await statistic.getByTestId('target-undivided').innerText()).toBe('未分解');
    expect(await statistic.innerText()).toContain('由领导小组办公室填报');
    expect(await statistic.locator('input').count()).toBe(0);
    expect(await table.getByTestId('target-undivided').count()).toBe(9);
    await screenshot(page, 'county-2-indicator-form');

    // Full-width digits are converted with a note; text and negatives get a message on the field.
    const firms = page.getByTestId('indicator-value-入库科技型中小企业数');
    const hightech = page.getByTestId('indicator-value-新认定高新技术企业数');
    await firms.fill('３０');
    await hightech.click();
    await page.getByText('已将全角字符“３０”转换为“30”').waitFor();
    expect(await firms.inputValue()).toBe('30');
    await hightech.fill('abc');
    await page.getByText('请输入数字（如 12.5），不要带单位或其他文字').waitFor();
    await screenshot(page, 'county-3-indicator-field-messages');
    expect(await hightech.inputValue()).toBe('abc');
    await hightech.fill('-5');
    await page.getByText('不能为负数').waitFor();
    await hightech.fill('6');
    await page.locator('textarea').first().fill('四月新增入库企业集中在电子信息和新材料领域。');
    // The autosave note carries the platform's date (the demo runs on 2023-04-10, whatever the browser's date).
    await page.getByTestId('save-state').filter({ hasText: '草稿已自动保存（2023年4月10日' }).waitFor();
    await screenshot(page, 'county-4-indicator-saved');
    await page.getByTestId('submit-report').click();
    await page.waitForURL((url) => url.pathname === '/todo');
    expect(await reportOf(county)).toMatchObject({ status: 'submitted', late: false });
    const values = await env.api.db.query(
      `SELECT i.name, trim_scale(v.value)::text AS value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
       WHERE v.unit_id = $1 AND v.year = 2023 AND v.month = 4 ORDER BY i.name`,
      [county],
    );
    expect(values).toEqual([
      { name: '入库科技型中小企业数', value: '30' },
      { name: '新认定高新技术企业数', value: '6' },
    ]);

    // 项目: investment to date in 万元 beside the annual plan, last month's figure and 序时进度.
    const p12 = await one<{ id: string; annual: string; march: string }>(
      env.api.db,
      'project 12',
      `SELECT p.id, p.annual_investment::text AS annual, r.investment_to_date::text AS march
       FROM projects p JOIN reports r ON r.subject_id = p.id JOIN reporting_periods rp ON rp.id = r.period_id AND rp.month = 3
       WHERE p.county_unit_id = $1 AND p.number = 12`,
      [county],
    );
    await openFromTodo(page, /项目\s*12/);
    const figures = page.getByTestId('project-figures');
    await figures.waitFor();
    const money = (v: string) => Number(v).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(await figures.innerText()).toContain(`${money(p12.annual)} 万元`);
    expect(await figures.innerText()).toContain(`${money(p12.march)} 万元`);
    const expected = ((Number(p12.annual) * 120) / 365).toFixed(2);
    expect(await page.getByTestId('project-elapsed').innerText()).toBe(`32.88%，应完成投资 ${money(expected)} 万元`);
    expect(await page.getByText('推进状态').count()).toBe(0);
    await screenshot(page, 'county-5-project-form');
    await page.getByTestId('investment-to-date').fill('5000');
    await page.getByTestId('project-comparison').filter({ hasText: '低于序时进度' }).waitFor();
    expect(await page.getByTestId('project-comparison').innerText()).toContain(
      `完成年度计划的 ${((5000 / Number(p12.annual)) * 100).toFixed(2)}%`,
    );
    await page.locator('textarea').first().fill('主体厂房封顶，设备进场安装。');
    await screenshot(page, 'county-6-project-filled');
    await page.getByTestId('submit-report').click();
    await page.waitForURL((url) => url.pathname === '/todo');
    expect(await reportOf(p12.id)).toMatchObject({ status: 'submitted', late: false, investment: '5000.00' });
    await context.close();

    // After the deadline (05-05 17:00) the submission says it will be marked 迟报 and waits for a confirmation.
    env.api.travelTo('2023-05-06T10:00:00+08:00');
    const later = await signIn(env, 'gz-zgq');
    const p13 = await one<{ id: string }>(
      env.api.db,
      'project 13',
      `SELECT id FROM projects WHERE county_unit_id = $1 AND number = 13`,
      [county],
    );
    await openFromTodo(later.page, /项目\s*13/);
    await later.page.getByTestId('investment-to-date').fill('2100.5');
    await later.page.locator('textarea').first().fill('完成动物房装修，正在验收。');
    await later.page.getByTestId('save-state').filter({ hasText: '草稿已自动保存（2023年5月6日' }).waitFor();
    await later.page.getByTestId('submit-report').click();
    await later.page.getByTestId('late-confirmation').waitFor();
    expect(await later.page.locator('.ant-modal-confirm').innerText()).toContain('提交后将记为迟报');
    await screenshot(later.page, 'county-7-late-confirmation');
    await later.page.getByRole('button', { name: '暂不提交' }).click();
    await later.page.getByTestId('late-confirmation').waitFor({ state: 'detached' });
    expect(await reportOf(p13.id)).toMatchObject({ status: 'draft' });
    await later.page.getByTestId('submit-report').click();
    await later.page.getByRole('button', { name: '确认提交（迟报）' }).click();
    await later.page.waitForURL((url) => url.pathname === '/todo');
    expect(await reportOf(p13.id)).toMatchObject({ status: 'submitted', late: true, investment: '2100.50' });
    await screenshot(later.page, 'county-8-submitted-late');
    await later.context.close();
    expect(env.errors).toEqual([]);
    console.log(`county figures journey: ${Date.now() - started} ms`);
  });
});

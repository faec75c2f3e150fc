import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { publishFundSchemeV2 } from '../factories/fund-evaluation.js';
import { unitByCode } from '../setup/lookups.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

const DEMO_FUND = '市级科技发展专项资金';
const NEW_FUND = '科技创新券专项资金';

const timings: Record<string, number> = {};

/**
 * Special funds, each user's loop. In spring (the demo's 2023-04-10) the science bureau's liaison finds
 * the month's execution figures on the to-do list and opens the fund's execution tab from it.
 */
describe('special funds journey in Chromium: the monthly execution to-do', () => {
  let env: BrowserEnv;
  let newFund: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const { api } = env;
    const office = await api.login('nc-office');
    // Set up by the office before the journey: a fund added in April for the science bureau, with
    // its spending directions but no execution yet, and version 2 of the fund evaluation scheme.
    const created = await api
      .http()
      .post('/api/fund-projects')
      .set('Authorization', office)
      .send({ name: NEW_FUND, ownerUnitId: (await unitByCode(api.db, 'NC-KJJ')).id, year: 2023, generalBudget: '1000' })
      .expect(201);
    newFund = created.body.id;
    await api
      .http()
      .put(`/api/fund-projects/${newFund}/sub-items`)
      .set('Authorization', office)
      .send({
        items: [
          { name: '创新券兑付', budget: '800' },
          { name: '服务机构补助', budget: '200' },
        ],
      })
      .expect(200);
  });

  afterAll(async () => {
    await env?.close();
    expect(env.errors).toEqual([]);
  });

  it('the science bureau’s liaison sees the fund execution to-do and opens the execution tab from it', async () => {
    const started = Date.now();
    const { page, context } = await signIn(env, 'nc-kjj');
    await page.getByRole('menuitem', { name: '我的待办' }).click();
    await page.waitForURL(/\/todo$/);
    const section = page.getByTestId('fund-todo');
    const march = section.getByTestId('fund-todo-item').filter({ hasText: `专项资金执行填报：${NEW_FUND} 2023年3月` });
    await march.waitFor();
    await expect(march.textContent()).resolves.toMatch(/截止：2023年4月10日.*今日截止.*尚有 2 个子项未填报/);
    const january = section.getByTestId('fund-todo-item').filter({ hasText: `${NEW_FUND} 2023年1月` });
    await expect(january.textContent()).resolves.toMatch(/已逾期 59 天/);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'journey-funds-1-todo');

    await march.getByTestId('fund-todo-fill').click();
    await page.waitForURL((url) => url.pathname === `/funds/${newFund}` && url.searchParams.get('tab') === 'execution');
    await page.getByRole('tab', { name: '执行情况', selected: true }).waitFor();
    await page.getByTestId('execution-sub-items').getByText('服务机构补助').waitFor();
    await screenshot(page, 'journey-funds-2-execution-tab');
    await context.close();
    timings['liaison to-do → execution tab'] = Date.now() - started;
  });
});

/**
 * After the year (the demo's 2024-01-20) the office moves the draft evaluation to the scheme's newer
 * version, enters value and target for its threshold and shortfall leaves, scores it and reads the
 * 扣分原因 of every leaf that lost points.
 */
describe('special funds journey in Chromium: the year-end evaluation', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
    await publishFundSchemeV2(env.api, await env.api.login('nc-office'));
  });

  afterAll(async () => {
    console.log(`journey-funds timings (ms): ${JSON.stringify(timings)}`);
    await env?.close();
    expect(env.errors).toEqual([]);
  });

  it('the office moves the draft evaluation to version 2, enters value and target, and reads every 扣分原因', async () => {
    const started = Date.now();
    const { page, context } = await signIn(env, 'nc-office');
    await page.getByRole('menuitem', { name: '专项资金' }).click();
    await page.getByTestId('fund-list').getByText(DEMO_FUND).click();
    await page.getByRole('tab', { name: '绩效评价' }).click();
    await page.getByTestId('evaluation-scheme').getByText('（第1版）').waitFor();
    await page.getByTestId('evaluation-status').getByText('评价中').waitFor();
    await screenshot(page, 'journey-funds-3-evaluation-v1');

    await page.getByTestId('evaluation-move-scheme').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '更换' }).click();
    await page.getByTestId('evaluation-scheme').getByText('（第2版）').waitFor();
    await expect(page.getByTestId('evaluation-move-scheme').count()).resolves.toBe(0);
    const table = page.getByTestId('evaluation-table');
    await table.locator('[data-criterion="P2b"]').getByText('缺数据').waitFor();
    await screenshot(page, 'journey-funds-4-moved-to-v2');

    await page.getByTestId('evaluation-inputs').click();
    const threshold = page.getByTestId('evaluator-leaf-P2b');
    await threshold.getByText('方案目标：>= 95').waitFor();
    await threshold.getByRole('spinbutton').nth(0).fill('92');
    await threshold.getByRole('spinbutton').nth(1).fill('95');
    const shortfall = page.getByTestId('evaluator-leaf-P2c');
    await shortfall.getByRole('spinbutton').nth(0).fill('18');
    await shortfall.getByRole('spinbutton').nth(1).fill('20');
    await screenshot(page, 'journey-funds-5-value-and-target');
    await page.getByTestId('evaluation-inputs-save').click();
    await page.getByText('评价数据已保存').waitFor();

    await page.getByTestId('evaluation-run').click();
    await page.getByText('已按最新数据计算得分').waitFor();
    const p2b = table.locator('[data-criterion="P2b"]');
    const p2c = table.locator('[data-criterion="P2c"]');
    await p2b.getByText(/扣2分（条件：92 >= 95，未达到/).waitFor();
    await p2c.getByText(/扣1分（.*差距 = 目标 20 − 实际 18 = 2/).waitFor();
    // Merged 一级/二级 cells leave a row fewer cells: the score is third from the end.
    const scoreOf = (row: typeof p2b) => row.evaluate((tr) => [...tr.querySelectorAll('td')].at(-3)?.textContent);
    await expect(scoreOf(p2b)).resolves.toBe('0.00');
    await expect(scoreOf(p2c)).resolves.toBe('1.00');

    // Every leaf that lost points says why; 无扣分 only where the score is the full points.
    const rows = await table.locator('tbody tr[data-criterion]').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
        return { points: cells.at(-4) ?? '', score: cells.at(-3) ?? '', reason: cells.at(-1) ?? '' };
      }),
    );
    expect(rows.length).toBeGreaterThan(15);
    const lost = rows.filter((r) => Number(r.score) < Number(r.points));
    expect(lost.length).toBeGreaterThanOrEqual(4);
    for (const r of lost) expect(r.reason).not.toMatch(/^(无扣分|—)?$/);
    await p2b.scrollIntoViewIfNeeded();
    await screenshot(page, 'journey-funds-6-deduction-reasons');
    await context.close();
    timings['office evaluation v2 with threshold and shortfall'] = Date.now() - started;
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Schema } from '../setup/api-schema.js';
import { planByDocNumber } from '../factories/plans.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

type Lagging = Schema<'LaggingReport'>;

/**
 * A leader's loop: the dashboard shows how the plan is going, the 滞后 slice opens the lagging
 * list of tasks, the list goes out as a workbook, and a county's reporting rate opens its history.
 */
describe('leader journey in Chromium', () => {
  let env: BrowserEnv;
  let plan: string;

  const lagging = async (query: Record<string, string> = {}): Promise<Lagging> =>
    (
      await env.api
        .http()
        .get(`/api/plans/${plan}/lagging`)
        .query(query)
        .set('Authorization', await env.api.login('leader'))
        .expect(200)
    ).body as Lagging;

  beforeAll(async () => {
    env = await startBrowserEnv();
    plan = await planByDocNumber(env.api.db, '赣市科赋字');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('dashboard → 滞后 slice → lagging tasks → xlsx → back → a county’s completeness', async () => {
    const started = Date.now();
    const all = await lagging();
    const states = all.taskStates;
    expect(states.lagging).toBeGreaterThan(0);

    const { page, context } = await signIn(env, 'leader');
    await page.waitForURL(/\/dashboard$/);
    const pie = page.getByTestId('task-state-chart');
    // Each slice's label gives its count with its unit, as the plan's data has it.
    await pie
      .locator('text', { hasText: `${states.lagging}项` })
      .first()
      .waitFor();
    const labels = (await pie.locator('text').allTextContents()).join('|');
    expect(labels).toContain(`${states.onTrack}项`);
    expect(labels).toContain('滞后');
    await page
      .getByTestId('light-legend')
      .getByText(/红灯.*黄灯.*绿灯/)
      .waitFor();
    expect(await page.getByTestId('light-red').innerText()).toBe(`红灯 ${states.lights.red} 项`);
    expect(await page.getByTestId('light-yellow').innerText()).toBe(`黄灯 ${states.lights.yellow} 项`);
    expect(await page.locator('body').innerText()).not.toContain('红旗');
    await page.getByTestId('dashboard-lagging').getByText(all.items[0]!.label).first().waitFor();
    await page.getByTestId('county-completeness-chart').locator('path[fill="#1d5fbf"]').last().waitFor();
    await page.getByTestId('tier-chart-1').locator('path[fill="#1d5fbf"]').last().waitFor();
    await screenshot(page, 'leader-dashboard');
    await page.getByTestId('county-completeness-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'leader-dashboard-counties');
    await page.evaluate('window.scrollTo(0, 0)');

    // The 滞后 slice opens the lagging list of tasks. The chart finds what was hit itself (its elements let the
    // pointer through), so the click lands where the slice's label is drawn.
    await pie.locator('text', { hasText: /^滞后/ }).first().click({ force: true });
    await page.waitForURL(/\/lagging\?kind=task$/);
    const tasks = await lagging({ kind: 'task' });
    await page.getByTestId('lagging-summary').getByText(`滞后事项 ${tasks.items.length} 项`).waitFor();
    const rows = page.locator('[data-testid="lagging-page"] .ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(50, tasks.items.length));
    const first = await rows.first().innerText();
    expect(first).toContain(tasks.items[0]!.label);
    expect(first).toContain('个百分点');
    await screenshot(page, 'leader-lagging-tasks');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lagging-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('2023年3月滞后清单.xlsx');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lagging-')), download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('滞后清单')!;
    expect(sheet.rowCount).toBe(tasks.items.length + 2);
    expect(sheet.getRow(2).getCell(3).value).toBe('事项');
    tasks.items.forEach((item, i) => {
      const row = sheet.getRow(i + 3);
      expect([row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]).toEqual([
        '任务',
        item.label,
        item.unitName,
      ]);
      expect(row.getCell(10).value).toBe(Number(item.shortfall));
      expect(row.getCell(11).value).toBe('百分点');
    });

    // The filters live in the address: key projects behind their investment plan, in 万元.
    await page.getByTestId('lagging-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '项目' }).click();
    await page.waitForURL(/\/lagging\?kind=project$/);
    const projects = await lagging({ kind: 'project' });
    await page.getByTestId('lagging-summary').getByText(`滞后事项 ${projects.items.length} 项`).waitFor();
    expect(await rows.first().innerText()).toContain('万元');
    await screenshot(page, 'leader-lagging-projects');

    await page.goBack();
    await page.waitForURL(/\/lagging\?kind=task$/);
    await page.goBack();
    await page.waitForURL(/\/dashboard$/);
    const matrix = (
      await env.api
        .http()
        .get(`/api/plans/${plan}/completeness`)
        .query({ year: 2023 })
        .set('Authorization', await env.api.login('leader'))
        .expect(200)
    ).body as Schema<'CompletenessMatrix'>;
    // As the chart orders them, lowest rate first: the last (best) county's bar, then the first by its name on the axis.
    const counties = matrix.rows
      .filter((r) => r.kind === 'county' && r.rate !== null)
      .sort((a, b) => Number(a.rate) - Number(b.rate))
      .reverse();
    const chart = page.getByTestId('county-completeness-chart');
    // The page opened is the county's own history, titled with its full name (the chart's axis shows the short one,
    // and while the dashboard is still leaving, its text would match a wait for the short name).
    const historyOf = async (unitId: string) => {
      const unit = (
        await env.api
          .http()
          .get(`/api/units/${unitId}`)
          .set('Authorization', await env.api.login('leader'))
          .expect(200)
      ).body as Schema<'Unit'>;
      await page.locator('.ant-card-head-title', { hasText: `${unit.name} 报送历史` }).waitFor();
    };
    const bestBar = chart.locator('path[fill="#1d5fbf"]').last();
    await bestBar.waitFor({ state: 'visible' });
    await bestBar.click({ force: true });
    await page.waitForURL(new RegExp(`/completeness/${counties[0]!.unitId}$`));
    await historyOf(counties[0]!.unitId);
    await page.goBack();
    await page.waitForURL(/\/dashboard$/);
    const last = counties[counties.length - 1]!;
    // The dashboard is drawn again on the way back: its chart's labels have no size until the chart is laid out.
    const label = chart.locator('text', { hasText: last.unitName }).first();
    await label.waitFor({ state: 'visible' });
    await label.click({ force: true });
    await page.waitForURL(new RegExp(`/completeness/${last.unitId}$`));
    await historyOf(last.unitId);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'leader-county-history');
    await context.close();
    expect(env.errors).toEqual([]);
    console.log(`leader journey: ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
  });
});

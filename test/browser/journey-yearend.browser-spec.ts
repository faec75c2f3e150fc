import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

const COUNTY_ASSESSMENT = '2023年县（市、区）年终考评';
const PDF = Buffer.from('%PDF-1.4\n% 科技管理能力建设情况\n%%EOF\n');
/** Criterion codes of the county scheme: none may reach a person's screen. */
const CODES = /\bc[123](\.\d+)?\b/;

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await step();
  } finally {
    process.stdout.write(`journey-yearend: ${label} ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

async function confirm(page: Page, name: RegExp): Promise<void> {
  await page.locator('.ant-popconfirm').getByRole('button', { name }).click();
}

/**
 * The year-end journey (issue #14 point 11): a county liaison self-assesses with the scheme's
 * guidance beside each criterion, attaches a PDF to one and submits; the office sees each unit's
 * state, self-score and reviewed score with criteria by name, and the evidence in the unit's view.
 */
describe('journey: year-end self-assessment and the office’s review list', () => {
  let env: BrowserEnv;
  let liaison: Session;
  let office: Session;

  beforeAll(async () => {
    env = await startBrowserEnv({ demo: 'year-end' });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a county liaison reads the guidance, enters values, attaches a PDF and submits', async () => {
    await timed('liaison self-assessment', async () => {
      liaison = await signIn(env, 'gz-zgq');
      const { page } = liaison;
      await page.getByRole('menuitem', { name: '年终考评' }).click();
      await page.waitForURL(/\/assessment\/self$/);
      await page.getByText(`本单位自评：${COUNTY_ASSESSMENT}`).waitFor();
      const form = page.getByTestId('self-form');
      await expect(page.getByTestId('guidance-c2.1').innerText()).resolves.toBe(
        '人工评分，须说明理由（对照机构、人员、经费等科技管理能力建设情况评分）',
      );
      await expect(page.getByTestId('guidance-c2.2').innerText()).resolves.toContain('比率计分：实际 ÷ 计划 × 分值');
      await expect(page.getByTestId('guidance-c1.2').innerText()).resolves.toContain('线性折算');
      await form.locator('tr[data-criterion="c1.2"]').getByText('由平台数据计算', { exact: true }).waitFor();
      await expect(form.innerText()).resolves.not.toMatch(CODES);
      await screenshot(page, 'journey-yearend-1-guidance');

      await form.locator('tr[data-criterion="c1.1"] input[inputmode="decimal"]').fill('82');
      await form.locator('tr[data-criterion="c2.1"] input[inputmode="decimal"]').fill('8');
      await page.getByTestId('input-c2.1-reason').fill('科技局编制、人员与经费均已落实');
      const rate = form.locator('tr[data-criterion="c2.2"] input[inputmode="decimal"]');
      await rate.nth(0).fill('9');
      await rate.nth(1).fill('10');
      await form.locator('tr[data-criterion="c3.1"] input[inputmode="decimal"]').fill('9');
      await page.getByTestId('input-c3.1-reason').fill('重点项目均按节点推进');
      await form.locator('tr[data-criterion="c3.2"] input[inputmode="decimal"]').fill('4');
      await page.getByTestId('input-c3.2-reason').fill('打造示范项目 2 个');
      await page.getByTestId('save-self').click();
      await page.getByText('自评已保存', { exact: true }).waitFor();
      await page.getByTestId('self-count').getByText('已保存 5 项').waitFor();
      await screenshot(page, 'journey-yearend-2-values');

      await form
        .locator('tr[data-criterion="c2.1"] input[type="file"]')
        .setInputFiles({ name: '科技管理能力建设情况.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByTestId('evidence-file-c2.1').getByText('科技管理能力建设情况.pdf').waitFor();
      await screenshot(page, 'journey-yearend-3-evidence');

      await page.getByTestId('submit-self').click();
      await confirm(page, /提交/);
      await page.getByTestId('self-submitted').waitFor();
      await expect(page.getByTestId('save-self').isDisabled()).resolves.toBe(true);
      await expect(page.getByTestId('upload-c2.1').count()).resolves.toBe(0);
      await screenshot(page, 'journey-yearend-4-submitted');
    });
  });

  it('the office sees each unit’s state, self-score and reviewed score, and the unit’s evidence', async () => {
    await timed('office review list', async () => {
      office = await signIn(env, 'office');
      const { page } = office;
      await page.goto(`${env.baseUrl}/assessment/review`);
      await page.getByTestId('assessment-select').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: COUNTY_ASSESSMENT })
        .click();
      const list = page.getByTestId('assessment-units');
      const row = list.locator('tr').filter({ hasText: '章贡区' });
      await page.getByTestId('self-state-章贡区').getByText('已提交').waitFor();
      await page.getByTestId('self-state-南康区').getByText('未开始').waitFor();
      const cells = await row.locator('td').allInnerTexts();
      // 单位, 类别, 自评状态, 自评得分, 初审得分, 操作
      expect(cells[3]).toMatch(/^\d+\.\d{2} 分$/);
      expect(cells[4]).toBe('—');
      await expect(list.innerText()).resolves.toContain('自评得分');
      await screenshot(page, 'journey-yearend-5-review-list');

      await page.getByTestId('open-unit-章贡区').click();
      const unit = page.getByTestId('unit-review');
      await unit.getByText('科技管理部门能力建设（10 分）').waitFor();
      await expect(unit.innerText()).resolves.not.toMatch(CODES);
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        unit.getByTestId('evidence-file-c2.1').getByText('科技管理能力建设情况.pdf').click(),
      ]);
      expect(file.suggestedFilename()).toBe('科技管理能力建设情况.pdf');
      await screenshot(page, 'journey-yearend-6-unit-evidence');
      await page.locator('.ant-drawer-close').click();

      // Self-assessment ends; the office accepts 章贡区's claims and the list shows the reviewed score.
      await page.getByTestId('start-review').click();
      await confirm(page, /确定/);
      await page.getByTestId('assessment-status').getByText('初审中').waitFor();
      await page.getByTestId('open-unit-章贡区').click();
      await page.getByTestId('accept-self').click();
      await page.getByText('已认可自评', { exact: true }).waitFor();
      await page.locator('.ant-drawer-close').click();
      await page.getByTestId('self-state-章贡区').getByText('已审核').waitFor();
      const reviewed = await row.locator('td').allInnerTexts();
      expect(reviewed[4]).toBe(reviewed[3]);
      await expect(page.locator('main').innerText()).resolves.not.toMatch(CODES);
      await screenshot(page, 'journey-yearend-7-reviewed');
    });
  });

  it('raised no uncaught errors in the pages', () => {
    expect(env.errors).toEqual([]);
  });
});

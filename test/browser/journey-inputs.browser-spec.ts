import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { chooseOption, ROOT, screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

const FUND = '市级科技发展专项资金';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function modal(page: Page) {
  return page.locator('.ant-modal:visible');
}

/** The field's error as antd shows it under a Form.Item (the latest one, when several are animating). */
function fieldError(page: Page, testId: string) {
  return page
    .locator('.ant-form-item', { has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error')
    .last();
}

/** Waits until nothing matches (antd fades a cleared error out before removing it). */
async function gone(locator: ReturnType<Page['locator']>): Promise<void> {
  for (let waited = 0; (await locator.count()) > 0; waited += 100) {
    if (waited > 5_000) throw new Error('still shown after 5 s');
    await locator.page().waitForTimeout(100);
  }
}

/** The Ganzhou task list with task 2's requirement reworded: one field of one task changes. */
async function changedTaskList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    new Uint8Array(await readFile(path.join(ROOT, 'fixtures', 'ganzhou-2023-tasks.xlsx'))).buffer,
  );
  const sheet = workbook.worksheets[0]!;
  let changed = false;
  sheet.eachRow((row) => {
    if (changed || row.getCell(1).text !== '2') return;
    const cell = row.getCell(2);
    const text = cell.text;
    const at = text.indexOf('。');
    expect(at).toBeGreaterThan(0);
    // A new sentence at the end of the requirement: the preview must mark it and only it.
    cell.value = `${text.replace(/。?$/, '。')}按季度报送工作进展。`;
    changed = true;
  });
  expect(changed).toBe(true);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('inputs: import templates and previews, numeric fields that say what is wrong', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('the office downloads a template, uploads a changed task list and reads the 预检 in Chinese with the change marked', async () => {
    const started = Date.now();
    const { page, context } = await signIn(env, 'office');
    await page.goto(`${env.baseUrl}/import`);
    await page.getByTestId('import-template').waitFor();
    await expect(page.getByTestId('import-upload').textContent()).resolves.toContain('预检');
    expect(await page.locator('body').textContent()).not.toContain('试运行');
    await screenshot(page, 'journey-inputs-1-import-page');

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(file.suggestedFilename()).toMatch(/任务清单（模板）\.xlsx$/);
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(new Uint8Array(await readFile((await file.path())!)).buffer);
    const headers: string[] = [];
    template.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).text === '序号') row.eachCell((c) => headers.push(c.text));
    });
    expect(headers).toEqual(['序号', '具体任务及要求', '牵头单位', '责任单位', '联络员']);

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '任务清单.xlsx', mimeType: XLSX, buffer: await changedTaskList() });
    const changes = page.getByTestId('import-changes');
    await changes.waitFor();
    await page.getByText('预检通过').waitFor();
    const row = changes.locator('tr', { hasText: '任务2：' });
    await expect(row.getByTestId('import-field-change').first().textContent()).resolves.toMatch(/^任务要求：/);
    await expect(row.getByTestId('diff-added').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('季度')]),
    );
    // Only the new words are marked: the unchanged requirement is plain text around them.
    const marked = (await row.getByTestId('diff-added').allTextContents()).join('');
    expect(marked.length).toBeLessThan(20);
    const text = (await changes.textContent()) ?? '';
    expect(text).not.toMatch(/requirement|title|section|liaisons/);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'journey-inputs-2-preview');
    await context.close();
    console.log(`import journey: ${Date.now() - started} ms`);
  });

  it('the owning department’s fund execution form refuses -50 and abc, and converts ３０ with a note', async () => {
    const started = Date.now();
    const { page, context } = await signIn(env, 'nc-kjj');
    await page.getByRole('menuitem', { name: '专项资金' }).click();
    await page.getByTestId('fund-list').getByText(FUND).click();
    await page.getByTestId('fund-title').getByText(FUND).waitFor();
    await page.getByRole('tab', { name: '执行情况' }).click();
    await page.getByTestId('record-execution').click();
    await chooseOption(page, 'execution-sub-item', '科技条件建设');

    const received = page.getByTestId('execution-received');
    await received.fill('-50');
    await fieldError(page, 'execution-received').getByText('金额不能为负数').waitFor();
    await expect(received.inputValue()).resolves.toBe('-50');
    await screenshot(page, 'journey-inputs-3-negative');

    await received.fill('abc');
    await fieldError(page, 'execution-received').getByText('请输入数字').waitFor();
    await expect(received.inputValue()).resolves.toBe('abc');
    // Saving is refused on the field, not by turning the text into 0.00.
    await modal(page).getByRole('button', { name: '保存' }).click();
    await fieldError(page, 'execution-received').getByText('请输入数字').waitFor();
    await screenshot(page, 'journey-inputs-4-not-a-number');

    await received.fill('３０');
    await expect(received.inputValue()).resolves.toBe('30');
    await modal(page).getByTestId('number-note').getByText('已将全角数字转换为半角').waitFor();
    await gone(fieldError(page, 'execution-received'));
    await screenshot(page, 'journey-inputs-5-full-width');
    await context.close();
    console.log(`fund execution journey: ${Date.now() - started} ms`);
  });

  it('a percentage field refuses 150 with 超过100% and keeps what was typed', async () => {
    const started = Date.now();
    const { page, context } = await signIn(env, 'office');
    await page.getByRole('menuitem', { name: '方案与目标' }).click();
    await page.getByRole('menuitem', { name: '工作方案' }).click();
    await page.getByTestId('plan-list').getByText('2023年赣州市科技创新赋能行动工作方案').click();
    await page.getByTestId('edit-task-1').click();
    await page.getByRole('button', { name: '添加节点' }).click();
    const percent = page.locator('[data-testid^="milestone-percent-"]').last();
    await percent.fill('150');
    await page.locator('.ant-form-item-explain-error').getByText('超过100%').waitFor();
    await expect(percent.inputValue()).resolves.toBe('150');
    await screenshot(page, 'journey-inputs-6-percent');
    await percent.fill('８０');
    await expect(percent.inputValue()).resolves.toBe('80');
    await gone(page.locator('.ant-form-item-explain-error').getByText('超过100%'));
    await context.close();
    console.log(`percentage journey: ${Date.now() - started} ms`);
  });

  it('raised no uncaught error in the app', () => {
    expect(env.errors).toEqual([]);
  });
});

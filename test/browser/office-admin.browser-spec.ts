import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../setup/api.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv, type Session } from './support.js';

const NEW_TITLE = '实施企业创新能力提升行动（浏览器测试修改）';
const EDIT_REASON = '浏览器测试：按领导小组意见调整任务名称';
const NEW_USER = 'bt-kjj-2';

interface PlanRow {
  id: string;
  title: string;
  version: number;
}

/**
 * Picks a unit in the modal's unit tree by typing its name, and waits until the select shows it. A
 * click can land while the filtered tree is still re-rendering and choose nothing (seen on fresh
 * clones): the node is then clicked again, at most three times.
 */
async function chooseUnit(page: Page, testId: string, name: string): Promise<void> {
  const node = page.locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${name}"]`);
  const chosen = modal(page).locator('.ant-select-content', { hasText: name });
  const search = async () => {
    await page.getByTestId(testId).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(name);
    await node.waitFor();
  };
  await search();
  for (let attempt = 1; ; attempt++) {
    if (await node.isVisible()) await node.click();
    try {
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      if (!(await node.isVisible())) await search();
    }
  }
}

async function confirm(page: Page, name: RegExp): Promise<void> {
  await page.locator('.ant-popconfirm').getByRole('button', { name }).click();
}

/** The open dialog: closed ones stay mounted (their forms keep their instances). */
function modal(page: Page) {
  return page.locator('.ant-modal:visible');
}

describe('office and admin pages in Chromium', () => {
  let env: BrowserEnv;
  let office: Session;
  let admin: Session;
  let planId: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('the office opens a plan, is told a reason is needed, edits a task and sees it saved', async () => {
    office = await signIn(env, 'office');
    const { page } = office;
    await page.getByRole('menuitem', { name: '方案与目标' }).click();
    await page.getByRole('menuitem', { name: '工作方案' }).click();
    await page.waitForURL(/\/plans$/);
    await page.getByTestId('plan-list').getByText('2023年赣州市科技创新赋能行动工作方案').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    planId = page.url().split('/').pop()!;
    await page.getByTestId('plan-sections').getByText('（一）突出企业主体地位，提升研发覆盖广度').waitFor();
    await screenshot(page, 'plan-detail');

    await page.getByTestId('edit-task-1').click();
    await page.getByTestId('task-title').fill(NEW_TITLE);
    // The plan is published: without a reason the API refuses, and says why on the field.
    await page.getByTestId('task-save').click();
    await page.locator('.ant-form-item-explain-error').getByText('已发布的方案修改须填写修改原因').waitFor();
    await page.getByTestId('task-reason').fill(EDIT_REASON);
    await page.getByTestId('task-save').click();
    await page.getByText('任务已保存').waitFor();
    await page.locator('tr[data-task="1"]').getByText(NEW_TITLE).waitFor();
    await screenshot(page, 'plan-task-saved');
  });

  it('a stale plan version is refused with a clear conflict message', async () => {
    const { page } = office;
    await page.getByTestId('edit-plan').click();
    await page.getByTestId('plan-form').waitFor();
    // Someone else saves the plan meanwhile.
    const auth = await env.api.login('office');
    const plan = (await env.api.http().get(`/api/plans/${planId}`).set('Authorization', auth)).body as PlanRow;
    const res = await env.api.http().patch(`/api/plans/${planId}`).set('Authorization', auth).send({
      version: plan.version,
      issuingBody: '赣州市科技创新赋能行动领导小组（他人修改）',
      reason: '他人同时修改',
    });
    expect(res.status).toBe(200);
    await modal(page).locator('textarea').fill('浏览器测试：核对发文单位');
    await modal(page).getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('conflict-alert')
      .getByText(/版本冲突/)
      .waitFor();
    await screenshot(page, 'plan-conflict');
    await page.getByTestId('conflict-reload').click();
    // The form takes the plan read again (and its version), dropping the alert: only then is the reason typed.
    await page.getByTestId('conflict-alert').waitFor({ state: 'detached' });
    await modal(page).locator('textarea').fill('浏览器测试：核对发文单位');
    await modal(page).getByRole('button', { name: '保存' }).click();
    await page.getByText('方案已保存').waitFor();
    await page.getByText('赣州市科技创新赋能行动领导小组（他人修改）').waitFor();
  });

  it('the office opens the breakdown matrix and a changed county target shows the mismatch', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/breakdown`);
    await page.getByTestId('breakdown-table').locator('td[data-unit="章贡区"]').first().waitFor();
    await page.getByTestId('breakdown-ok').waitFor();
    await page.locator('td[data-unit="章贡区"][data-year="2023"]').click();
    await page.getByTestId('target-value').fill('150');
    await modal(page).getByRole('button', { name: '保存' }).click();
    const warning = page.getByTestId('breakdown-mismatch');
    await warning.getByText(/下级单位合计 1763（相差 \+13）/).waitFor();
    await expect(page.locator('td[data-unit="赣州市"][data-year="2023"]').getAttribute('data-mismatch')).resolves.toBe(
      'true',
    );
    await screenshot(page, 'breakdown-mismatch');
  });

  it('the office sees a failed email in the notification log and resends it', async () => {
    const { page } = office;
    const [{ city }] = (await env.api.db.query(`SELECT city_id AS city FROM plans WHERE id = $1`, [planId])) as {
      city: string;
    }[];
    await env.api.db.query(
      `INSERT INTO notifications (idempotency_key, kind, city_id, recipient_email, subject, body_text, body_html, message_id, status, attempts, last_error)
       VALUES ('browser-test:failed', 'reminder', $1, 'liaison-test@example.com', '【报送提醒】浏览器测试', '正文', '<p>正文</p>',
         '<browser-test@kc>', 'failed', 3, '550 mailbox unavailable')`,
      [city],
    );
    await page.goto(`${env.baseUrl}/notifications`);
    await page.getByTestId('notification-status').getByText('发送失败').click();
    const row = page.getByTestId('notification-log').locator('tr').filter({ hasText: 'liaison-test@example.com' });
    await row.getByText('550 mailbox unavailable').waitFor();
    await screenshot(page, 'notification-log');
    await row.getByRole('button', { name: '重发' }).click();
    await confirm(page, /重发/);
    await page.getByText('已重新排队发送：liaison-test@example.com').waitFor();
    await page.getByTestId('notification-log').getByText('没有发送失败的邮件').waitFor();
  });

  it('the office views a scheme’s criteria tree and sees the API’s errors by path for a broken version', async () => {
    const { page } = office;
    await page.goto(`${env.baseUrl}/schemes`);
    await page.getByTestId('scheme-list').getByText('2023年赣州市市直单位科技创新赋能行动考评').click();
    const tree = page.getByTestId('scheme-tree');
    await tree.getByText('一级指标').first().waitFor();
    await tree.getByText(/按次扣分：每次扣 1 分/).waitFor();
    await screenshot(page, 'scheme-tree');
    await page.getByTestId('edit-scheme').click();
    const json = page.getByTestId('scheme-json');
    const text = await json.inputValue();
    await json.fill(text.replace(/"total": 100/, '"total": 90'));
    await page.getByTestId('scheme-save-version').click();
    await page
      .getByTestId('scheme-errors')
      .getByText(/total|criteria/)
      .first()
      .waitFor();
    await screenshot(page, 'scheme-errors');
  });

  it('the admin creates a user who then appears in the list', async () => {
    admin = await signIn(env, 'admin');
    const { page } = admin;
    await page.goto(`${env.baseUrl}/admin/users`);
    await page.getByTestId('user-list').getByText('office', { exact: true }).waitFor();
    await page.getByTestId('create-user').click();
    // Saving an empty form shows what is missing beside the fields, and raises no uncaught error in the page.
    await modal(page).getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '请填写初始密码' }).waitFor();
    await page.getByTestId('user-username').fill(NEW_USER);
    await page.getByTestId('user-password').fill('Short1');
    await page.getByTestId('user-display-name').fill('浏览器测试联络员');
    await chooseUnit(page, 'user-unit', '市科技局');
    await modal(page).getByRole('button', { name: '保存' }).click();
    // The API's password rule, on the password field.
    await page.locator('.ant-form-item-explain-error').filter({ hasText: /密码/ }).waitFor();
    await page.getByTestId('user-password').fill('Browser2023');
    await modal(page).getByRole('button', { name: '保存' }).click();
    await page.getByText(`已创建用户 ${NEW_USER}`).waitFor();
    await page.getByTestId('user-list').getByText(NEW_USER, { exact: true }).waitFor();
    await screenshot(page, 'users');
  });

  it('a liaison disabled meanwhile is sent to the login page, and the next one in that tab reads afresh', async () => {
    const { page } = await signIn(env, 'gz-kx');
    await page.getByTestId('todo-list').waitFor();
    const auth = await env.api.login('admin');
    const users = await env.api.http().get('/api/users').query({ q: 'gz-kx' }).set('Authorization', auth);
    const user = (users.body.items as { id: string; username: string }[]).find((u) => u.username === 'gz-kx')!;
    const res = await env.api.http().patch(`/api/users/${user.id}`).set('Authorization', auth).send({ active: false });
    expect(res.status).toBe(200);
    // The next read is refused, the refresh token with it: the app signs out.
    await page.getByRole('menuitem', { name: '报送记录' }).click();
    await page.waitForURL(/\/login$/);
    // What the first user read (moments ago, well within the cache's freshness) is not shown to the next one.
    let todoReads = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/reporting/todo') todoReads++;
    });
    await page.fill('#username', 'gz-kjj');
    await page.fill('#password', DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/todo$/);
    await page.getByTestId('todo-list').waitFor();
    expect(todoReads).toBe(1);
    await page.context().close();
  });

  it('the admin finds the task edit in the audit log with its reason and change', async () => {
    const { page } = admin;
    await page.goto(`${env.baseUrl}/admin/audit`);
    await page.getByTestId('audit-entity').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^任务$/ })
      .click();
    await page.getByTestId('audit-text').fill('领导小组意见');
    await page.getByTestId('audit-search').click();
    const row = page.getByTestId('audit-list').locator('tr').filter({ hasText: EDIT_REASON }).first();
    await row.waitFor();
    await row.click();
    await page.locator('[data-testid^="audit-diff-"]').getByText(NEW_TITLE).waitFor();
    await screenshot(page, 'audit');
  });

  it('the admin browses the unit tree and a unit’s contacts', async () => {
    const { page } = admin;
    await page.goto(`${env.baseUrl}/admin/units`);
    await page.getByTestId('unit-search').locator('input').fill('市科技局');
    await page.getByTestId('unit-tree').getByText('市科技局', { exact: true }).click();
    await page.getByTestId('unit-title').getByText('赣州市科学技术局').waitFor();
    await expect(page.getByTestId('unit-contacts').locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'units');
  });

  it('a liaison opening office pages is told it may not, and sets its own digest preference', async () => {
    const liaison = await signIn(env, 'gz-kjj');
    const { page } = liaison;
    for (const path of ['/admin/users', '/notifications', '/plans']) {
      await page.goto(`${env.baseUrl}${path}`);
      await page.getByText('无权访问').first().waitFor();
    }
    await expect(page.getByRole('menuitem', { name: '系统管理' }).count()).resolves.toBe(0);
    await screenshot(page, 'office-forbidden');
    await page.goto(`${env.baseUrl}/settings`);
    await page
      .getByTestId('digest-mode')
      .getByText(/每日汇总/)
      .click();
    await page.getByText('提醒设置已保存').waitFor();
    await page.getByTestId('reminder-rule').getByText('提前3天、提前1天').waitFor();
    await liaison.context.close();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(env.errors).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PostalMime from 'postal-mime';
import { unitByCode } from '../setup/lookups.js';
import { spawnWorker, waitFor, workersStarted, type RunningProcess } from '../setup/processes.js';
import { obliterateQueues } from '../setup/queues.js';
import { type SmtpListener, startSmtp } from '../setup/smtp.js';
import { DEMO_PASSWORD } from '../setup/api.js';
import { freePort, screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

/**
 * A county liaison's month, started where the liaison starts it: the reminder email. The office chases April;
 * the worker (its own process) sends the mail to a real SMTP listener; the links are taken from the message
 * received and opened in a browser whose session has expired.
 */
describe('journey: the liaison from the reminder email', () => {
  let env: BrowserEnv;
  let smtp: SmtpListener;
  let worker: RunningProcess;
  let publicUrl: string;
  const prefix = `kc-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    env = await startBrowserEnv({ port, env: { PUBLIC_URL: publicUrl, QUEUE_PREFIX: prefix } });
    worker = spawnWorker({
      DATABASE_URL: env.api.databaseUrl,
      REDIS_URL: env.api.env.REDIS_URL,
      QUEUE_PREFIX: prefix,
      APP_NOW: '2023-04-10T09:00:00+08:00',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_URL: publicUrl,
      NOTIFY_DISPATCH_EVERY_MS: '300',
    });
    await workersStarted(worker);
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await obliterateQueues(env.api.env.REDIS_URL, prefix);
    await env?.close();
    await smtp?.close();
  });

  it('opens the exact pages the email names, through the login page, and back', async () => {
    const started = Date.now();
    const office = await env.api.login('office');
    const county = await unitByCode(env.api.db, 'GZ-ZGQ');
    const plans = await env.api.http().get('/api/plans').set('Authorization', office).expect(200);
    const plan = plans.body.items.find((p: { docNumber: string }) => p.docNumber.startsWith('赣市科赋字'));
    const periods = await env.api.http().get(`/api/plans/${plan.id}/periods`).set('Authorization', office).expect(200);
    const april = periods.body.find((p: { month: number }) => p.month === 4);
    await env.api
      .http()
      .post('/api/notifications/chase')
      .set('Authorization', office)
      .send({ periodId: april.id, unitIds: [county.id] })
      .expect(201);

    const received = await waitFor(
      async () => smtp.messages.find((m) => m.to.includes('gz-zgq.liaison@example.com')),
      'the reminder to reach the liaison',
    );
    const mail = await PostalMime.parse(received.raw);
    const hrefs = [...(mail.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const todo = hrefs.find((h) => h.includes('/todo?'))!;
    const form = hrefs.find((h) => h.includes('/reports/'))!;
    expect(todo).toBe(`${publicUrl}/todo?period=${april.id}&unit=${county.id}`);
    expect(form.startsWith(`${publicUrl}/reports/${april.id}/`)).toBe(true);
    expect(mail.text).toContain('请登录平台逐项填报并提交');

    // The liaison signed in days ago; the session has expired since (the stored refresh token no longer works).
    const { context, page } = await signIn(env, 'gz-zgq');
    await page.evaluate("localStorage.setItem('kc.refreshToken', 'expired')");
    await page.goto(todo);
    await page.waitForURL((url) => url.pathname === '/login');
    await screenshot(page, 'liaison-1-login-from-email');
    await page.fill('#username', 'gz-zgq');
    await page.fill('#password', DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/todo' && url.search === new URL(todo).search);
    await page.getByTestId('todo-narrowed').waitFor();
    expect(await page.getByTestId('todo-narrowed').innerText()).toContain('2023年4月');
    await screenshot(page, 'liaison-2-todo-from-email');

    await page.goto(form);
    await page.waitForURL((url) => url.pathname === new URL(form).pathname);
    await page
      .getByText('页面或数据不存在')
      .waitFor({ state: 'detached', timeout: 1_000 })
      .catch(() => undefined);
    expect(await page.getByText('页面或数据不存在').count()).toBe(0);
    await page.locator('form').first().waitFor();
    await screenshot(page, 'liaison-3-form-from-email');

    // The task's completion: 150 is refused on the field, never saved as a silent 100; ３０ is read as 30, with a note.
    const percent = page.getByTestId('completion-percent');
    await percent.fill('150');
    await page.getByText('超过100%').waitFor();
    await screenshot(page, 'liaison-3b-percent-refused');
    await percent.fill('３０');
    await expect(percent.inputValue()).resolves.toBe('30');
    await page.getByText('已将全角数字转换为半角').waitFor();

    // The same reminder waits in the platform's inbox, and its link opens the same narrowed to-do list.
    await page.goto(`${publicUrl}/inbox`);
    const inRow = page.getByText(/【催报】章贡区2023年4月进展报送尚有\d+项未报送/).first();
    await inRow.waitFor();
    await screenshot(page, 'liaison-4-inbox');
    await context.close();
    expect(env.errors).toEqual([]);
    console.log(`liaison email journey: ${Date.now() - started} ms`);
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type TestApi } from '../setup/api.js';
import type { DemoDate } from '../setup/database.js';

export const ROOT = path.resolve(process.cwd());
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

export interface BrowserEnv {
  api: TestApi;
  browser: Browser;
  baseUrl: string;
  /** Page errors (uncaught exceptions in the app) seen so far, per page. */
  errors: string[];
  close: () => Promise<void>;
}

/** A port nobody listens on now (the OS's choice), for an API whose PUBLIC_URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BrowserEnvOptions {
  /** Listen here (default: any free port); links in messages need the address up front. */
  port?: number;
  env?: Record<string, string>;
  /** Which demo date to start from (see startApi). */
  demo?: DemoDate;
}

/** Boots the real API (serving dist/web) on a random port and launches headless Chromium. */
export async function startBrowserEnv(options: BrowserEnvOptions = {}): Promise<BrowserEnv> {
  const index = path.join(ROOT, 'dist', 'web', 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `${index} is missing: build the web app first with \`npx vite build --config apps/web/vite.config.ts\``,
    );
  }
  const api = await startApi({ env: options.env, demo: options.demo });
  await api.app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const errors: string[] = [];
  return {
    api,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    errors,
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser context (own storage) signed in as `username` through the login page. */
export async function signIn(
  env: BrowserEnv,
  username: string,
  viewport = { width: 1366, height: 768 },
): Promise<Session> {
  const context = await env.browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => env.errors.push(`${username}: ${e.message}`));
  await page.goto(`${env.baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * Chooses an option of a Select (by its data-testid) inside the open modal, and waits until the
 * select shows it. A click can land while the dropdown is still animating and choose nothing: the
 * option is then clicked again (the dropdown reopened if it closed), at most three times.
 */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text });
  const chosen = page.locator('.ant-modal:visible .ant-select-content', { hasText: text });
  await page.getByTestId(testId).click();
  await option.waitFor();
  for (let attempt = 1; ; attempt++) {
    if (await option.isVisible()) await option.click();
    try {
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      if (!(await option.isVisible())) {
        await page.getByTestId(testId).click();
        await option.waitFor();
      }
    }
  }
}

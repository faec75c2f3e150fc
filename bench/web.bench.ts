// The browser app's weight and speed: gzipped JS of the first route (/login) and the dashboard's
// first paint and first chart on localhost. Run after `npx vite build --config apps/web/vite.config.ts`:
//   node --import ./scripts/ts-loader.mjs bench/web.bench.ts
// against BENCH_URL (default http://localhost:3000, e.g. `npm run demo`); when nothing answers there and
// BENCH_PG_URL is set (scripts/bench.sh), it starts the built API on a fresh demo database itself.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freshDatabase, startBuiltApi, type RunningApi } from './support.js';

const DIST = path.resolve('dist/web');
const SIZE_TARGET_KB = 500;
const PAINT_TARGET_MS = 2000;

/** The entry chunk named in index.html and every chunk it imports statically, transitively. */
function firstRouteJs(): { files: string[]; gzipBytes: number } {
  const index = path.join(DIST, 'index.html');
  if (!existsSync(index))
    throw new Error(`${index} is missing: run npx vite build --config apps/web/vite.config.ts first`);
  const html = readFileSync(index, 'utf8');
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/?([^"]+)"/g)].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(DIST, file), 'utf8');
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`.
    for (const m of code.matchAll(/(?:from\s*|import\s*)["'](\.\/[^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(file), m[1]));
    }
  }
  const files = [...seen, ...css];
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
  return { files, gzipBytes };
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function measurePaint(
  baseUrl: string,
): Promise<{ loginFcp: number; dashboardFcp: number; firstChart: number; loginToChart: number }> {
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
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const fcp = () =>
      page.evaluate<number>(
        `(performance.getEntriesByName('first-contentful-paint')[0] || { startTime: NaN }).startTime`,
      );
    await page.goto(`${baseUrl}/login`);
    await page.locator('#username').waitFor();
    const loginFcp = await fcp();
    await page.fill('#username', 'leader');
    await page.fill('#password', process.env.DEMO_PASSWORD ?? 'Demo@2023');
    const clicked = Date.now();
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.kc-chart canvas').first().waitFor({ timeout: 30_000 });
    const loginToChart = Date.now() - clicked;
    // A cold navigation to the dashboard with the session already held (refresh token in storage).
    await page.goto(`${baseUrl}/dashboard`);
    await page.locator('.kc-chart canvas').first().waitFor({ timeout: 30_000 });
    const firstChart = await page.evaluate<number>('performance.now()');
    const dashboardFcp = await fcp();
    return { loginFcp, dashboardFcp, firstChart, loginToChart };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const size = firstRouteJs();
  const kb = size.gzipBytes / 1024;
  console.log(
    `first route (/login) JS: ${size.files.length} files, ${kb.toFixed(1)} KB gzipped (target < ${SIZE_TARGET_KB} KB) ${kb < SIZE_TARGET_KB ? 'OK' : 'OVER'}`,
  );
  for (const f of size.files) console.log(`  ${f}`);

  let baseUrl = process.env.BENCH_URL ?? 'http://localhost:3000';
  let started: RunningApi | null = null;
  if (!(await reachable(baseUrl))) {
    if (!process.env.BENCH_PG_URL) {
      console.log(
        `nothing answers at ${baseUrl} and BENCH_PG_URL is not set: start the demo (npm run demo) or run through scripts/bench.sh; paint not measured`,
      );
      return;
    }
    started = await startBuiltApi(await freshDatabase('kc_bench_web'), 3107);
    baseUrl = started.url;
  }
  try {
    const index = await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } });
    if (!(await index.text()).includes('id="root"'))
      throw new Error(`${baseUrl} does not serve the web app: build it, then restart the API`);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await measurePaint(baseUrl));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const fcp = median(runs.map((r) => r.dashboardFcp));
    const chart = median(runs.map((r) => r.firstChart));
    console.log(`login page first contentful paint: ${median(runs.map((r) => r.loginFcp)).toFixed(0)} ms`);
    console.log(
      `dashboard first contentful paint: ${fcp.toFixed(0)} ms; first chart canvas: ${chart.toFixed(0)} ms after navigation ` +
        `(target < ${PAINT_TARGET_MS} ms) ${chart < PAINT_TARGET_MS ? 'OK' : 'OVER'}`,
    );
    console.log(
      `login click → first chart: ${median(runs.map((r) => r.loginToChart)).toFixed(0)} ms (median of ${runs.length})`,
    );
  } finally {
    await started?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

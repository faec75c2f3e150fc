import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { bombEntry, withDeclaredSize, workbookEntries, zipOf } from '../libs/spreadsheets/src/xlsx/spec-workbooks.js';
import {
  benchCounties,
  freshDatabase,
  login,
  newPlan,
  startBuiltApi,
  targetsWorkbook,
  type RunningApi,
} from './support.js';

/**
 * Does the API keep answering while it reads a big upload? The 50,000-row targets sheet is
 * imported through HTTP (dry run, then commit) while /health is asked every 20 ms, one request at
 * a time; its latencies are printed as p50 / p99 / max (target: p99 < 200 ms). Then hostile files
 * are posted and the time to their refusal printed (target: well under a second).
 */
const POLL_MS = 20;

async function post(
  api: RunningApi,
  token: string,
  path: string,
  file: Buffer,
): Promise<{ status: number; ms: number; message: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'upload.xlsx');
  const started = performance.now();
  const res = await fetch(`${api.url}${path}`, { method: 'POST', headers: { authorization: token }, body: form });
  const body = (await res.json()) as { message?: string };
  return { status: res.status, ms: performance.now() - started, message: body.message ?? '' };
}

/** Asks /health every POLL_MS until `stop` settles; returns every latency in ms. */
async function pollHealth(api: RunningApi, stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${api.url}/health`);
    await res.arrayBuffer();
    const took = performance.now() - started;
    latencies.push(took);
    await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - took)));
  }
  return latencies;
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return `${sorted.length} polls, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`;
}

async function whileImporting(
  api: RunningApi,
  label: string,
  work: Promise<{ status: number; ms: number; message: string }>,
): Promise<void> {
  const latencies = await pollHealth(api, work);
  const result = await work;
  if (result.status !== 201) throw new Error(`${label}: ${result.status} ${result.message}`);
  console.log(`${label}: ${(result.ms / 1000).toFixed(1)} s; /health meanwhile: ${summary(latencies)}`);
}

async function farCell(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.getCell('A1').value = '单位';
  sheet.getCell('XFD40000').value = 1;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function bomb(): Buffer {
  const entries = workbookEntries([
    { name: 'Sheet1', target: 'worksheets/sheet1.xml', path: 'xl/worksheets/sheet1.xml', sheetId: 1, xml: '' },
  ]).filter((e) => !e.name.startsWith('xl/worksheets/'));
  const head =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  return zipOf([...entries, bombEntry('xl/worksheets/sheet1.xml', head, 4000)]);
}

async function main(): Promise<void> {
  const databaseUrl = await freshDatabase('kechuang_bench_import_health');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const api = await startBuiltApi(databaseUrl, 3902);
  try {
    const token = await login(api, 'office');
    const workbook = await targetsWorkbook(await benchCounties(db), 50);
    console.log(`idle: /health ${summary(await pollHealth(api, new Promise((r) => setTimeout(r, 2000))))}`);
    const plan = await newPlan(api, token, '五万行目标基准（健康检查）');
    const path = (mode: string) => `/api/plans/${plan}/imports/breakdown?mode=${mode}`;
    await whileImporting(
      api,
      `50,000-row breakdown dry run (${(workbook.length / 1024 / 1024).toFixed(1)} MB xlsx)`,
      post(api, token, path('dry-run'), workbook),
    );
    await whileImporting(api, '50,000-row breakdown commit', post(api, token, path('commit'), workbook));

    const hostile: [string, Buffer][] = [
      ['A1 + XFD40000', await farCell()],
      ['zip bomb (4,000 MB of spaces)', bomb()],
      ['zip bomb, sizes declared as 1,000 bytes', withDeclaredSize(bomb(), 'xl/worksheets/sheet1.xml', 1000)],
    ];
    for (const [name, file] of hostile) {
      const result = await post(api, token, path('dry-run'), file);
      console.log(
        `${name} (${(file.length / 1024).toFixed(1)} KB): ${result.status} in ${result.ms.toFixed(0)} ms — ${result.message}`,
      );
    }
    console.log(`api peak resident memory: ${api.peakRssMb().toFixed(0)} MB`);
  } finally {
    await api.stop();
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

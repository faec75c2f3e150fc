import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { freshDatabase, login, startBuiltApi, type RunningApi } from './support.js';

/**
 * Import speed: the 29-task Ganzhou plan (target < 1 s), and a 50,000-row targets sheet
 * (1,000 counties × 50 indicators, breakdown layout; target < 30 s with the API under 500 MB).
 */
async function upload(api: RunningApi, token: string, plan: string, kind: string, mode: string, file: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const started = performance.now();
  const res = await fetch(`${api.url}/api/plans/${plan}/imports/${kind}?mode=${mode}`, { method: 'POST', headers: { authorization: token }, body: form });
  const body = (await res.json()) as { summary?: object; problems?: unknown[]; message?: string };
  if (res.status !== 201) throw new Error(`${kind} ${mode}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { ms: performance.now() - started, body };
}

async function newPlan(api: RunningApi, token: string, title: string): Promise<string> {
  const res = await fetch(`${api.url}/api/plans`, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify({ title, startYear: 2023, endYear: 2023 }) });
  return ((await res.json()) as { id: string }).id;
}

async function targetsWorkbook(units: string[], indicators: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('分解表');
  sheet.addRow(['单位', '指标名称', '计量单位', '2023']);
  for (const unit of units) for (let i = 1; i <= indicators; i++) sheet.addRow([unit, `测试指标${i}`, '家', (i * 7 + unit.length) % 500]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const databaseUrl = await freshDatabase('kechuang_bench_import');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const api = await startBuiltApi(databaseUrl, 3901);
  try {
    const token = await login(api, 'office');
    const tasks = await readFile('fixtures/ganzhou-2023-tasks.xlsx');
    const runs: { dry: number; commit: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const plan = await newPlan(api, token, `基准测试方案${i}`);
      const dry = await upload(api, token, plan, 'tasks', 'dry-run', tasks, 'tasks.xlsx');
      const commit = await upload(api, token, plan, 'tasks', 'commit', tasks, 'tasks.xlsx');
      runs.push({ dry: dry.ms, commit: commit.ms });
    }
    const best = (k: 'dry' | 'commit') => Math.min(...runs.map((r) => r[k])).toFixed(0);
    const median = (k: 'dry' | 'commit') => runs.map((r) => r[k]).sort((a, b) => a - b)[2]!.toFixed(0);
    console.log(`import 29-task plan (附件1 xlsx): dry run ${best('dry')} ms best / ${median('dry')} ms median; commit ${best('commit')} ms best / ${median('commit')} ms median`);

    // 1,000 county units under Ganzhou, named 测试县0001 …
    await db.query(`
      INSERT INTO units (id, code, name, short_name, kind, parent_id, path, city_id)
      SELECT x.id, 'BENCH-' || lpad(x.n::text, 4, '0'), '测试县' || lpad(x.n::text, 4, '0'), '测试县' || lpad(x.n::text, 4, '0'), 'county', c.id, c.path || x.id || '/', c.id
      FROM units c, (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 1000) n) x WHERE c.code = 'GZ'`);
    const units = Array.from({ length: 1000 }, (_, i) => `测试县${String(i + 1).padStart(4, '0')}`);
    const workbook = await targetsWorkbook(units, 50);
    const plan = await newPlan(api, token, '五万行目标基准');
    const dry = await upload(api, token, plan, 'breakdown', 'dry-run', workbook, 'targets.xlsx');
    const commit = await upload(api, token, plan, 'breakdown', 'commit', workbook, 'targets.xlsx');
    const again = await upload(api, token, plan, 'breakdown', 'commit', workbook, 'targets.xlsx');
    const rows = (await db.query(`SELECT count(*)::int AS n FROM targets WHERE plan_id = $1`, [plan])).rows[0].n;
    console.log(`import 50,000-row targets sheet (${(workbook.length / 1024 / 1024).toFixed(1)} MB xlsx): dry run ${(dry.ms / 1000).toFixed(1)} s, commit ${(commit.ms / 1000).toFixed(1)} s, re-import ${(again.ms / 1000).toFixed(1)} s; ${rows} targets stored`);
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

import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
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
 * Import speed: the 29-task Ganzhou plan (target < 1 s), and a 50,000-row targets sheet
 * (1,000 counties × 50 indicators, breakdown layout; target < 30 s with the API under 500 MB).
 */
async function upload(
  api: RunningApi,
  token: string,
  plan: string,
  kind: string,
  mode: string,
  file: Buffer,
  name: string,
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const started = performance.now();
  const res = await fetch(`${api.url}/api/plans/${plan}/imports/${kind}?mode=${mode}`, {
    method: 'POST',
    headers: { authorization: token },
    body: form,
  });
  const body = (await res.json()) as { summary?: object; problems?: unknown[]; message?: string };
  if (res.status !== 201) throw new Error(`${kind} ${mode}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { ms: performance.now() - started, body };
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
    const median = (k: 'dry' | 'commit') =>
      runs
        .map((r) => r[k])
        .sort((a, b) => a - b)[2]!
        .toFixed(0);
    console.log(
      `import 29-task plan (附件1 xlsx): dry run ${best('dry')} ms best / ${median('dry')} ms median; ` +
        `commit ${best('commit')} ms best / ${median('commit')} ms median`,
    );

    const units = await benchCounties(db);
    const workbook = await targetsWorkbook(units, 50);
    const plan = await newPlan(api, token, '五万行目标基准');
    const dry = await upload(api, token, plan, 'breakdown', 'dry-run', workbook, 'targets.xlsx');
    const commit = await upload(api, token, plan, 'breakdown', 'commit', workbook, 'targets.xlsx');
    const again = await upload(api, token, plan, 'breakdown', 'commit', workbook, 'targets.xlsx');
    const rows = (await db.query(`SELECT count(*)::int AS n FROM targets WHERE plan_id = $1`, [plan])).rows[0].n;
    console.log(
      `import 50,000-row targets sheet (${(workbook.length / 1024 / 1024).toFixed(1)} MB xlsx): ` +
        `dry run ${(dry.ms / 1000).toFixed(1)} s, commit ${(commit.ms / 1000).toFixed(1)} s, ` +
        `re-import ${(again.ms / 1000).toFixed(1)} s; ${rows} targets stored`,
    );
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

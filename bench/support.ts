import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import pg from 'pg';

/** Shared set-up of the benchmarks: a fresh database with the demo, and the built API as a child process. */
export async function freshDatabase(name: string): Promise<string> {
  const server = process.env.BENCH_PG_URL;
  if (!server) throw new Error('run benchmarks through scripts/bench.sh');
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = `${server}/${name}`;
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', APP_NOW: '2023-04-10T09:00:00+08:00' };
  execFileSync(process.execPath, ['dist/apps/api/libs/persistence/src/cli/migrate.js'], { env, stdio: 'ignore' });
  execFileSync(process.execPath, ['dist/apps/api/libs/demo/src/cli/load-demo.js'], { env, stdio: 'ignore' });
  return url;
}

/** CPU time (user + system) a live process has used so far, in ms. */
export function cpuMs(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100/s).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Peak resident memory of a live process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

export interface RunningApi {
  url: string;
  child: ChildProcess;
  /** Peak resident memory of the API process so far, in MB (VmHWM). */
  peakRssMb: () => number;
  /** CPU time the API process has used so far, in ms: less sensitive than throughput to the machine's other load. */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

/** The API has no built-in signing key: a benchmark run makes a throwaway one, shared by its APIs. */
const BENCH_JWT_SECRET = randomBytes(48).toString('base64url');

/** The built API by default; `entry` replaces the script (with its node arguments), e.g. a benchmark's own API process. */
export async function startBuiltApi(
  databaseUrl: string,
  port: number,
  entry: string[] = ['dist/apps/api/apps/api/src/main.js'],
): Promise<RunningApi> {
  const extra = process.env.BENCH_API_NODE_ARGS ? process.env.BENCH_API_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, ...entry], {
    env: {
      JWT_SECRET: BENCH_JWT_SECRET,
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      APP_NOW: '2023-04-10T09:00:00+08:00',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // A loaded shared machine can take a minute to compile and boot an API run from source.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i === 450 || child.exitCode !== null) throw new Error(`the API on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    peakRssMb: () => peakRssMb(child.pid!),
    cpuMs: () => cpuMs(child.pid!),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function login(
  api: RunningApi,
  username: string,
  password = process.env.DEMO_PASSWORD ?? 'Demo@2023',
): Promise<string> {
  const res = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { accessToken: string };
  return `Bearer ${body.accessToken}`;
}

/** The 50,000-row targets sheet of the import benchmarks: `units` × `indicators` rows in the breakdown's long layout. */
export async function targetsWorkbook(units: string[], indicators: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('分解表');
  sheet.addRow(['单位', '指标名称', '计量单位', '2023']);
  for (const unit of units)
    for (let i = 1; i <= indicators; i++) sheet.addRow([unit, `测试指标${i}`, '家', (i * 7 + unit.length) % 500]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Adds 1,000 county units under Ganzhou (测试县0001 …) and returns their names. */
export async function benchCounties(db: pg.Client): Promise<string[]> {
  await db.query(`
    INSERT INTO units (id, code, name, short_name, kind, parent_id, path, city_id)
    SELECT x.id, 'BENCH-' || lpad(x.n::text, 4, '0'), '测试县' || lpad(x.n::text, 4, '0'), '测试县' || lpad(x.n::text, 4, '0'),
      'county', c.id, c.path || x.id || '/', c.id
    FROM units c, (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 1000) n) x WHERE c.code = 'GZ'`);
  return Array.from({ length: 1000 }, (_, i) => `测试县${String(i + 1).padStart(4, '0')}`);
}

export async function newPlan(api: RunningApi, token: string, title: string): Promise<string> {
  const res = await fetch(`${api.url}/api/plans`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ title, startYear: 2023, endYear: 2023 }),
  });
  return ((await res.json()) as { id: string }).id;
}

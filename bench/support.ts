import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

export interface RunningApi {
  url: string;
  child: ChildProcess;
  /** Peak resident memory of the API process so far, in MB (VmHWM). */
  peakRssMb: () => number;
  stop: () => Promise<void>;
}

export async function startBuiltApi(databaseUrl: string, port: number): Promise<RunningApi> {
  const extra = process.env.BENCH_API_NODE_ARGS ? process.env.BENCH_API_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, 'dist/apps/api/apps/api/src/main.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', APP_NOW: '2023-04-10T09:00:00+08:00' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function login(api: RunningApi, username: string, password = process.env.DEMO_PASSWORD ?? 'Demo@2023'): Promise<string> {
  const res = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { accessToken: string };
  return `Bearer ${body.accessToken}`;
}

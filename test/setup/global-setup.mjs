// Builds three template databases once per run: one migrated, and two with the demo loaded on top —
// on its spring date (2023-04-10) and on its year-end date (2024-01-20), as `npm run demo` and
// `npm run demo -- --date 2024-01-20` load it. Every test file clones the one it needs in a fraction of a second.
// Plain JavaScript because Jest loads global setup outside its module mapper.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

// Names carry this run's process id, so two suites on one machine keep out of each other's way
// (the spec processes inherit KC_TEST_RUN from this one).
const RUN = String(process.pid);
const TEMPLATE_DB = `kc_test_${RUN}_template`;
const DEMO_DB = `kc_test_${RUN}_demo`;
const YEAR_END_DEMO_DB = `kc_test_${RUN}_demo_year_end`;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function admin(serverUrl, sql) {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** DROP … WITH (FORCE), tried again while an autovacuum worker is in the database (42501; see database.ts). */
export async function dropDatabase(serverUrl, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } catch (error) {
      if (error.code !== '42501' || attempt === 50) throw error;
      await sleep(100);
    }
  }
}

/** Drops the databases of runs whose process is gone (and this process's own), rather than letting them pile up. */
export async function dropStaleDatabases(serverUrl) {
  const stale = await admin(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'kc\\_test\\_%'`);
  for (const { datname } of stale.rows) {
    const owner = Number(/^kc_test_(\d+)_/.exec(datname)?.[1] ?? NaN);
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) continue;
    await dropDatabase(serverUrl, datname);
  }
}

export default async function globalSetup() {
  const serverUrl = (process.env.TEST_PG_URL ?? '').replace(/\/$/, '');
  if (!serverUrl) throw new Error('TEST_PG_URL is not set: run the suite with `npm test`');
  await dropStaleDatabases(serverUrl);
  process.env.KC_TEST_RUN = RUN;
  await admin(serverUrl, `CREATE DATABASE "${TEMPLATE_DB}"`);
  const run = (script, database, now = '2023-04-10T09:00:00+08:00') =>
    execFileSync(process.execPath, ['--import', './scripts/ts-loader.mjs', script], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `${serverUrl}/${database}`,
        DEMO_PASSWORD: 'Demo@2023',
        APP_NOW: now,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  run('libs/persistence/src/cli/migrate.ts', TEMPLATE_DB);
  await admin(serverUrl, `CREATE DATABASE "${DEMO_DB}" TEMPLATE "${TEMPLATE_DB}"`);
  await admin(serverUrl, `CREATE DATABASE "${YEAR_END_DEMO_DB}" TEMPLATE "${TEMPLATE_DB}"`);
  run('libs/demo/src/cli/load-demo.ts', DEMO_DB);
  run('libs/demo/src/cli/load-demo.ts', YEAR_END_DEMO_DB, '2024-01-20T09:00:00+08:00');
}

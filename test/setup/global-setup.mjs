// Builds the migrated template database once per run; every test file clones it.
// Plain JavaScript because Jest loads global setup outside its module mapper.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';

const TEMPLATE_DB = 'kc_test_template';
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

export default async function globalSetup() {
  const serverUrl = (process.env.TEST_PG_URL ?? '').replace(/\/$/, '');
  if (!serverUrl) throw new Error('TEST_PG_URL is not set: run the suite with `npm test`');
  // Databases left by an interrupted run are dropped rather than piling up.
  const stale = await admin(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'kc\\_test\\_%'`);
  for (const { datname } of stale.rows) await admin(serverUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin(serverUrl, `CREATE DATABASE "${TEMPLATE_DB}"`);
  execFileSync(process.execPath, ['--import', './scripts/ts-loader.mjs', 'libs/persistence/src/cli/migrate.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `${serverUrl}/${TEMPLATE_DB}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

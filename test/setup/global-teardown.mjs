// Drops this run's template databases (per-file databases are dropped by their tests).
import pg from 'pg';
import { dropDatabase } from './global-setup.mjs';

export default async function globalTeardown() {
  const serverUrl = (process.env.TEST_PG_URL ?? '').replace(/\/$/, '');
  const run = process.env.KC_TEST_RUN;
  if (!serverUrl || !run) return;
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  let rows;
  try {
    ({ rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `kc\\_test\\_${run}\\_%`,
    ]));
  } finally {
    await client.end();
  }
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
}

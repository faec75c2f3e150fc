import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** Server URL without a database name; the test command exports it (see scripts/test.sh). */
export function serverUrl(): string {
  const url = process.env.TEST_PG_URL;
  if (!url) throw new Error('TEST_PG_URL is not set: run the suite with `npm test`');
  return url.replace(/\/$/, '');
}

/** Set by the global setup, whose environment the spec processes inherit. */
const RUN = process.env.KC_TEST_RUN ?? String(process.pid);

export const TEMPLATE_DB = `kc_test_${RUN}_template`;
/** The migrated template with the demo loaded on its spring date, 2023-04-10 (see global-setup.mjs). */
export const DEMO_DB = `kc_test_${RUN}_demo`;
/** The demo loaded on its year-end date, 2024-01-20: the whole year reported, year-end and fund evaluation open. */
export const YEAR_END_DEMO_DB = `kc_test_${RUN}_demo_year_end`;

/** The demo's two dates, and the platform time each template was loaded at. */
export const demoDates = {
  spring: '2023-04-10T09:00:00+08:00',
  'year-end': '2024-01-20T09:00:00+08:00',
} as const;
export type DemoDate = keyof typeof demoDates;

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl()}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * DROP … WITH (FORCE) refuses while an autovacuum worker is in the database (PostgreSQL 15 checks the
 * worker's role like a user's: 42501): the worker is gone a moment later, so the drop is tried again.
 */
export async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt === 50) throw error;
      await sleep(100);
    }
  }
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function createTestDatabase(
  template: string = TEMPLATE_DB,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kc_test_${RUN}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: `${serverUrl()}/${name}`,
    drop: () => dropDatabase(name),
  };
}

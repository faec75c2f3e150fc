import { rows, type Db } from './sql.js';

/** Rows per data table of the public schema, for proving a request changed nothing anywhere. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(
    db,
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('schema_migrations', 'typeorm_metadata') ORDER BY table_name`,
  );
  const counts = await rows<{ name: string; count: number }>(
    db,
    tables.map((t) => `SELECT '${t.name}' AS name, count(*)::int AS count FROM "${t.name}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(counts.map((r) => [r.name, r.count]));
}

/** Rows of one table. */
export async function rowCount(db: Db, table: string): Promise<number> {
  const [{ n }] = await rows<{ n: string }>(db, `SELECT count(*) AS n FROM "${table}"`);
  return Number(n);
}

import type { DataSource, EntityManager } from 'typeorm';

/** The API's data source or a transaction's manager: anything that runs SQL. */
export type Db = Pick<DataSource | EntityManager, 'query'>;

/** The rows of `sql`, typed by the caller. */
export async function rows<T>(db: Db, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.query<T[]>(sql, params);
}

/** The one row `sql` finds; fails loudly on none or several, naming what was looked for. */
export async function one<T>(db: Db, what: string, sql: string, params: unknown[] = []): Promise<T> {
  const found = await rows<T>(db, sql, params);
  if (found.length !== 1) throw new Error(`${what}: ${found.length} rows`);
  return found[0]!;
}

/** A single integer `sql` selects as `n`. */
export async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await rows<{ n: number | string }>(db, sql, params);
  return Number(n);
}

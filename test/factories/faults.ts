import type pg from 'pg';
import { rows } from './sql.js';
import type { Db } from './sql.js';

// Faults PostgreSQL raises on its own, for specs that prove a request is all or nothing: a
// trigger that fails the n-th write to a table, sequences that count every write (a rollback
// does not undo them), and a second connection that holds a lock. Everything made here is named
// kc_… so that `clearFaults` finds it.

/** The tables of the public schema, but for those listed. */
export async function dataTables(db: Db, except: ReadonlySet<string>): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return found.map((r) => r.name).filter((t) => !except.has(t));
}

/** Every row of every table as JSON, ordered by id (by the whole row where a table has none). */
export async function tableRows(db: Db, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const [{ rows: all }] = await rows<{ rows: unknown[] }>(
      db,
      `SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)->>'id', to_jsonb(t)::text), '[]'::jsonb) AS rows FROM "${table}" t`,
    );
    out[table] = all;
  }
  return out;
}

/**
 * Counts every row written to every one of `tables`, in sequences, and makes the `after`-th row
 * written to `table` (matching `when`) raise.
 */
export async function injectFault(
  db: Db,
  tables: readonly string[],
  fault: { table: string; after: number; when?: string },
): Promise<void> {
  const { table, after, when = 'true' } = fault;
  await db.query(`
    CREATE FUNCTION kc_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM nextval(format('kc_writes_%s', TG_TABLE_NAME));
      RETURN NULL;
    END $$`);
  for (const name of tables) {
    await db.query(`CREATE SEQUENCE "kc_writes_${name}"`);
    await db.query(
      `CREATE TRIGGER kc_count_write AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION kc_count_write()`,
    );
  }
  await db.query(`CREATE SEQUENCE kc_fault_rows`);
  await db.query(`
    CREATE FUNCTION kc_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('kc_fault_rows') >= ${after} THEN RAISE EXCEPTION 'kc: injected failure after % rows', ${after}; END IF;
      RETURN NEW;
    END $$`);
  await db.query(
    `CREATE TRIGGER kc_fault BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION kc_fault()`,
  );
}

/** Rows written (and rolled back) per table while the fault was in place; tables not written are left out. */
export async function writesCounted(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [{ last_value, is_called }] = await rows<{ last_value: string; is_called: boolean }>(
      db,
      `SELECT last_value, is_called FROM "kc_writes_${table}"`,
    );
    if (is_called) out[table] = Number(last_value);
  }
  return out;
}

/** Takes the fault off `table` (the write counters stay). */
export async function liftFault(db: Db, table: string): Promise<void> {
  await db.query(`DROP TRIGGER kc_fault ON "${table}"`);
}

/** Drops every trigger, function and sequence `injectFault` made, whether or not it ran. */
export async function clearFaults(db: Db, tables: readonly string[], faulted: readonly string[]): Promise<void> {
  for (const table of faulted) await db.query(`DROP TRIGGER IF EXISTS kc_fault ON "${table}"`);
  for (const table of tables) await db.query(`DROP TRIGGER IF EXISTS kc_count_write ON "${table}"`);
  await db.query(`DROP FUNCTION IF EXISTS kc_fault(); DROP FUNCTION IF EXISTS kc_count_write()`);
  const sequences = await rows<{ name: string }>(
    db,
    `SELECT relname AS name FROM pg_class WHERE relkind = 'S' AND relname LIKE 'kc\\_%'`,
  );
  for (const { name } of sequences) await db.query(`DROP SEQUENCE "${name}"`);
}

/** The lock and statement timeouts of a pooled connection, as PostgreSQL reports them. */
export async function sessionTimeouts(db: Db): Promise<{ lock: string; statement: string }[]> {
  return rows(db, `SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement`);
}

/** A connection of its own, outside any pool, that can hold a lock while others wait. */
export type Holder = Pick<pg.Client, 'query'>;

/** Opens a transaction on `holder` that keeps `table` locked against writes (reads go on). */
export async function lockAgainstWrites(holder: Holder, table: string): Promise<void> {
  await holder.query('BEGIN');
  await holder.query(`LOCK TABLE "${table}" IN EXCLUSIVE MODE`);
}

export async function releaseLocks(holder: Holder): Promise<void> {
  await holder.query('ROLLBACK');
}

export async function rowsIn(holder: Holder, table: string): Promise<number> {
  const result = await holder.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
  return Number(result.rows[0]!.n);
}

/** Backends of this database other than the holder that wait for a lock. */
export async function lockWaiters(holder: Holder): Promise<number> {
  const result = await holder.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return Number(result.rows[0]!.n);
}

/** Makes every insert into `table` raise until `allowInserts`. */
export async function refuseInserts(db: Db, table: string): Promise<void> {
  await db.query(
    `CREATE FUNCTION kc_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'kc: refused'; END $$`,
  );
  await db.query(`CREATE TRIGGER kc_refuse BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION kc_refuse()`);
}

export async function allowInserts(db: Db, table: string): Promise<void> {
  await db.query(`DROP TRIGGER kc_refuse ON "${table}"; DROP FUNCTION kc_refuse()`);
}

/** Whether some session of the database waits for an advisory lock. */
export async function someoneAwaitsAdvisoryLock(db: Db): Promise<boolean> {
  return (await rows(db, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).length > 0;
}

/** Opens a transaction on `holder` that holds one row of `table` for update. */
export async function lockRow(holder: Holder, table: string, id: string): Promise<void> {
  await holder.query('BEGIN');
  await holder.query(`SELECT id FROM "${table}" WHERE id = $1 FOR UPDATE`, [id]);
}

/** Whether some session waits for a lock on `table` (a write a `lockAgainstWrites` holder keeps back). */
export async function waitingOnTable(db: Db, table: string): Promise<boolean> {
  const [found] = await rows<{ n: string }>(
    db,
    `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
     WHERE NOT l.granted AND c.relname = $1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [table],
  );
  return Number(found!.n) > 0;
}

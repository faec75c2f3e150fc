import { count, type Db } from './sql.js';

/** Audit entries whose recorded new state contains `text` anywhere. */
export async function auditEntriesMentioning(db: Db, text: string): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%' || $1 || '%'`, [text]);
}

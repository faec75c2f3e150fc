import { count, type Db, rows } from './sql.js';

/** Audit entries whose recorded new state contains `text` anywhere. */
export async function auditEntriesMentioning(db: Db, text: string): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%' || $1 || '%'`, [text]);
}

/** Who the audit entries of one request name (by its request id), once each. */
export async function auditActorsOfRequest(
  db: Db,
  requestId: string,
): Promise<{ userId: string | null; name: string; cityId: string | null }[]> {
  return rows(
    db,
    `SELECT DISTINCT actor_user_id AS "userId", actor_name AS "name", city_id AS "cityId" FROM audit_log
     WHERE request_id = $1`,
    [requestId],
  );
}

/** The import entries one request left, with whether each names its plan's city. */
export async function importAuditOfRequest(db: Db, requestId: string): Promise<Record<string, unknown>[]> {
  return rows(
    db,
    `SELECT a.entity_id AS "entityId", a.action, a.before, a.after, a.reason, a.actor_name AS "actorName",
            a.city_id = p.city_id AS "planCity"
     FROM audit_log a JOIN plans p ON p.id::text = a.entity_id WHERE a.entity = 'imports' AND a.request_id = $1`,
    [requestId],
  );
}

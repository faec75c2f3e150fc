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

/** One field of the newest audit entry of an entity and action, before and after the change. */
export async function latestAuditChange(
  db: Db,
  entry: { entity: string; action: string; field: string },
): Promise<{ before: unknown; after: unknown }[]> {
  return rows(
    db,
    `SELECT before->$3 AS before, after->$3 AS after FROM audit_log WHERE entity = $1 AND action = $2 ORDER BY id DESC LIMIT 1`,
    [entry.entity, entry.action, entry.field],
  );
}

export interface AuditEntryRow {
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actorName: string;
  actorUserId: string | null;
  requestId: string | null;
}

/** The audit entries of one row, oldest first, of those with the reason and city given. */
export async function auditEntriesOf(
  db: Db,
  of: { entity: string; entityId: string; reason?: string; cityId?: string },
): Promise<AuditEntryRow[]> {
  return rows(
    db,
    `SELECT action, before, after, actor_name AS "actorName", actor_user_id AS "actorUserId", request_id AS "requestId"
     FROM audit_log WHERE entity = $1 AND entity_id = $2 AND ($3::text IS NULL OR reason = $3) AND ($4::uuid IS NULL OR city_id = $4)
     ORDER BY id`,
    [of.entity, of.entityId, of.reason ?? null, of.cityId ?? null],
  );
}

/** Which of the audit entries `ids` belong to any other city than `cityId` (or to none). */
export async function auditEntriesOutsideCity(db: Db, ids: readonly string[], cityId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    `SELECT id FROM audit_log WHERE id = ANY($1::bigint[]) AND city_id IS DISTINCT FROM $2`,
    [ids, cityId],
  );
  return found.map((r) => r.id);
}

/** The entity of every audit entry one request left (by its request id). */
export async function auditEntitiesOfRequest(db: Db, requestId: string): Promise<string[]> {
  const found = await rows<{ entity: string }>(db, `SELECT entity FROM audit_log WHERE request_id = $1 ORDER BY id`, [
    requestId,
  ]);
  return found.map((r) => r.entity);
}

/** The audit entries of one report that record it accepted, with who did it. */
export async function acceptancesAudited(db: Db, reportId: string): Promise<{ actorName: string }[]> {
  return rows(
    db,
    `SELECT actor_name AS "actorName" FROM audit_log
     WHERE entity = 'reports' AND entity_id = $1 AND action = 'update'
       AND before->>'status' = 'submitted' AND after->>'status' = 'accepted'`,
    [reportId],
  );
}

import { count, one, rows, type Db } from './sql.js';

/** A year-end notice as stored: the email row of the outbox. */
export interface YearEndMail {
  key: string;
  unitId: string | null;
  recipientEmail: string;
  recipientUserId: string | null;
  subject: string;
  bodyText: string;
  messageId: string;
  status: string;
}

/** The year-end emails of one step (`opened:<assessment>`, `appeal:<appeal>` …): keys end with `|<step>…`. */
export async function yearEndMails(db: Db, step: string): Promise<YearEndMail[]> {
  return rows(
    db,
    `SELECT idempotency_key AS key, unit_id AS "unitId", recipient_email AS "recipientEmail", recipient_user_id AS "recipientUserId",
            subject, body_text AS "bodyText", message_id AS "messageId", status
     FROM notifications WHERE kind = 'year_end' AND idempotency_key LIKE '%|' || $1 || '%' ORDER BY recipient_email, idempotency_key`,
    [step],
  );
}

/** The year-end inbox rows of one step, with their owner's login name. */
export async function yearEndInbox(
  db: Db,
  step: string,
): Promise<{ key: string; username: string; title: string; body: string; link: string }[]> {
  return rows(
    db,
    `SELECT i.idempotency_key AS key, u.username, i.title, i.body, i.link
     FROM inbox_messages i JOIN users u ON u.id = i.user_id
     WHERE i.kind = 'year_end' AND i.idempotency_key LIKE '%|' || $1 || '%' ORDER BY u.username, i.idempotency_key`,
    [step],
  );
}

/** Year-end emails not sent yet. */
export async function unsentYearEndMails(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM notifications WHERE kind = 'year_end' AND status <> 'sent'`);
}

/** Gives a user an address of their own through a new contact of their unit, in immediate mode. */
export async function reachableAt(db: Db, username: string, email: string, role = 'liaison'): Promise<string> {
  const user = await one<{ id: string; unit_id: string; display_name: string }>(
    db,
    `user ${username}`,
    `SELECT id, unit_id, display_name FROM users WHERE username = $1`,
    [username],
  );
  const [{ id }] = await rows<{ id: string }>(
    db,
    `INSERT INTO contacts (unit_id, name, email, role) VALUES ($1, $2, $3, $4) RETURNING id`,
    [user.unit_id, user.display_name, email, role],
  );
  await db.query(`UPDATE users SET contact_id = $2, digest_mode = 'immediate' WHERE id = $1`, [user.id, id]);
  return user.id;
}

/** Liaison contacts of a unit that a message can reach (an address, or an account for the inbox). */
export async function reachableLiaisons(db: Db, unitId: string): Promise<number> {
  return count(
    db,
    `SELECT count(DISTINCT COALESCE(NULLIF(lower(trim(c.email)), ''), c.id::text))::int AS n
     FROM contacts c
     WHERE c.unit_id = $1 AND c.role = 'liaison' AND c.active AND c.deleted_at IS NULL
       AND (trim(c.email) <> '' OR EXISTS (SELECT 1 FROM users u WHERE u.contact_id = c.id AND u.active))`,
    [unitId],
  );
}

/** Full names of units, by id. */
export async function unitNamesById(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await rows<{ id: string; name: string }>(db, `SELECT id, name FROM units WHERE id = ANY($1::uuid[])`, [
    ids,
  ]);
  return new Map(found.map((u) => [u.id, u.name]));
}

/** The login name of an active liaison account of the unit (the demo has one per county and department). */
export async function liaisonLogin(db: Db, unitId: string): Promise<string> {
  const found = await rows<{ username: string }>(
    db,
    `SELECT username FROM users WHERE unit_id = $1 AND active AND 'liaison' = ANY(roles) ORDER BY username LIMIT 1`,
    [unitId],
  );
  if (!found[0]) throw new Error(`no liaison account for unit ${unitId}`);
  return found[0].username;
}

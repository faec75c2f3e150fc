import type { DataSource } from 'typeorm';

export interface StoredPost {
  id: string;
  channel_id: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  idempotency_key: string;
}

/** Posts of these channels (all when none are named), oldest first. */
export async function postsOf(db: DataSource, channelIds?: string[]): Promise<StoredPost[]> {
  return db.query(
    `SELECT id, channel_id, kind, status, attempts, last_error, idempotency_key FROM channel_posts
     WHERE $1::uuid[] IS NULL OR channel_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [channelIds ?? null],
  );
}

/** A post of this channel in the given state, as a reminder run and a worker would have left it. */
export async function aChannelPost(
  db: DataSource,
  channelId: string,
  kind: 'reminder' | 'escalation' | 'bulletin',
  status: 'sent' | 'failed' | 'unknown',
  title: string,
  lastError: string | null = null,
): Promise<string> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO channel_posts (idempotency_key, channel_id, city_id, kind, message, status, attempts, last_error, claimed_at, sent_at)
     SELECT 'test|' || gen_random_uuid(), c.id, c.city_id, $5, $3::jsonb, $2::varchar, 1, $4, now(),
            CASE WHEN $2::varchar = 'sent' THEN now() END
     FROM notification_channels c WHERE c.id = $1 RETURNING id`,
    [channelId, status, JSON.stringify({ title, lines: [], link: '', mobiles: [] }), lastError, kind],
  );
  return rows[0]!.id;
}

/** Every stored channel row as it is in the table (sealed columns included). */
export async function storedChannels(db: DataSource): Promise<Record<string, unknown>[]> {
  return db.query(`SELECT * FROM notification_channels ORDER BY created_at`);
}

/** Leaves only these channels enabled, so that a run posts to them alone. */
export async function enableOnly(db: DataSource, channelIds: string[]): Promise<void> {
  await db.query(`UPDATE notification_channels SET enabled = (id = ANY($1::uuid[]))`, [channelIds]);
}

export async function channelByName(db: DataSource, name: string): Promise<string> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM notification_channels WHERE name = $1`, [name]);
  if (!rows[0]) throw new Error(`no channel named ${name}`);
  return rows[0].id;
}

/** A liaison of the unit with a mobile number (the demo's contacts have landlines only). */
export async function aLiaisonWithMobile(db: DataSource, unitId: string, name: string, phone: string): Promise<string> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO contacts (unit_id, name, email, phone, role) VALUES ($1, $2, '', $3, 'liaison') RETURNING id`,
    [unitId, name, phone],
  );
  return rows[0]!.id;
}

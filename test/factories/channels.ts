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

/** Liaison phones (mobile numbers) of these units, as the channels would mention them. */
export async function liaisonMobiles(db: DataSource, unitIds: string[]): Promise<string[]> {
  const rows: { phone: string }[] = await db.query(
    `SELECT DISTINCT phone FROM organisation.contacts
     WHERE unit_id = ANY($1::uuid[]) AND role = 'liaison' AND active AND deleted_at IS NULL AND phone ~ '^1[0-9]{10}$'
     ORDER BY phone`,
    [unitIds],
  );
  return rows.map((r) => r.phone);
}

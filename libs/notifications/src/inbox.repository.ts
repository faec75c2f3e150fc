import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { InboxDraft } from './messages.js';
import { INSERT_BATCH } from './notifications.repository.js';

export interface InboxRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: Date | null;
  createdAt: Date;
}

export interface DigestItemRow {
  userId: string;
  title: string;
  body: string;
  link: string;
  createdAt: Date;
}

/** Users' in-app messages (`inbox_messages`, 我的消息): written with the emails, read and marked by their owner. */
@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims every draft's key; a key already claimed is skipped. Returns how many rows were created. */
  async insert(m: EntityManager, drafts: readonly InboxDraft[], createdAt: Date): Promise<number> {
    let created = 0;
    for (let i = 0; i < drafts.length; i += INSERT_BATCH) {
      const batch = drafts.slice(i, i + INSERT_BATCH);
      const col = <K extends keyof InboxDraft>(k: K) => batch.map((d) => d[k]);
      const rows: unknown[] = await m.query(
        `INSERT INTO inbox_messages (idempotency_key, user_id, kind, title, body, link, created_at)
         SELECT t.k, t.usr, t.kind, t.title, t.body, t.link, $7
         FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[]) AS t(k, usr, kind, title, body, link)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [col('key'), col('userId'), col('kind'), col('title'), col('body'), col('link'), createdAt],
      );
      created += rows.length;
    }
    return created;
  }

  /**
   * Messages in [from, to) of kinds that digests carry, for active users in daily mode whose city
   * the platform has not disabled: one statement for every user.
   */
  async dailyDigestItems(
    m: EntityManager,
    from: Date,
    to: Date,
    exemptKinds: readonly string[],
  ): Promise<DigestItemRow[]> {
    return m.query(
      `SELECT i.user_id AS "userId", i.title, i.body, i.link, i.created_at AS "createdAt"
       FROM inbox_messages i JOIN identity.users usr ON usr.id = i.user_id
       JOIN organisation.units un ON un.id = usr.unit_id JOIN organisation.units city ON city.id = un.city_id AND city.disabled_at IS NULL
       WHERE usr.active AND usr.digest_mode = 'daily' AND i.created_at >= $1 AND i.created_at < $2
         AND NOT (i.kind = ANY($3::varchar[]))
       ORDER BY i.user_id, i.created_at, i.id`,
      [from, to, exemptKinds],
    );
  }

  async list(
    userId: string,
    unreadOnly: boolean,
    skip: number,
    take: number,
  ): Promise<{ items: InboxRow[]; total: number }> {
    const filter = unreadOnly ? 'AND read_at IS NULL' : '';
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM inbox_messages WHERE user_id = $1 ${filter}`,
      [userId],
    );
    const items: InboxRow[] = await this.dataSource.query(
      `SELECT id, kind, title, body, link, read_at AS "readAt", created_at AS "createdAt"
       FROM inbox_messages WHERE user_id = $1 ${filter}
       ORDER BY created_at DESC, id OFFSET $2 LIMIT $3`,
      [userId, skip, take],
    );
    return { items, total };
  }

  async counts(userId: string): Promise<{ total: number; unread: number; read: number }> {
    const [row]: { total: number; unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM inbox_messages WHERE user_id = $1`,
      [userId],
    );
    return { total: row!.total, unread: row!.unread, read: row!.total - row!.unread };
  }

  /** Marks the user's own message read (keeping the first read time); null when it is not theirs. */
  async markRead(userId: string, id: string, at: Date): Promise<InboxRow | null> {
    const [rows]: [InboxRow[], number] = await this.dataSource.query(
      `UPDATE inbox_messages SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2
       RETURNING id, kind, title, body, link, read_at AS "readAt", created_at AS "createdAt"`,
      [id, userId, at],
    );
    return rows[0] ?? null;
  }

  async markAllRead(userId: string, at: Date): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE inbox_messages SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`,
      [userId, at],
    );
    return result[1] ?? 0;
  }
}

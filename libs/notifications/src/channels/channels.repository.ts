import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelMessage } from './channel-messages.js';
import type { ChannelPostDraft, ChannelTarget } from './channel-drafts.js';
import type { ChannelKind } from './webhook-url.js';

export interface ChannelRow {
  id: string;
  cityId: string;
  kind: ChannelKind;
  name: string;
  webhookHint: string;
  hasSecret: boolean;
  scope: 'plan' | 'unit';
  planId: string | null;
  planTitle: string | null;
  unitId: string | null;
  unitName: string | null;
  enabled: boolean;
  mentionByPhone: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A channel with its sealed URL and secret (never leaves the service). */
export type StoredChannel = ChannelRow & { webhookSealed: string; secretSealed: string | null };

export interface ChannelWrite {
  kind: ChannelKind;
  name: string;
  webhookSealed: string;
  secretSealed: string | null;
  webhookHint: string;
  scope: 'plan' | 'unit';
  planId: string | null;
  unitId: string | null;
  enabled: boolean;
  mentionByPhone: boolean;
}

/** A claimed post with what sending it needs. */
export interface ClaimedPost {
  id: string;
  channelId: string;
  kind: ChannelKind;
  webhookSealed: string;
  secretSealed: string | null;
  message: ChannelMessage;
  /** The office may have switched the channel off since the post was written. */
  enabled: boolean;
}

export interface ChannelPostRow {
  id: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  kind: string;
  title: string;
  status: string;
  attempts: number;
  lastError: string | null;
  claimedAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

const CHANNEL_COLUMNS = `c.id, c.city_id AS "cityId", c.kind, c.name, c.webhook_hint AS "webhookHint",
  c.secret_sealed IS NOT NULL AS "hasSecret", c.scope, c.plan_id AS "planId", p.title AS "planTitle",
  c.unit_id AS "unitId", u.name AS "unitName", c.enabled, c.mention_by_phone AS "mentionByPhone",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
const CHANNEL_FROM = `notification_channels c LEFT JOIN plans.plans p ON p.id = c.plan_id
  LEFT JOIN organisation.units u ON u.id = c.unit_id`;

/** Channels and their posts: the office's settings, the claim of each post and the log. */
@Injectable()
export class ChannelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // ---- channels ------------------------------------------------------------------------------

  async list(cityId: string): Promise<StoredChannel[]> {
    return this.dataSource.query(
      `SELECT ${CHANNEL_COLUMNS}, c.webhook_sealed AS "webhookSealed", c.secret_sealed AS "secretSealed"
       FROM ${CHANNEL_FROM} WHERE c.city_id = $1 ORDER BY c.created_at, c.id`,
      [cityId],
    );
  }

  async find(m: EntityManager, id: string): Promise<StoredChannel | null> {
    const rows: StoredChannel[] = await m.query(
      `SELECT ${CHANNEL_COLUMNS}, c.webhook_sealed AS "webhookSealed", c.secret_sealed AS "secretSealed"
       FROM ${CHANNEL_FROM} WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(m: EntityManager, cityId: string, w: ChannelWrite): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notification_channels (city_id, kind, name, webhook_sealed, secret_sealed, webhook_hint, scope, plan_id, unit_id,
                                          enabled, mention_by_phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        cityId,
        w.kind,
        w.name,
        w.webhookSealed,
        w.secretSealed,
        w.webhookHint,
        w.scope,
        w.planId,
        w.unitId,
        w.enabled,
        w.mentionByPhone,
      ],
    );
    return rows[0]!.id;
  }

  async update(m: EntityManager, id: string, w: ChannelWrite, at: Date): Promise<void> {
    await m.query(
      `UPDATE notification_channels SET kind = $2, name = $3, webhook_sealed = $4, secret_sealed = $5, webhook_hint = $6, scope = $7,
              plan_id = $8, unit_id = $9, enabled = $10, mention_by_phone = $11, updated_at = $12
       WHERE id = $1`,
      [
        id,
        w.kind,
        w.name,
        w.webhookSealed,
        w.secretSealed,
        w.webhookHint,
        w.scope,
        w.planId,
        w.unitId,
        w.enabled,
        w.mentionByPhone,
        at,
      ],
    );
  }

  async planInCity(m: EntityManager, planId: string, cityId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM plans.plans WHERE id = $1 AND city_id = $2`, [planId, cityId]);
    return rows.length > 0;
  }

  async unitInCity(m: EntityManager, unitId: string, cityId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM organisation.units WHERE id = $1 AND city_id = $2 AND deleted_at IS NULL`,
      [unitId, cityId],
    );
    return rows.length > 0;
  }

  /** Enabled channels of these plans and units. */
  async targets(m: EntityManager, planIds: string[], unitIds: string[]): Promise<ChannelTarget[]> {
    return m.query(
      `SELECT id, city_id AS "cityId", scope, plan_id AS "planId", unit_id AS "unitId", mention_by_phone AS "mentionByPhone"
       FROM notification_channels
       WHERE enabled AND (plan_id = ANY($1::uuid[]) OR unit_id = ANY($2::uuid[]))
       ORDER BY created_at, id`,
      [planIds, unitIds],
    );
  }

  // ---- posts ---------------------------------------------------------------------------------

  /** Claims each draft's key; a key already claimed (an earlier run) is skipped. */
  async insertPosts(m: EntityManager, drafts: readonly ChannelPostDraft[], at: Date): Promise<string[]> {
    if (drafts.length === 0) return [];
    const rows: { id: string }[] = await m.query(
      `INSERT INTO channel_posts (idempotency_key, channel_id, city_id, kind, message, created_at)
       SELECT t.k, t.channel, t.city, t.kind, t.message, $6
       FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::varchar[], $5::jsonb[]) AS t(k, channel, city, kind, message)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        drafts.map((d) => d.key),
        drafts.map((d) => d.channelId),
        drafts.map((d) => d.cityId),
        drafts.map((d) => d.kind),
        drafts.map((d) => JSON.stringify(d.message)),
        at,
      ],
    );
    return rows.map((r) => r.id);
  }

  async lockUndispatched(m: EntityManager, limit: number): Promise<{ id: string; attempts: number }[]> {
    return m.query(
      `SELECT id, attempts FROM channel_posts WHERE status = 'pending' AND enqueued_at IS NULL
       ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markEnqueued(m: EntityManager, ids: string[], at: Date): Promise<void> {
    await m.query(`UPDATE channel_posts SET enqueued_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }

  /** After Redis lost its data or at a worker's start: pending posts are offered to the dispatcher again. */
  async requeuePending(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE channel_posts SET enqueued_at = NULL WHERE status = 'pending' AND enqueued_at IS NOT NULL`,
    );
    return result[1] ?? 0;
  }

  async statusOf(id: string): Promise<{ status: string; channelId: string } | null> {
    const rows: { status: string; channelId: string }[] = await this.dataSource.query(
      `SELECT status, channel_id AS "channelId" FROM channel_posts WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * The one claim of a send, committed before the request leaves: only a pending post can be
   * claimed, so no two workers (nor a retry of a job that died) post it twice.
   */
  async claim(id: string, at: Date): Promise<ClaimedPost | null> {
    // An UPDATE … RETURNING answers [rows, count].
    const [rows]: [ClaimedPost[], number] = await this.dataSource.query(
      `UPDATE channel_posts p SET status = 'sending', claimed_at = $2, attempts = p.attempts + 1
       FROM notification_channels c
       WHERE p.id = $1 AND p.status = 'pending' AND c.id = p.channel_id
       RETURNING p.id, p.channel_id AS "channelId", c.kind, c.webhook_sealed AS "webhookSealed",
                 c.secret_sealed AS "secretSealed", p.message, c.enabled`,
      [id, at],
    );
    return rows[0] ?? null;
  }

  /** The answer of a claimed post. A post marked unknown meanwhile still takes the real answer. */
  async settle(
    id: string,
    status: 'sent' | 'failed' | 'pending' | 'unknown',
    error: string | null,
    at: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE channel_posts SET status = $2::varchar, last_error = $3, sent_at = CASE WHEN $2::varchar = 'sent' THEN $4::timestamptz ELSE sent_at END
       WHERE id = $1 AND status IN ('sending', 'unknown')`,
      [id, status, error?.slice(0, 2000) ?? null, at],
    );
  }

  /** A post still "sending" when its job runs again: the worker that claimed it died mid-request. */
  async markUnknown(id: string, reason: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE channel_posts SET status = 'unknown', last_error = $2 WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
    return (result[1] ?? 0) > 0;
  }

  /** Posts claimed before `before` and never settled: their worker is gone (its job lost with Redis, too). */
  async markStaleUnknown(before: Date, reason: string): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE channel_posts SET status = 'unknown', last_error = $2 WHERE status = 'sending' AND claimed_at < $1`,
      [before, reason],
    );
    return result[1] ?? 0;
  }

  // ---- the office's log ----------------------------------------------------------------------

  async listPosts(
    cityId: string,
    status: string | undefined,
    skip: number,
    take: number,
  ): Promise<{ items: ChannelPostRow[]; total: number }> {
    const params: unknown[] = [cityId];
    let where = 'p.city_id = $1';
    if (status) {
      params.push(status);
      where += ` AND p.status = $2`;
    }
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM channel_posts p WHERE ${where}`,
      params,
    );
    const items: ChannelPostRow[] = await this.dataSource.query(
      `SELECT p.id, p.channel_id AS "channelId", c.name AS "channelName", c.kind AS "channelKind", p.kind,
              p.message->>'title' AS title, p.status, p.attempts, p.last_error AS "lastError", p.claimed_at AS "claimedAt",
              p.sent_at AS "sentAt", p.created_at AS "createdAt"
       FROM channel_posts p JOIN notification_channels c ON c.id = p.channel_id
       WHERE ${where} ORDER BY p.created_at DESC, p.id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, skip, take],
    );
    return { items, total };
  }

  async lockForOffice(
    m: EntityManager,
    id: string,
  ): Promise<{ id: string; cityId: string; status: string; lastError: string | null } | null> {
    const rows: { id: string; cityId: string; status: string; lastError: string | null }[] = await m.query(
      `SELECT id, city_id AS "cityId", status, last_error AS "lastError" FROM channel_posts WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markForResend(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE channel_posts SET status = 'pending', enqueued_at = NULL, claimed_at = NULL WHERE id = $1`, [
      id,
    ]);
  }

  /** Phones of the active contacts of these roles of these units, for @-mentions. */
  async phones(m: EntityManager, unitIds: string[], roles: string[]): Promise<Map<string, string[]>> {
    if (unitIds.length === 0) return new Map();
    const rows: { unitId: string; phone: string }[] = await m.query(
      `SELECT DISTINCT unit_id AS "unitId", phone FROM organisation.contacts
       WHERE unit_id = ANY($1::uuid[]) AND role = ANY($2::varchar[]) AND active AND deleted_at IS NULL AND phone ~ '^1[0-9]{10}$'
       ORDER BY 1, 2`,
      [unitIds, roles],
    );
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.unitId, [...(map.get(r.unitId) ?? []), r.phone]);
    return map;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import pg from 'pg';
import type { NotificationDraft } from './messages.js';
import { isUUID } from 'class-validator';

const { escapeLiteral } = pg;

/** Rows per INSERT … SELECT FROM unnest(…): large enough to be quick, small enough to keep statements modest. */
export const INSERT_BATCH = 500;

export interface SendableRow {
  id: string;
  status: string;
  recipientEmail: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  messageId: string;
}

/** A failed send as the row keeps it: the server's answer, and whether it was the last try. */
export interface RecordedFailure {
  message: string;
  final: boolean;
}

/** What became of each row of a batch. */
export interface BatchOutcome {
  sent: string[];
  /** No longer pending: sent, or failed for good, by another sender or before. */
  alreadyDone: string[];
  missing: string[];
  failed: { id: string; error: unknown }[];
}

/** A failed attempt counted on a still-pending row; `final` fails it. Literals only: it runs in a statement list. */
function failureUpdate(id: string, failure: RecordedFailure): string {
  return `UPDATE notifications SET attempts = attempts + 1, last_error = ${escapeLiteral(failure.message.slice(0, 2000))},
     status = ${failure.final ? "'failed'" : 'status'} WHERE id = ${escapeLiteral(id)} AND status = 'pending'`;
}

export interface NotificationFilter {
  cityId: string;
  status?: string;
  kind?: string;
  unitId?: string;
  periodId?: string;
}

export interface NotificationListRow {
  id: string;
  kind: string;
  status: string;
  periodId: string | null;
  unitId: string | null;
  unitName: string | null;
  recipientContactId: string | null;
  recipientUserId: string | null;
  recipientEmail: string;
  subject: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
  enqueuedAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

/**
 * The outbox (`notifications`): one row per email, from the claim of its idempotency key through
 * dispatch onto the mail queue and the send, to the office's log and resends. Set-based: one
 * statement per step, never one per recipient.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims every draft's key; a key already claimed is skipped. Returns the ids of the rows created. */
  async insertNotifications(
    m: EntityManager,
    drafts: readonly NotificationDraft[],
    createdAt: Date,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < drafts.length; i += INSERT_BATCH) {
      const batch = drafts.slice(i, i + INSERT_BATCH);
      const col = <K extends keyof NotificationDraft>(k: K) => batch.map((d) => d[k]);
      const rows: { id: string }[] = await m.query(
        `INSERT INTO notifications (idempotency_key, kind, city_id, period_id, unit_id, recipient_contact_id, recipient_user_id,
                                    recipient_email, subject, body_text, body_html, message_id, created_at)
         SELECT t.k, t.kind, t.city, t.period, t.unit, t.contact, t.usr, t.email, t.subject, t.txt, t.html, t.mid, $13
         FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[],
                     $8::varchar[], $9::varchar[], $10::text[], $11::text[], $12::varchar[])
              AS t(k, kind, city, period, unit, contact, usr, email, subject, txt, html, mid)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [
          col('key'),
          col('kind'),
          col('cityId'),
          col('periodId'),
          col('unitId'),
          col('recipientContactId'),
          col('recipientUserId'),
          col('recipientEmail'),
          col('subject'),
          col('bodyText'),
          col('bodyHtml'),
          col('messageId'),
          createdAt,
        ],
      );
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }

  // ---- dispatch and delivery -----------------------------------------------------------------

  /**
   * Pending rows not yet on the queue, oldest first, locked for this transaction (SKIP LOCKED: two
   * dispatchers take different rows).
   */
  async lockUndispatched(m: EntityManager, limit: number): Promise<{ id: string; attempts: number }[]> {
    return m.query(
      `SELECT id, attempts FROM notifications WHERE status = 'pending' AND enqueued_at IS NULL
       ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markEnqueued(m: EntityManager, ids: string[], at: Date): Promise<void> {
    await m.query(`UPDATE notifications SET enqueued_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }

  /**
   * After Redis lost its data (or at a worker's start), pending rows that were on the queue are
   * offered to the dispatcher again; enqueueing an id that is still queued is a no-op. Rows a sender
   * holds are skipped, not waited for: their job is running, so it is on the queue; and a sender holds a
   * batch of rows, which a wait here (taking rows in no particular order) could deadlock with.
   */
  async requeuePending(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE notifications SET enqueued_at = NULL
       WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND enqueued_at IS NOT NULL FOR UPDATE SKIP LOCKED)`,
    );
    return result[1] ?? 0;
  }

  /**
   * Sends a batch of rows under their locks: while one sender holds a row no other can send it. A second sender for
   * the same row (another job, or the dispatcher's transaction that enqueued it) waits and then sees the row as it was
   * left; after the lock timeout it gives up with an error and its job retries. Rows are locked in id order, so two
   * batches sharing rows wait for each other instead of deadlocking. `send` is called for every row still pending, all
   * at once (the pooled transport queues them over its connections); those it resolves are marked sent, at the time
   * `sentAt` gives then, and those it rejects are counted as failed attempts when `failure` describes the error —
   * all in the same transaction, so a row is never marked sent unless the server accepted it.
   * Three round trips per batch, because a reminder round makes ten thousand sends: BEGIN with the lock timeout in
   * one statement list, the rows locked and read, then the outcomes written and committed in one statement list (a
   * list takes no parameters: ids are checked to be uuids, and every value is quoted as a literal).
   */
  async sendLocked(
    ids: readonly string[],
    send: (row: SendableRow) => Promise<void>,
    options: { sentAt: () => Date; failure?: (error: unknown) => RecordedFailure | null },
  ): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { sent: [], alreadyDone: [], missing: [], failed: [] };
    // PostgreSQL answers with ids in lower case: compare them so.
    const valid = [...new Set(ids.filter((id) => isUUID(id, 'loose')).map((id) => id.toLowerCase()))];
    outcome.missing.push(...ids.filter((id) => !isUUID(id, 'loose')));
    if (valid.length === 0) return outcome;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`BEGIN; SET LOCAL lock_timeout = '15s'`);
      const rows: SendableRow[] = await runner.query(
        `SELECT id, status, recipient_email AS "recipientEmail", subject, body_text AS "bodyText", body_html AS "bodyHtml", message_id AS "messageId"
         FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [valid],
      );
      const found = new Set(rows.map((r) => r.id));
      outcome.missing.push(...valid.filter((id) => !found.has(id)));
      const pending = rows.filter((r) => r.status === 'pending');
      outcome.alreadyDone.push(...rows.filter((r) => r.status !== 'pending').map((r) => r.id));
      const settled = await Promise.allSettled(pending.map((row) => send(row)));
      const statements: string[] = [];
      const recorded: { id: string; failure: RecordedFailure }[] = [];
      settled.forEach((result, i) => {
        const id = pending[i]!.id;
        if (result.status === 'fulfilled') outcome.sent.push(id);
        else {
          outcome.failed.push({ id, error: result.reason });
          const failure = options.failure?.(result.reason);
          if (failure) recorded.push({ id, failure });
        }
      });
      if (outcome.sent.length > 0)
        statements.push(
          `UPDATE notifications SET status = 'sent', sent_at = ${escapeLiteral(options.sentAt().toISOString())},
             attempts = attempts + 1, last_error = NULL WHERE id IN (${outcome.sent.map(escapeLiteral).join(', ')})`,
        );
      for (const { id, failure } of recorded) statements.push(failureUpdate(id, failure));
      statements.push('COMMIT');
      await runner.query(statements.join('; '));
      return outcome;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  // ---- the office's log ----------------------------------------------------------------------

  async list(
    filter: NotificationFilter,
    skip: number,
    take: number,
  ): Promise<{ items: NotificationListRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    add('n.city_id = ?', filter.cityId);
    if (filter.status) add('n.status = ?', filter.status);
    if (filter.kind) add('n.kind = ?', filter.kind);
    if (filter.unitId) add('n.unit_id = ?', filter.unitId);
    if (filter.periodId) add('n.period_id = ?', filter.periodId);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM notifications n ${clause}`,
      params,
    );
    const items: NotificationListRow[] = await this.dataSource.query(
      `SELECT n.id, n.kind, n.status, n.period_id AS "periodId", n.unit_id AS "unitId", u.name AS "unitName",
              n.recipient_contact_id AS "recipientContactId", n.recipient_user_id AS "recipientUserId",
              n.recipient_email AS "recipientEmail", n.subject, n.message_id AS "messageId", n.attempts,
              n.last_error AS "lastError", n.enqueued_at AS "enqueuedAt", n.sent_at AS "sentAt", n.created_at AS "createdAt"
       FROM notifications n LEFT JOIN organisation.units u ON u.id = n.unit_id
       ${clause}
       ORDER BY n.created_at DESC, n.id
       OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, skip, take],
    );
    return { items, total };
  }

  async findForOffice(
    m: EntityManager,
    id: string,
  ): Promise<{ id: string; cityId: string | null; status: string; attempts: number; lastError: string | null } | null> {
    const rows: { id: string; cityId: string | null; status: string; attempts: number; lastError: string | null }[] =
      await m.query(
        `SELECT id, city_id AS "cityId", status, attempts, last_error AS "lastError" FROM notifications WHERE id = $1 FOR UPDATE`,
        [id],
      );
    return rows[0] ?? null;
  }

  /** Back to pending and off the queue: the dispatcher enqueues it again. */
  async markForResend(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE notifications SET status = 'pending', enqueued_at = NULL, sent_at = NULL WHERE id = $1`, [
      id,
    ]);
  }
}

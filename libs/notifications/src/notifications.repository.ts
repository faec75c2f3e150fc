import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { InboxDraft, NotificationDraft, StaleAssignmentRow } from './messages.js';
import type { DigestMode, Recipient, UnitContact } from './recipients.js';

/** Rows per INSERT … SELECT FROM unnest(…): large enough to be quick, small enough to keep statements modest. */
const INSERT_BATCH = 500;

export interface PeriodRow {
  periodId: string;
  planId: string;
  planTitle: string;
  cityId: string;
  year: number;
  month: number;
  deadline: Date;
  reminderRule: unknown;
}

export interface SendableRow {
  id: string;
  status: string;
  recipientEmail: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  messageId: string;
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

/**
 * Every query of the notification pipeline. Set-based: one statement per step, never one per unit.
 * What the schedules fan out from (plans, periods, digest items) leaves out the cities the platform
 * has disabled (`city.disabled_at`), so nothing is written for them while they are.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  // ---- schedule bookkeeping -------------------------------------------------------------------

  /**
   * Locks the schedule's row for the rest of the transaction and returns when it last ran (null:
   * never). Two workers running the same schedule therefore take turns, and the second sees the
   * first one's time.
   */
  async lockScheduleRun(m: EntityManager, name: string, now: Date): Promise<Date | null> {
    const existing: { last_run_at: Date }[] = await m.query(
      `SELECT last_run_at FROM schedule_runs WHERE name = $1 FOR UPDATE`,
      [name],
    );
    if (existing[0]) return existing[0].last_run_at;
    const created: unknown[] = await m.query(
      `INSERT INTO schedule_runs (name, last_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name`,
      [name, now],
    );
    if (created.length > 0) return null;
    const again: { last_run_at: Date }[] = await m.query(
      `SELECT last_run_at FROM schedule_runs WHERE name = $1 FOR UPDATE`,
      [name],
    );
    return again[0]?.last_run_at ?? null;
  }

  async setScheduleRun(m: EntityManager, name: string, at: Date): Promise<void> {
    await m.query(`UPDATE schedule_runs SET last_run_at = GREATEST(last_run_at, $2) WHERE name = $1`, [name, at]);
  }

  // ---- what is due ---------------------------------------------------------------------------------

  /** Periods of published plans of enabled cities whose deadline lies in [from, to]. */
  async periodsWithDeadlineBetween(m: EntityManager, from: Date, to: Date, periodIds?: string[]): Promise<PeriodRow[]> {
    return m.query(
      `SELECT rp.id AS "periodId", rp.plan_id AS "planId", p.title AS "planTitle", p.city_id AS "cityId",
              rp.year, rp.month, rp.deadline, p.reminder_rule AS "reminderRule"
       FROM reporting_periods rp JOIN plans p ON p.id = rp.plan_id
       JOIN units city ON city.id = p.city_id AND city.disabled_at IS NULL
       WHERE p.status = 'published' AND p.deleted_at IS NULL AND rp.deadline BETWEEN $1 AND $2
         AND ($3::uuid[] IS NULL OR rp.id = ANY($3::uuid[]))
       ORDER BY rp.deadline, rp.id`,
      [from, to, periodIds ?? null],
    );
  }

  async period(m: EntityManager, periodId: string): Promise<PeriodRow | null> {
    const rows: PeriodRow[] = await m.query(
      `SELECT rp.id AS "periodId", rp.plan_id AS "planId", p.title AS "planTitle", p.city_id AS "cityId",
              rp.year, rp.month, rp.deadline, p.reminder_rule AS "reminderRule"
       FROM reporting_periods rp JOIN plans p ON p.id = rp.plan_id AND p.deleted_at IS NULL
       WHERE rp.id = $1`,
      [periodId],
    );
    return rows[0] ?? null;
  }

  /**
   * Contacts of the given roles serving these units, and the named liaisons of these assignments
   * (counted for the assignment's unit), each with the user account linked to it, if any.
   */
  async unitContacts(
    m: EntityManager,
    unitIds: string[],
    roles: string[],
    assignmentIds: string[],
  ): Promise<(UnitContact & { role: string })[]> {
    if (unitIds.length === 0) return [];
    return m.query(
      `WITH linked AS (
         SELECT DISTINCT ON (contact_id) contact_id, id, digest_mode FROM users
         WHERE active AND contact_id IS NOT NULL ORDER BY contact_id, created_at
       )
       SELECT c.id AS "contactId", c.unit_id AS "unitId", c.role, c.name, c.email, NULL::uuid AS "assignmentId",
              l.id AS "userId", l.digest_mode AS "digestMode"
       FROM contacts c LEFT JOIN linked l ON l.contact_id = c.id
       WHERE c.unit_id = ANY($1::uuid[]) AND c.role = ANY($2::varchar[]) AND c.active AND c.deleted_at IS NULL
       UNION ALL
       SELECT c.id, a.unit_id, 'liaison', c.name, c.email, a.id, l.id, l.digest_mode
       FROM assignment_liaisons al
       JOIN assignments a ON a.id = al.assignment_id
       JOIN contacts c ON c.id = al.contact_id AND c.active AND c.deleted_at IS NULL
       LEFT JOIN linked l ON l.contact_id = c.id
       WHERE al.assignment_id = ANY($3::uuid[]) AND 'liaison' = ANY($2::varchar[])`,
      [unitIds, roles, assignmentIds],
    );
  }

  /** Active office users of these cities, with their linked contact's email or else their own. */
  async officeUsers(m: EntityManager, cityIds: string[]): Promise<(Recipient & { cityId: string })[]> {
    if (cityIds.length === 0) return [];
    return m.query(
      `SELECT usr.id AS "userId", usr.display_name AS name, usr.digest_mode AS "digestMode", un.city_id AS "cityId",
              c.id AS "contactId", COALESCE(NULLIF(c.email, ''), NULLIF(usr.email, ''), '') AS email
       FROM users usr
       JOIN units un ON un.id = usr.unit_id
       LEFT JOIN contacts c ON c.id = usr.contact_id AND c.active AND c.deleted_at IS NULL
       WHERE usr.active AND 'office' = ANY(usr.roles) AND un.city_id = ANY($1::uuid[])
       ORDER BY usr.username`,
      [cityIds],
    );
  }

  async unitNames(m: EntityManager, unitIds: string[]): Promise<Map<string, string>> {
    if (unitIds.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await m.query(
      `SELECT id, name FROM units WHERE id = ANY($1::uuid[])`,
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Enabled cities that have a published plan, with their names. */
  async citiesWithPublishedPlans(m: EntityManager): Promise<{ cityId: string; cityName: string }[]> {
    return m.query(
      `SELECT DISTINCT u.id AS "cityId", u.name AS "cityName"
       FROM plans p JOIN units u ON u.id = p.city_id AND u.disabled_at IS NULL
       WHERE p.status = 'published' AND p.deleted_at IS NULL ORDER BY u.name`,
    );
  }

  /** Published plans of enabled cities. */
  async publishedPlans(m: EntityManager): Promise<{ planId: string; cityId: string; reminderRule: unknown }[]> {
    return m.query(
      `SELECT p.id AS "planId", p.city_id AS "cityId", p.reminder_rule AS "reminderRule"
       FROM plans p JOIN units city ON city.id = p.city_id AND city.disabled_at IS NULL
       WHERE p.status = 'published' AND p.deleted_at IS NULL`,
    );
  }

  /**
   * Active assignments of these plans whose last update (latest submission of one of their
   * reports — a business time from the clock, unlike `updated_at` —, else the plan's publication,
   * else the assignment's creation) is at least the plan's
   * `nudgeAfterDays` before `now`; assignments that have not started are left alone.
   */
  async staleAssignments(
    m: EntityManager,
    plans: { planId: string; days: number }[],
    now: Date,
    today: string,
  ): Promise<StaleAssignmentRow[]> {
    if (plans.length === 0) return [];
    return m.query(
      `WITH rule AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS r(plan_id, days) WHERE days > 0),
       latest AS (
         SELECT subject_id, max(submitted_at) AS at FROM reports WHERE subject_type = 'assignment' AND submitted_at IS NOT NULL GROUP BY subject_id
       )
       SELECT a.id AS "assignmentId", t.plan_id AS "planId", p.title AS "planTitle", p.city_id AS "cityId",
              a.unit_id AS "unitId", u.name AS "unitName", t.number AS "taskNumber", t.title AS "taskTitle",
              COALESCE(l.at, p.published_at, a.created_at) AS "lastUpdate", rule.days AS "nudgeAfterDays"
       FROM rule
       JOIN plans p ON p.id = rule.plan_id
       JOIN tasks t ON t.plan_id = p.id AND t.deleted_at IS NULL
       JOIN assignments a ON a.task_id = t.id AND a.active AND (a.starts_on IS NULL OR a.starts_on <= $4::date)
       JOIN units u ON u.id = a.unit_id AND u.active AND u.deleted_at IS NULL
       LEFT JOIN latest l ON l.subject_id = a.id
       WHERE COALESCE(l.at, p.published_at, a.created_at) <= $3::timestamptz - make_interval(days => rule.days)
       ORDER BY u.path, t.number`,
      [plans.map((p) => p.planId), plans.map((p) => p.days), now, today],
    );
  }

  /** Inbox rows in [from, to) of kinds that digests carry, for users of enabled cities in daily mode. */
  async dailyDigestItems(
    m: EntityManager,
    from: Date,
    to: Date,
    exemptKinds: readonly string[],
  ): Promise<DigestItemRow[]> {
    return m.query(
      `SELECT i.user_id AS "userId", i.title, i.body, i.link, i.created_at AS "createdAt"
       FROM inbox_messages i JOIN users usr ON usr.id = i.user_id
       JOIN units un ON un.id = usr.unit_id JOIN units city ON city.id = un.city_id AND city.disabled_at IS NULL
       WHERE usr.active AND usr.digest_mode = 'daily' AND i.created_at >= $1 AND i.created_at < $2
         AND NOT (i.kind = ANY($3::varchar[]))
       ORDER BY i.user_id, i.created_at, i.id`,
      [from, to, exemptKinds],
    );
  }

  /** Users (active), each with their linked contact's email or else their own. */
  async usersWithEmail(m: EntityManager, userIds: string[]): Promise<(Recipient & { cityId: string | null })[]> {
    if (userIds.length === 0) return [];
    return m.query(
      `SELECT usr.id AS "userId", usr.display_name AS name, usr.digest_mode AS "digestMode", un.city_id AS "cityId",
              c.id AS "contactId", COALESCE(NULLIF(c.email, ''), NULLIF(usr.email, ''), '') AS email
       FROM users usr JOIN units un ON un.id = usr.unit_id
       LEFT JOIN contacts c ON c.id = usr.contact_id AND c.active AND c.deleted_at IS NULL
       WHERE usr.active AND usr.id = ANY($1::uuid[])`,
      [userIds],
    );
  }

  // ---- writing messages ----------------------------------------------------------------------

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

  async insertInbox(m: EntityManager, drafts: readonly InboxDraft[], createdAt: Date): Promise<number> {
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
   * offered to the dispatcher again; enqueueing an id that is still queued is a no-op.
   */
  async requeuePending(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE notifications SET enqueued_at = NULL WHERE status = 'pending' AND enqueued_at IS NOT NULL`,
    );
    return result[1] ?? 0;
  }

  /**
   * Locks the row for the whole send: while one job holds it no other can send it. A second job
   * for the same row waits (the dispatcher's transaction that enqueued it, or another sender) and
   * then sees the row as it was left; after `lock_timeout` it gives up with an error and retries.
   */
  async lockForSend(m: EntityManager, id: string): Promise<SendableRow | 'missing'> {
    await m.query(`SET LOCAL lock_timeout = '15s'`);
    const rows: SendableRow[] = await m.query(
      `SELECT id, status, recipient_email AS "recipientEmail", subject, body_text AS "bodyText", body_html AS "bodyHtml", message_id AS "messageId"
       FROM notifications WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? 'missing';
  }

  async markSent(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE notifications SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [id, at],
    );
  }

  /** Counts a failed attempt; `final` marks the row failed (the office sees it and may resend). */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
       WHERE id = $1 AND status = 'pending'`,
      [id, error.slice(0, 2000), final],
    );
  }

  // ---- office log and inbox ------------------------------------------------------------------

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
       FROM notifications n LEFT JOIN units u ON u.id = n.unit_id
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

  async inbox(
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

  async inboxCounts(userId: string): Promise<{ total: number; unread: number; read: number }> {
    const [row]: { total: number; unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM inbox_messages WHERE user_id = $1`,
      [userId],
    );
    return { total: row!.total, unread: row!.unread, read: row!.total - row!.unread };
  }

  /** Marks the user's own message read (keeping the first read time); false when it is not theirs. */
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

  async digestMode(userId: string): Promise<DigestMode | null> {
    const rows: { digestMode: DigestMode }[] = await this.dataSource.query(
      `SELECT digest_mode AS "digestMode" FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0]?.digestMode ?? null;
  }
}

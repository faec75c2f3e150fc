import { randomBytes } from 'node:crypto';
import type { InboxDraft, NotificationDraft } from '@app/notifications';
import { count, rows, type Db } from './sql.js';

/** Which notifications to look at; every field given must match. */
export interface NotificationFilter {
  id?: string;
  kind?: string;
  periodId?: string;
  cityId?: string;
  /** Only those a person sent by hand (their idempotency key says so). */
  manual?: boolean;
  /** Only those whose idempotency key ends so (the reminder's offset, `|D-1`). */
  keySuffix?: string;
  status?: string;
  /** Only those in any other status than this. */
  notStatus?: string;
  /** Only those tried more than once. */
  retried?: boolean;
  /** Only those no queue has been given yet. */
  notEnqueued?: boolean;
}

export type NotificationRow = { id: string; status: string; message_id: string | null; recipient_email: string };

function where(filter: NotificationFilter): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.id) parts.push(`id = ${param(filter.id)}`);
  if (filter.kind) parts.push(`kind = ${param(filter.kind)}`);
  if (filter.periodId) parts.push(`period_id = ${param(filter.periodId)}`);
  if (filter.cityId) parts.push(`city_id = ${param(filter.cityId)}`);
  if (filter.manual) parts.push(`idempotency_key LIKE '%|manual-%'`);
  if (filter.keySuffix) parts.push(`idempotency_key LIKE '%' || ${param(filter.keySuffix)}`);
  if (filter.status) parts.push(`status = ${param(filter.status)}`);
  if (filter.notStatus) parts.push(`status <> ${param(filter.notStatus)}`);
  if (filter.retried) parts.push(`attempts > 1`);
  if (filter.notEnqueued) parts.push(`enqueued_at IS NULL`);
  return { sql: parts.join(' AND '), params };
}

export async function notificationsWhere(db: Db, filter: NotificationFilter): Promise<NotificationRow[]> {
  const { sql, params } = where(filter);
  return rows(db, `SELECT id, status, message_id, recipient_email FROM notifications WHERE ${sql}`, params);
}

export async function notificationCount(db: Db, filter: NotificationFilter): Promise<number> {
  const { sql, params } = where(filter);
  return count(db, `SELECT count(*)::int AS n FROM notifications WHERE ${sql}`, params);
}

/** Subject and address of every notification of `kind`. */
export async function notificationMails(db: Db, kind: string): Promise<{ subject: string; recipient_email: string }[]> {
  return rows(db, `SELECT subject, recipient_email FROM notifications WHERE kind = $1`, [kind]);
}

/** A notification as stored, every column. */
export interface StoredNotification {
  id: string;
  idempotency_key: string;
  kind: string;
  city_id: string | null;
  period_id: string | null;
  unit_id: string | null;
  recipient_contact_id: string | null;
  recipient_user_id: string | null;
  recipient_email: string;
  subject: string;
  body_text: string;
  body_html: string;
  message_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  enqueued_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
}

/** Every column of the notifications the filter picks, by recipient address. */
export async function storedNotifications(db: Db, filter: NotificationFilter): Promise<StoredNotification[]> {
  const { sql, params } = where(filter);
  return rows(db, `SELECT * FROM notifications WHERE ${sql} ORDER BY recipient_email, id`, params);
}

/** How many notifications there are per kind, status, attempts, queue time and error: what a stuck wait prints. */
export async function notificationTally(db: Db): Promise<Record<string, unknown>[]> {
  return rows(
    db,
    `SELECT kind, status, attempts, enqueued_at, last_error, count(*) FROM notifications GROUP BY 1, 2, 3, 4, 5`,
  );
}

/** In-app messages of the users of the city's units. */
export async function inboxCountOfCity(db: Db, cityId: string): Promise<number> {
  return count(
    db,
    `SELECT count(*)::int AS n FROM inbox_messages i JOIN users usr ON usr.id = i.user_id JOIN units u ON u.id = usr.unit_id
     WHERE u.city_id = $1`,
    [cityId],
  );
}

let serial = 0;

/** An email for the outbox with a key of its own (`fields` may name another's key, to claim it twice). */
export function aNotificationDraft(fields: Partial<NotificationDraft> = {}): NotificationDraft {
  const n = ++serial;
  return {
    key: `test|${n}|${randomBytes(4).toString('hex')}`,
    kind: 'reminder',
    cityId: null,
    periodId: null,
    unitId: null,
    recipientContactId: null,
    recipientUserId: null,
    recipientEmail: `r${n}@example.com`,
    subject: `主题${n}`,
    bodyText: `正文${n}`,
    bodyHtml: `<p>正文${n}</p>`,
    messageId: `<test-${n}@example.com>`,
    ...fields,
  };
}

/** A pending email already handed to a queue (so the dispatcher leaves it alone); returns its id. */
export async function aQueuedNotification(db: Db, draft: NotificationDraft): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    `INSERT INTO notifications (idempotency_key, kind, recipient_email, subject, body_text, body_html, message_id, enqueued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
    [draft.key, draft.kind, draft.recipientEmail, draft.subject, draft.bodyText, draft.bodyHtml, draft.messageId],
  );
  return row!.id;
}

/** An in-app message for a user with a key of its own. */
export function anInboxDraft(user: { id: string }, fields: Partial<InboxDraft> = {}): InboxDraft {
  const n = ++serial;
  return {
    key: `test|${n}|${randomBytes(4).toString('hex')}`,
    userId: user.id,
    kind: 'reminder',
    title: `消息${n}`,
    body: `内容${n}`,
    link: `https://kc.example.gov.cn/m/${n}`,
    ...fields,
  };
}

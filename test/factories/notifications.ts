import { count, rows, type Db } from './sql.js';

/** Which notifications to look at; every field given must match. */
export interface NotificationFilter {
  kind?: 'reminder' | 'escalation';
  periodId?: string;
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
  if (filter.kind) parts.push(`kind = ${param(filter.kind)}`);
  if (filter.periodId) parts.push(`period_id = ${param(filter.periodId)}`);
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

/** Turns "who gets what" into rows: one notification per email, one inbox row per user. Pure. */
import {
  escalationConsequences,
  formatMonth,
  type ItemLine,
  renderEscalation,
  renderNudge,
  renderOfficeDigest,
  renderReminder,
  type MailContent,
  type OverdueUnitLine,
} from '@app/mail';
import { contactRecipient, inboxKey, type KeyParts, messageIdFor, notificationKey, userRecipient } from './keys.js';
import { officeOverviewLink, reportLink, todoLink } from './links.js';
import { channelsFor, daysBeforeOf, type OutstandingItem, type Recipient, type UnitBatch } from './recipients.js';

export interface NotificationDraft {
  key: string;
  kind: string;
  cityId: string | null;
  periodId: string | null;
  unitId: string | null;
  recipientContactId: string | null;
  recipientUserId: string | null;
  recipientEmail: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  messageId: string;
}

export interface InboxDraft {
  key: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
}

export class Outbox {
  readonly notifications: NotificationDraft[] = [];
  readonly inbox: InboxDraft[] = [];

  /** Adds the email and/or inbox copy of one message for one recipient, as `channelsFor` decides. */
  deliver(message: MessageMeta, recipient: Recipient, content: MailContent): void {
    const channels = channelsFor(message.kind, recipient);
    if (channels.email)
      this.email(
        message,
        recipient,
        content,
        recipient.contactId ? contactRecipient(recipient.contactId) : userRecipient(recipient.userId!),
      );
    if (channels.inbox && recipient.userId) {
      this.inbox.push({
        key: inboxKey({ ...keyParts(message), recipient: userRecipient(recipient.userId) }),
        userId: recipient.userId,
        kind: message.kind,
        title: content.subject,
        body: content.summary,
        link: message.link,
      });
    }
  }

  /** The inbox copy only: a message the user should see in the platform, whose email went to someone else. */
  inboxOnly(message: MessageMeta, userId: string, title: string, body: string): void {
    this.inbox.push({
      key: inboxKey({ ...keyParts(message), recipient: userRecipient(userId) }),
      userId,
      kind: message.kind,
      title,
      body,
      link: message.link,
    });
  }

  /** An email only, keyed on `keyRecipient` (digests: one per user and day, whatever their mode). */
  email(message: MessageMeta, recipient: Recipient, content: MailContent, keyRecipient: string): void {
    if (recipient.email.trim() === '') return;
    const key = notificationKey({ ...keyParts(message), recipient: keyRecipient });
    this.notifications.push({
      key,
      kind: message.kind,
      cityId: message.cityId,
      periodId: message.periodId,
      unitId: message.unitId,
      recipientContactId: recipient.contactId,
      recipientUserId: recipient.userId,
      recipientEmail: recipient.email.trim(),
      subject: content.subject,
      bodyText: content.text,
      bodyHtml: content.html,
      messageId: messageIdFor(key),
    });
  }
}

export interface MessageMeta {
  kind: string;
  cityId: string | null;
  periodId: string | null;
  unitId: string | null;
  offset: string;
  link: string;
}

function keyParts(m: MessageMeta): Omit<KeyParts, 'recipient'> {
  return { kind: m.kind, periodId: m.periodId, unitId: m.unitId, offset: m.offset };
}

export interface PeriodContext {
  periodId: string;
  planId: string;
  planTitle: string;
  cityId: string;
  year: number;
  month: number;
  deadline: Date;
}

export interface MessageSettings {
  publicUrl: string;
  timeZone: string;
}

/** What a message about a unit needs beyond the period: the office a recipient without an account contacts. */
export interface UnitMessageSettings extends MessageSettings {
  officeContact: string;
}

/** The item as the mail lists it: its form's link for a recipient who can sign in, and whether it was returned. */
function itemLine(item: OutstandingItem, periodId: string, publicUrl: string, withLink: boolean): ItemLine {
  return {
    label: item.label,
    link: withLink ? reportLink(publicUrl, periodId, item.subjectType, item.subjectId) : null,
    returned: item.status === 'returned' ? (item.firstLate ? 'late' : 'on_time') : null,
  };
}

/**
 * Reminders (to liaisons, kind 'reminder') or escalations (to leaders, kind 'escalation') for
 * every unit batch of one period and one schedule entry, each listing that unit's outstanding items.
 * A recipient without an account gets no links (they would open a login page they cannot pass) but
 * the office to contact.
 */
export function unitMessages(
  outbox: Outbox,
  ctx: PeriodContext,
  entry: { kind: 'reminder' | 'escalation'; offset: string },
  batches: readonly UnitBatch[],
  unitNames: ReadonlyMap<string, string>,
  settings: UnitMessageSettings,
): void {
  for (const batch of batches) {
    const unitName = unitNames.get(batch.unitId) ?? '';
    const link = todoLink(settings.publicUrl, ctx.periodId, batch.unitId);
    for (const r of batch.recipients) {
      const withLinks = r.userId !== null;
      const view = {
        recipientName: r.name,
        unitName,
        planTitle: ctx.planTitle,
        year: ctx.year,
        month: ctx.month,
        deadline: ctx.deadline,
        timeZone: settings.timeZone,
        items: batch.items.map((i) => itemLine(i, ctx.periodId, settings.publicUrl, withLinks)),
        periodLink: withLinks ? link : null,
        officeContact: settings.officeContact,
      };
      const content =
        entry.kind === 'reminder'
          ? renderReminder({ ...view, daysBefore: daysBeforeOf(entry.offset) })
          : renderEscalation(view);
      outbox.deliver(
        {
          kind: entry.kind,
          cityId: ctx.cityId,
          periodId: ctx.periodId,
          unitId: batch.unitId,
          offset: entry.offset,
          link,
        },
        r,
        content,
      );
    }
  }
}

/**
 * The escalation's copy in the inbox of each liaison of the unit who has an account: the email goes to the
 * leader, but the liaison is the one who must act, and sees what is overdue and what it will cost.
 */
export function overdueInboxMessages(
  outbox: Outbox,
  ctx: PeriodContext,
  offset: string,
  batches: readonly UnitBatch[],
  unitNames: ReadonlyMap<string, string>,
  settings: MessageSettings,
): void {
  const period = formatMonth(ctx.year, ctx.month);
  for (const batch of batches) {
    const unitName = unitNames.get(batch.unitId) ?? '';
    const lines = batch.items.map((i) => itemLine(i, ctx.periodId, settings.publicUrl, false));
    const title = `【逾期未报】${unitName}${period}进展报送已逾期，尚有${lines.length}项未报送`;
    const body = [
      `已逾期：${lines.map((l) => (l.returned ? `${l.label}（退回待重新报送）` : l.label)).join('；')}。`,
      ...escalationConsequences(lines),
      '已同时通知本单位分管领导。',
    ].join('');
    const link = todoLink(settings.publicUrl, ctx.periodId, batch.unitId);
    for (const r of batch.recipients) {
      if (r.userId === null) continue;
      outbox.inboxOnly(
        { kind: 'escalation', cityId: ctx.cityId, periodId: ctx.periodId, unitId: batch.unitId, offset, link },
        r.userId,
        title,
        body,
      );
    }
  }
}

/** The office's overdue digest for one period: every unit still owing something, nothing when none is. */
export function officeDigestMessages(
  outbox: Outbox,
  ctx: PeriodContext,
  offset: string,
  summary: { expected: number; units: readonly (Omit<OverdueUnitLine, 'link'> & { unitId: string })[] },
  officeUsers: readonly Recipient[],
  settings: MessageSettings,
): void {
  if (summary.units.length === 0) return;
  const units = summary.units.map((u) => ({
    ...u,
    link: officeOverviewLink(settings.publicUrl, ctx.periodId, u.unitId),
  }));
  const outstanding = units.reduce((sum, u) => sum + u.outstanding, 0);
  const link = officeOverviewLink(settings.publicUrl, ctx.periodId);
  for (const r of officeUsers) {
    const content = renderOfficeDigest({
      recipientName: r.name,
      planTitle: ctx.planTitle,
      year: ctx.year,
      month: ctx.month,
      deadline: ctx.deadline,
      timeZone: settings.timeZone,
      expected: summary.expected,
      outstanding,
      units,
      link,
    });
    outbox.deliver(
      { kind: 'office_digest', cityId: ctx.cityId, periodId: ctx.periodId, unitId: null, offset, link },
      r,
      content,
    );
  }
}

/** An assignment without an update for a while, as the repository finds it. */
export interface StaleAssignmentRow {
  assignmentId: string;
  planId: string;
  planTitle: string;
  cityId: string;
  unitId: string;
  unitName: string;
  taskNumber: number;
  taskTitle: string;
  lastUpdate: Date | null;
  nudgeAfterDays: number;
}

export interface StaleAssignment extends Omit<StaleAssignmentRow, 'nudgeAfterDays'> {
  /** Whole days since the last update. */
  days: number;
  /** Which nudge of this stale stretch (1 after N days, 2 after 2N …): part of the key, so each is sent once. */
  round: number;
}

export function nudgeMessages(
  outbox: Outbox,
  stale: StaleAssignment,
  recipients: readonly Recipient[],
  settings: UnitMessageSettings & { link: string },
): void {
  const since = stale.lastUpdate ? stale.lastUpdate.toISOString().slice(0, 10) : 'never';
  for (const r of recipients) {
    const content = renderNudge({
      recipientName: r.name,
      unitName: stale.unitName,
      planTitle: stale.planTitle,
      taskNumber: stale.taskNumber,
      taskTitle: stale.taskTitle,
      lastUpdate: stale.lastUpdate,
      days: stale.days,
      timeZone: settings.timeZone,
      link: r.userId !== null ? settings.link : null,
      officeContact: settings.officeContact,
    });
    outbox.deliver(
      {
        kind: 'nudge',
        cityId: stale.cityId,
        periodId: null,
        unitId: stale.unitId,
        offset: `${stale.assignmentId}:${since}:${stale.round}`,
        link: settings.link,
      },
      r,
      content,
    );
  }
}

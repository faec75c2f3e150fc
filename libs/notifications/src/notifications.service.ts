import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '@app/audit';
import { type Actor, DomainError, type Page, type PageQuery, pageOf, skipTake } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { renderEvent } from '@app/mail';
import { Outbox } from './messages.js';
import {
  type NotificationFilter,
  type NotificationListRow,
  NotificationsRepository,
} from './notifications.repository.js';
import { InboxRepository } from './inbox.repository.js';
import { usersWithEmail } from './recipients.queries.js';

/** A failed notification put back to be sent again. */
export interface ResendResult {
  id: string;
  status: 'pending';
}

export interface UserMessage {
  /** Stable for the event (e.g. `report-returned:<reportId>:<version>`): the same event never notifies twice. */
  eventKey: string;
  userIds: string[];
  title: string;
  text: string;
  link?: string;
  cityId?: string | null;
  periodId?: string | null;
  unitId?: string | null;
}

/** The office's notification log, resends, and the entry point for workflow messages. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: NotificationsRepository,
    private readonly inboxes: InboxRepository,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  /** Notifications of the actor's city, newest first. */
  async list(
    actor: Actor,
    filter: Omit<NotificationFilter, 'cityId'>,
    page: PageQuery,
  ): Promise<Page<NotificationListRow>> {
    const { skip, take } = skipTake(page);
    const { items, total } = await this.repo.list({ ...filter, cityId: actor.cityId }, skip, take);
    return pageOf(items, total, page);
  }

  /**
   * Puts a failed email back to pending; the worker's dispatcher enqueues it again (no Redis needed
   * here). Same key, same Message-ID. Recorded in the audit trail.
   */
  async resend(actor: Actor, id: string): Promise<ResendResult> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.repo.findForOffice(m, id);
      if (!row || row.cityId !== actor.cityId) throw DomainError.notFound('通知');
      if (row.status !== 'failed')
        throw DomainError.conflict(row.status === 'sent' ? '该通知已发送成功，无需重发' : '该通知正在发送中，无需重发');
      await this.repo.markForResend(m, id);
      await this.audit(
        m,
        actor,
        id,
        { status: row.status, attempts: row.attempts, lastError: row.lastError },
        { status: 'pending' },
      );
      return { id, status: 'pending' as const };
    });
  }

  /**
   * A message from the workflow to users (a report returned, accepted …): an inbox row for each,
   * and an email to those in immediate mode with an address; daily-mode users get it in their
   * digest. Call inside the caller's transaction so the message exists only if the change commits.
   */
  async notifyUsers(m: EntityManager, message: UserMessage): Promise<{ notifications: number; inbox: number }> {
    const users = await usersWithEmail(m, message.userIds);
    const outbox = new Outbox();
    const link = message.link ?? '';
    for (const user of users) {
      const content = renderEvent({ recipientName: user.name, title: message.title, text: message.text, link });
      outbox.deliver(
        {
          kind: 'event',
          cityId: message.cityId ?? user.cityId,
          periodId: message.periodId ?? null,
          unitId: message.unitId ?? null,
          offset: message.eventKey,
          link,
        },
        user,
        content,
      );
    }
    const now = this.clock.now();
    const ids = await this.repo.insertNotifications(m, outbox.notifications, now);
    const inbox = await this.inboxes.insert(m, outbox.inbox, now);
    return { notifications: ids.length, inbox };
  }

  private async audit(m: EntityManager, actor: Actor, id: string, before: object, after: object): Promise<void> {
    await recordAudit(m, {
      at: this.clock.now(),
      actorUserId: actor.userId,
      actorName: actor.displayName,
      cityId: actor.cityId,
      entity: 'notifications',
      entityId: id,
      action: 'resend',
      before,
      after,
      reason: '办公室手动重发',
    });
  }
}

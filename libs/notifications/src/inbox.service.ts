import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, DomainError, type Page, type PageQuery, pageOf, skipTake } from '@app/common';
import { Clock } from '@app/config';
import { digestModeOf, setDigestMode } from '@app/identity';
import { InboxRepository, type InboxRow } from './inbox.repository.js';
import type { DigestMode } from './recipients.js';

export interface Preferences {
  digestMode: DigestMode;
}

/** A page of the user's messages and how many of all of them are unread. */
export type InboxPage = Page<InboxRow> & { unread: number };

export interface InboxCounts {
  total: number;
  unread: number;
  read: number;
}

export interface ReadAllResult {
  updated: number;
}

/** The user's own in-app messages (我的消息) and notification preferences. */
@Injectable()
export class InboxService {
  constructor(
    private readonly repo: InboxRepository,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(actor: Actor, unreadOnly: boolean, page: PageQuery): Promise<InboxPage> {
    const { skip, take } = skipTake(page);
    const [{ items, total }, counts] = await Promise.all([
      this.repo.list(actor.userId, unreadOnly, skip, take),
      this.repo.counts(actor.userId),
    ]);
    return { ...pageOf(items, total, page), unread: counts.unread };
  }

  counts(actor: Actor): Promise<InboxCounts> {
    return this.repo.counts(actor.userId);
  }

  async markRead(actor: Actor, id: string): Promise<InboxRow> {
    const row = await this.repo.markRead(actor.userId, id, this.clock.now());
    if (!row) throw DomainError.notFound('消息');
    return row;
  }

  async markAllRead(actor: Actor): Promise<ReadAllResult> {
    return { updated: await this.repo.markAllRead(actor.userId, this.clock.now()) };
  }

  async preferences(actor: Actor): Promise<Preferences> {
    const mode = await digestModeOf(this.dataSource.manager, actor.userId);
    if (!mode) throw DomainError.notFound('用户');
    return { digestMode: mode };
  }

  /** Kept by the identity library, which records the change in the audit trail. */
  async updatePreferences(actor: Actor, change: Preferences): Promise<Preferences> {
    return this.dataSource.transaction(async (m) => {
      const mode = await setDigestMode(m, actor.userId, change.digestMode);
      if (!mode) throw DomainError.notFound('用户');
      return { digestMode: mode };
    });
  }
}

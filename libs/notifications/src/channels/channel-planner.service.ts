import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppEnv } from '@app/config';
import { bulletinDrafts, type DueGroup, type OutstandingReport, reminderDrafts } from './channel-drafts.js';
import { ChannelsRepository } from './channels.repository.js';

/**
 * Writes the group-chat posts of a reminder run or a bulletin's publication, in the caller's
 * transaction: the posts exist only if the run commits, and each is claimed once by its key.
 */
@Injectable()
export class ChannelPlanner {
  private readonly logger = new Logger(ChannelPlanner.name);

  constructor(
    private readonly repo: ChannelsRepository,
    private readonly env: AppEnv,
  ) {}

  async planReminders(
    m: EntityManager,
    groups: readonly DueGroup[],
    outstanding: readonly OutstandingReport[],
    unitNames: ReadonlyMap<string, string>,
    now: Date,
  ): Promise<number> {
    if (groups.length === 0 || outstanding.length === 0) return 0;
    const unitIds = [...new Set(outstanding.map((o) => o.unitId))];
    const channels = await this.repo.targets(m, [...new Set(groups.map((g) => g.planId))], unitIds);
    if (channels.length === 0) return 0;
    const roles = groups.some((g) => g.kind === 'escalation') ? ['liaison', 'leader'] : ['liaison'];
    const phones = channels.some((c) => c.mentionByPhone)
      ? await this.repo.phones(m, unitIds, roles)
      : new Map<string, string[]>();
    const drafts = reminderDrafts(groups, outstanding, channels, unitNames, phones, {
      publicUrl: this.env.PUBLIC_URL,
      timeZone: this.env.APP_TIMEZONE,
    });
    const ids = await this.repo.insertPosts(m, drafts, now);
    if (ids.length > 0) this.logger.log(`${ids.length} group-chat posts created`);
    return ids.length;
  }

  async planBulletin(
    m: EntityManager,
    bulletin: { id: string; planId: string; planTitle: string; title: string; lines: string[]; path: string },
    now: Date,
  ): Promise<number> {
    const channels = await this.repo.targets(m, [bulletin.planId], []);
    const link = `${this.env.PUBLIC_URL.replace(/\/+$/, '')}${bulletin.path}`;
    const ids = await this.repo.insertPosts(m, bulletinDrafts({ ...bulletin, link }, channels), now);
    return ids.length;
  }
}

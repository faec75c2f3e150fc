import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { localDateOf } from '@app/domain';
import { ScheduleName } from '@app/queue';
import { assignmentLink } from './links.js';
import { nudgeMessages, Outbox } from './messages.js';
import { publishedPlans, staleAssignments } from './due-work.queries.js';
import { InboxRepository } from './inbox.repository.js';
import { NotificationsRepository } from './notifications.repository.js';
import { cityOffices, unitContacts } from './recipients.queries.js';
import { ScheduleRunsRepository } from './schedule-runs.repository.js';
import { nudgeRecipients, officeContactLine } from './recipients.js';
import { reminderRuleOrDefault } from './reminder-rule.js';

const DAY = 86_400_000;

/**
 * 进展更新提醒: the liaisons of an assignment that has gone `nudgeAfterDays` (plan's reminder
 * rule, default 30) without an update hear about it, again after each further stretch of that length.
 */
@Injectable()
export class NudgesService {
  private readonly logger = new Logger(NudgesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: ScheduleRunsRepository,
    private readonly repo: NotificationsRepository,
    private readonly inboxes: InboxRepository,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  async run(): Promise<{ assignments: number; notifications: number; inbox: number }> {
    const now = this.clock.now();
    const tz = this.env.APP_TIMEZONE;
    return this.dataSource.transaction(async (m) => {
      await this.runs.lock(m, ScheduleName.Nudges, now);
      const plans = await publishedPlans(m);
      const rules = plans.map((p) => ({
        planId: p.planId,
        days: reminderRuleOrDefault(p.reminderRule).rule.nudgeAfterDays,
      }));
      const stale = await staleAssignments(m, rules, now, localDateOf(now, tz));
      const contacts = await unitContacts(
        m,
        [...new Set(stale.map((s) => s.unitId))],
        ['liaison'],
        stale.map((s) => s.assignmentId),
      );
      const offices = await cityOffices(m, [...new Set(stale.map((s) => s.cityId))]);
      const outbox = new Outbox();
      for (const s of stale) {
        const lastUpdate = s.lastUpdate ? new Date(s.lastUpdate) : null;
        const days = lastUpdate ? Math.floor((now.getTime() - lastUpdate.getTime()) / DAY) : s.nudgeAfterDays;
        const round = Math.max(1, Math.floor(days / s.nudgeAfterDays));
        const named = contacts.filter((c) => c.assignmentId === s.assignmentId);
        const ofUnit = contacts.filter((c) => c.assignmentId === null && c.unitId === s.unitId);
        nudgeMessages(outbox, { ...s, lastUpdate, days, round }, nudgeRecipients(named, ofUnit), {
          publicUrl: this.env.PUBLIC_URL,
          timeZone: tz,
          link: assignmentLink(this.env.PUBLIC_URL, s.assignmentId),
          officeContact: officeContactLine(offices.get(s.cityId)),
        });
      }
      const ids = await this.repo.insertNotifications(m, outbox.notifications, now);
      const inbox = await this.inboxes.insert(m, outbox.inbox, now);
      await this.runs.set(m, ScheduleName.Nudges, now);
      if (ids.length + inbox > 0)
        this.logger.log(`nudges: ${stale.length} stale assignments, ${ids.length} emails, ${inbox} inbox messages`);
      return { assignments: stale.length, notifications: ids.length, inbox };
    });
  }
}

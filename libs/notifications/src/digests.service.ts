import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { addDays, compareDates, dayOfWeek, localDateOf, localTime, type LocalDate, zonedInstant } from '@app/domain';
import { renderDailyDigest, renderWeeklyDigest, type WeeklyPeriodLine } from '@app/mail';
import { ScheduleName } from '@app/queue';
import { expectedReports } from '@app/reporting';
import { userRecipient } from './keys.js';
import { inboxLink, officeOverviewLink } from './links.js';
import { Outbox } from './messages.js';
import {
  citiesWithPublishedPlans,
  periodsWithDeadlineBetween,
  publishedPlans,
  staleAssignments,
} from './due-work.queries.js';
import { InboxRepository } from './inbox.repository.js';
import { NotificationsRepository } from './notifications.repository.js';
import { officeUsers, unitNames, usersWithEmail } from './recipients.queries.js';
import { ScheduleRunsRepository } from './schedule-runs.repository.js';
import { DIGEST_EXEMPT_KINDS } from './recipients.js';
import { reminderRuleOrDefault } from './reminder-rule.js';
import { periodProgress } from './summaries.js';

const DAY = 86_400_000;
/** A daily digest job that was down longer than this does not send a week of old digests. */
const MAX_DIGEST_CATCH_UP_DAYS = 7;

/** Daily digests for users who chose them, and the office's weekly summary. */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: ScheduleRunsRepository,
    private readonly repo: NotificationsRepository,
    private readonly inboxes: InboxRepository,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  /**
   * One email per user in daily mode and per past local day not yet digested, listing that day's
   * inbox messages other than deadline reminders and escalations (which they already had by email).
   */
  async daily(): Promise<{ days: string[]; notifications: number }> {
    const now = this.clock.now();
    const tz = this.env.APP_TIMEZONE;
    return this.dataSource.transaction(async (m) => {
      const last = await this.runs.lock(m, ScheduleName.DailyDigest, now);
      const today = localDateOf(now, tz);
      let day: LocalDate = last ? localDateOf(last, tz) : addDays(today, -1);
      if (compareDates(day, addDays(today, -MAX_DIGEST_CATCH_UP_DAYS)) < 0)
        day = addDays(today, -MAX_DIGEST_CATCH_UP_DAYS);
      const outbox = new Outbox();
      const days: string[] = [];
      for (; compareDates(day, today) < 0; day = addDays(day, 1)) {
        days.push(day);
        const start = zonedInstant(day, localTime('00:00'), tz);
        const end = zonedInstant(addDays(day, 1), localTime('00:00'), tz);
        const items = await this.inboxes.dailyDigestItems(m, start, end, DIGEST_EXEMPT_KINDS);
        const byUser = new Map<string, typeof items>();
        for (const item of items) byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]);
        const users = await usersWithEmail(m, [...byUser.keys()]);
        for (const user of users) {
          const messages = byUser
            .get(user.userId!)!
            .map((i) => ({ title: i.title, body: i.body, link: i.link, at: new Date(i.createdAt) }));
          const content = renderDailyDigest({
            recipientName: user.name,
            date: day,
            timeZone: tz,
            messages,
            inboxLink: inboxLink(this.env.PUBLIC_URL),
          });
          outbox.email(
            {
              kind: 'digest',
              cityId: user.cityId,
              periodId: null,
              unitId: null,
              offset: day,
              link: inboxLink(this.env.PUBLIC_URL),
            },
            user,
            content,
            userRecipient(user.userId!),
          );
        }
      }
      const ids = await this.repo.insertNotifications(m, outbox.notifications, now);
      await this.runs.set(m, ScheduleName.DailyDigest, now);
      if (ids.length > 0) this.logger.log(`daily digests for ${days.join(', ')}: ${ids.length} emails`);
      return { days, notifications: ids.length };
    });
  }

  /**
   * The office's weekly summary, per city: each reporting month whose deadline is within a week
   * behind or a month ahead, with counts and the units already overdue, and how many assignments
   * have gone without an update. Office users in daily mode get it in their next daily digest.
   */
  async weekly(): Promise<{ weekOf: string; notifications: number; inbox: number }> {
    const now = this.clock.now();
    const tz = this.env.APP_TIMEZONE;
    const today = localDateOf(now, tz);
    const weekOf = addDays(today, 1 - dayOfWeek(today));
    return this.dataSource.transaction(async (m) => {
      await this.runs.lock(m, ScheduleName.WeeklyDigest, now);
      const cities = await citiesWithPublishedPlans(m);
      const office = await officeUsers(
        m,
        cities.map((c) => c.cityId),
      );
      const periods = await periodsWithDeadlineBetween(
        m,
        new Date(now.getTime() - 7 * DAY),
        new Date(now.getTime() + 31 * DAY),
      );
      const expected =
        periods.length > 0
          ? await expectedReports(m, { periodIds: periods.map((p) => p.periodId), openedOn: today }, now)
          : [];
      const names = await unitNames(m, [...new Set(expected.map((r) => r.unitId))]);
      const plans = await publishedPlans(m);
      const stale = await staleAssignments(
        m,
        plans.map((p) => ({ planId: p.planId, days: reminderRuleOrDefault(p.reminderRule).rule.nudgeAfterDays })),
        now,
        today,
      );
      const outbox = new Outbox();
      for (const city of cities) {
        const lines: WeeklyPeriodLine[] = periods
          .filter((p) => p.cityId === city.cityId)
          .map((p) => ({ p, rows: expected.filter((r) => r.periodId === p.periodId) }))
          .filter(({ rows }) => rows.length > 0)
          .map(({ p, rows }) => ({
            planTitle: p.planTitle,
            year: p.year,
            month: p.month,
            deadline: new Date(p.deadline),
            ...periodProgress(rows, new Date(p.deadline), now, names),
          }));
        const staleCount = stale.filter((s) => s.cityId === city.cityId).length;
        const link = officeOverviewLink(this.env.PUBLIC_URL);
        for (const user of office.filter((u) => u.cityId === city.cityId)) {
          const content = renderWeeklyDigest({
            recipientName: user.name,
            cityName: city.cityName,
            weekOf,
            timeZone: tz,
            periods: lines,
            staleAssignments: staleCount,
            link,
          });
          outbox.deliver(
            { kind: 'weekly_digest', cityId: city.cityId, periodId: null, unitId: null, offset: weekOf, link },
            user,
            content,
          );
        }
      }
      const ids = await this.repo.insertNotifications(m, outbox.notifications, now);
      const inbox = await this.inboxes.insert(m, outbox.inbox, now);
      await this.runs.set(m, ScheduleName.WeeklyDigest, now);
      return { weekOf, notifications: ids.length, inbox };
    });
  }
}

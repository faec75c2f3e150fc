import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { dueReminders, localDateOf, reminderSchedule, type ReminderKind } from '@app/domain';
import { ScheduleName } from '@app/queue';
import { unitsCountingFor } from '@app/organisation';
import { expectedReports } from '@app/reporting';
import { officeDigestMessages, overdueInboxMessages, Outbox, type PeriodContext, unitMessages } from './messages.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification-options.js';
import { findPeriod, type PeriodRow, periodsWithDeadlineBetween } from './due-work.queries.js';
import { InboxRepository } from './inbox.repository.js';
import { NotificationsRepository } from './notifications.repository.js';
import { cityOffices, officeUsers, unitContacts, unitNames } from './recipients.queries.js';
import { ScheduleRunsRepository } from './schedule-runs.repository.js';
import { officeContactLine, unitBatches } from './recipients.js';
import { MAX_BEFORE_DAYS, MAX_ESCALATE_AFTER_HOURS, reminderRuleOrDefault } from './reminder-rule.js';
import { overdueSummary } from './summaries.js';
import { ChannelPlanner } from './channels/channel-planner.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DueEntry {
  period: PeriodRow;
  kind: ReminderKind;
  offset: string;
}

export interface FanOutResult {
  /** Emails created (a recipient already told for the same entry is not told again). */
  notifications: number;
  /** In-app messages created. */
  inbox: number;
  /** Units with something outstanding but no contact to tell (no email, no linked account). */
  unreachableUnits: string[];
}

/** A manual chase of one period; `offset` (`manual-<date>`) keys it, so a unit is chased once a day. */
export type ChaseResult = FanOutResult & { periodId: string; offset: string };

export interface TickResult extends FanOutResult {
  from: Date;
  to: Date;
  due: { periodId: string; kind: ReminderKind; offset: string }[];
}

/**
 * Deadline reminders (提醒) to liaisons, escalations (催报) to leaders and the office's overdue
 * digest. The tick finds the schedule entries due since the previous tick and writes every message
 * as a row in PostgreSQL, in one transaction with the schedule's bookkeeping. It sends nothing:
 * MailSenderService (mail-sender.service.ts) sends each row, run by the worker's mail processor.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger(ReminderPlanner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: ScheduleRunsRepository,
    private readonly repo: NotificationsRepository,
    private readonly inboxes: InboxRepository,
    private readonly clock: Clock,
    private readonly env: AppEnv,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    private readonly channels: ChannelPlanner,
  ) {}

  async tick(): Promise<TickResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const last = await this.runs.lock(m, ScheduleName.RemindersTick, now);
      const floor = new Date(now.getTime() - this.options.catchUpHours * HOUR);
      const from = last && last > floor ? last : floor;
      const periods = await periodsWithDeadlineBetween(
        m,
        new Date(from.getTime() - MAX_ESCALATE_AFTER_HOURS * HOUR - 2 * DAY),
        new Date(now.getTime() + (MAX_BEFORE_DAYS + 2) * DAY),
      );
      const due = this.dueEntries(periods, from, now);
      const result =
        due.length > 0 ? await this.fanOut(m, due, now) : { notifications: 0, inbox: 0, unreachableUnits: [] };
      await this.runs.set(m, ScheduleName.RemindersTick, now);
      if (due.length > 0)
        this.logger.log(
          `reminder tick: ${due.length} schedule entries due, ${result.notifications} emails and ${result.inbox} inbox messages created`,
        );
      return {
        from,
        to: now,
        due: due.map((d) => ({ periodId: d.period.periodId, kind: d.kind, offset: d.offset })),
        ...result,
      };
    });
  }

  /** The schedule entries of these periods with from < at ≤ now, each plan with its own rule. */
  dueEntries(periods: readonly PeriodRow[], from: Date, now: Date): DueEntry[] {
    const due: DueEntry[] = [];
    for (const period of periods) {
      const { rule, errors } = reminderRuleOrDefault(period.reminderRule);
      if (errors.length > 0)
        this.logger.warn(
          `plan ${period.planId}: invalid reminder rule, using defaults: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
        );
      const schedule = reminderSchedule(new Date(period.deadline), rule, this.env.APP_TIMEZONE);
      const deadline = new Date(period.deadline).getTime();
      for (const entry of dueReminders(schedule, from, now)) {
        // A worker catching up after downtime must not announce a deadline that has already passed.
        if (entry.kind === 'reminder' && now.getTime() > deadline) continue;
        due.push({ period, kind: entry.kind, offset: entry.offset });
      }
    }
    return due;
  }

  /**
   * The office's manual chase (催报) of one period: a reminder now to every unit (or the given
   * units) with something outstanding. At most one per unit, recipient and day.
   */
  async chase(actor: Actor, periodId: string, unitIds?: string[]): Promise<ChaseResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const period = await findPeriod(m, periodId);
      if (!period || period.cityId !== actor.cityId) throw DomainError.notFound('报送期');
      const offset = `manual-${localDateOf(now, this.env.APP_TIMEZONE)}`;
      // A county's matrix row holds its sub-units' reports (the roll-up rule): chasing it chases them too.
      const units = unitIds && (await unitsCountingFor(m, unitIds, period.year));
      const result = await this.fanOut(m, [{ period, kind: 'reminder', offset }], now, units);
      return { periodId, offset, ...result };
    });
  }

  /**
   * Writes the messages of these entries: one statement for what is outstanding, one for the
   * contacts, then batched inserts. Keys already claimed (an earlier tick, another worker) are skipped.
   */
  private async fanOut(
    m: EntityManager,
    due: readonly DueEntry[],
    now: Date,
    onlyUnits?: string[],
  ): Promise<FanOutResult> {
    const periodIds = [...new Set(due.map((d) => d.period.periodId))];
    const expected = await expectedReports(m, { periodIds, unitIds: onlyUnits }, now);
    const outstanding = expected.filter((r) => r.outstanding);
    const unitIds = [...new Set(expected.map((r) => r.unitId))];
    const assignmentIds = [
      ...new Set(outstanding.filter((r) => r.subjectType === 'assignment').map((r) => r.subjectId)),
    ];
    // Escalations go to leaders by email and to the unit's liaisons' inboxes.
    const roles = [...new Set(due.flatMap((d) => (d.kind === 'reminder' ? ['liaison'] : ['leader', 'liaison'])))];
    // One connection in a transaction: these run one after the other.
    const contacts = await unitContacts(m, [...new Set(outstanding.map((r) => r.unitId))], roles, assignmentIds);
    const names = await unitNames(m, unitIds);
    const office = await officeUsers(m, [
      ...new Set(due.filter((d) => d.kind === 'escalation').map((d) => d.period.cityId)),
    ]);
    const offices = await cityOffices(m, [...new Set(due.map((d) => d.period.cityId))]);
    const settings = { publicUrl: this.env.PUBLIC_URL, timeZone: this.env.APP_TIMEZONE };
    const outbox = new Outbox();
    const unreachable = new Set<string>();
    for (const d of due) {
      const ctx: PeriodContext = { ...d.period, deadline: new Date(d.period.deadline) };
      const role = d.kind === 'reminder' ? 'liaison' : 'leader';
      const batches = unitBatches(
        outstanding.filter((r) => r.periodId === d.period.periodId),
        contacts.filter((c) => c.role === role),
      );
      for (const b of batches) if (b.recipients.length === 0) unreachable.add(names.get(b.unitId) ?? b.unitId);
      const officeContact = officeContactLine(offices.get(ctx.cityId));
      unitMessages(outbox, ctx, { kind: d.kind, offset: d.offset }, batches, names, { ...settings, officeContact });
      if (d.kind === 'escalation') {
        const liaisons = unitBatches(
          outstanding.filter((r) => r.periodId === d.period.periodId),
          contacts.filter((c) => c.role === 'liaison'),
        );
        overdueInboxMessages(outbox, ctx, d.offset, liaisons, names, settings);
        const summary = overdueSummary(
          expected.filter((r) => r.periodId === d.period.periodId),
          names,
        );
        officeDigestMessages(
          outbox,
          ctx,
          d.offset,
          summary,
          office.filter((u) => u.cityId === d.period.cityId),
          settings,
        );
      }
    }
    if (unreachable.size > 0) this.logger.warn(`no contact to remind for: ${[...unreachable].join('、')}`);
    const ids = await this.repo.insertNotifications(m, outbox.notifications, now);
    const inbox = await this.inboxes.insert(m, outbox.inbox, now);
    // The same run, aggregated per group-chat channel: one post listing the units, not one per unit.
    await this.channels.planReminders(
      m,
      due.map((d) => ({ ...d.period, deadline: new Date(d.period.deadline), kind: d.kind, offset: d.offset })),
      outstanding,
      names,
      now,
    );
    return { notifications: ids.length, inbox, unreachableUnits: [...unreachable] };
  }
}

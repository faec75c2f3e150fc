import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@app/mail';
import { QueueModule } from '@app/queue';
import { DigestsService } from './digests.service.js';
import { DispatchService } from './dispatch.service.js';
import { InboxMessage, Notification, ScheduleRun } from './entities/notification.entity.js';
import { InboxService } from './inbox.service.js';
import { MailSenderService } from './mail-sender.service.js';
import { NOTIFICATION_OPTIONS, readNotificationOptions } from './notification-options.js';
import { InboxRepository } from './inbox.repository.js';
import { NotificationsRepository } from './notifications.repository.js';
import { ScheduleRunsRepository } from './schedule-runs.repository.js';
import { NotificationsService } from './notifications.service.js';
import { NudgesService } from './nudges.service.js';
import { ReminderPlanner } from './reminder-planner.service.js';
import { ScheduleRunner } from './schedule-runner.service.js';
import { ReminderRuleService } from './reminder-rule.service.js';
import { YearEndNoticesService } from './year-end-notices.service.js';
import { PlansModule } from '@app/plans';

const options = { provide: NOTIFICATION_OPTIONS, useFactory: () => readNotificationOptions() };

/**
 * Notifications for the API and the worker: deciding who gets what and writing it to PostgreSQL
 * (no Redis needed), the office's log, the inbox and preferences.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, InboxMessage, ScheduleRun]), QueueModule, PlansModule],
  providers: [
    options,
    ScheduleRunsRepository,
    NotificationsRepository,
    InboxRepository,
    ReminderPlanner,
    DigestsService,
    NudgesService,
    NotificationsService,
    InboxService,
    ScheduleRunner,
    ReminderRuleService,
  ],
  exports: [
    options,
    ScheduleRunsRepository,
    NotificationsRepository,
    InboxRepository,
    ReminderPlanner,
    DigestsService,
    NudgesService,
    NotificationsService,
    InboxService,
    ScheduleRunner,
    ReminderRuleService,
  ],
})
export class NotificationsModule {}

/**
 * What a workflow needs to write its notices inside its own transactions: PostgreSQL only, no queue or Redis (the
 * worker's dispatcher sends them), so the demo loader and the API alike can import it.
 */
@Module({
  providers: [NotificationsRepository, InboxRepository, YearEndNoticesService],
  exports: [YearEndNoticesService],
})
export class YearEndNoticesModule {}

/** What only the worker runs: moving rows onto the mail queue and sending them over SMTP. */
@Module({
  imports: [NotificationsModule, QueueModule, MailModule],
  providers: [DispatchService, MailSenderService],
  exports: [NotificationsModule, DispatchService, MailSenderService],
})
export class NotificationsWorkerModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEnv } from '@app/config';
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
import { CHANNEL_OPTIONS, readChannelOptions } from './channels/channel-options.js';
import { ChannelPlannerModule } from './channels/channel-planner.module.js';
import { ChannelsService } from './channels/channels.service.js';
import { ChannelLimiter } from './channels/channel-limiter.js';
import { ChannelSenderService } from './channels/channel-sender.service.js';
import { ChannelDispatchService } from './channels/channel-dispatch.service.js';

const options = { provide: NOTIFICATION_OPTIONS, useFactory: () => readNotificationOptions() };
// Read at start: a production process without CHANNEL_SECRET_KEY (or with the redirect) refuses to start.
const channelOptions = {
  provide: CHANNEL_OPTIONS,
  inject: [AppEnv],
  useFactory: (env: AppEnv) =>
    readChannelOptions({
      ...process.env,
      NODE_ENV: env.NODE_ENV,
      CHANNEL_SECRET_KEY: env.CHANNEL_SECRET_KEY,
      CHANNEL_WEBHOOK_REDIRECT: env.CHANNEL_WEBHOOK_REDIRECT,
    }),
};

/**
 * Notifications for the API and the worker: deciding who gets what and writing it to PostgreSQL
 * (no Redis needed), the office's log, the inbox and preferences.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Notification, InboxMessage, ScheduleRun]),
    ChannelPlannerModule,
    QueueModule,
    PlansModule,
  ],
  providers: [
    options,
    channelOptions,
    ChannelsService,
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
    channelOptions,
    ChannelPlannerModule,
    ChannelsService,
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
  providers: [DispatchService, MailSenderService, ChannelLimiter, ChannelSenderService, ChannelDispatchService],
  exports: [NotificationsModule, DispatchService, MailSenderService, ChannelSenderService, ChannelDispatchService],
})
export class NotificationsWorkerModule {}

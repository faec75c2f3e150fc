import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { InboxController, PreferencesController } from './inbox.controller.js';
import { NotificationsController } from './notifications.controller.js';
import { SchedulesController } from './schedules.controller.js';
import { ReminderRuleController } from './reminder-rule.controller.js';

/** The office's notification log and chase, every user's inbox and preferences, the admin's "run now". */
@Module({
  imports: [NotificationsModule],
  controllers: [
    NotificationsController,
    InboxController,
    PreferencesController,
    SchedulesController,
    ReminderRuleController,
  ],
})
export class NotificationsApiModule {}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { ChannelsController } from './channels.controller.js';

/** The office's group-chat robots and the log of what was posted to them. */
@Module({ imports: [NotificationsModule], controllers: [ChannelsController] })
export class ChannelsApiModule {}

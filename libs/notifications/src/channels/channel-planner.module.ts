import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelPost, NotificationChannel } from './channel.entity.js';
import { ChannelPlanner } from './channel-planner.service.js';
import { ChannelsRepository } from './channels.repository.js';

/**
 * Writing group-chat posts, without queues or Redis: what a publisher of news (the bulletin, in
 * processes such as the demo loader that run no queues) needs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationChannel, ChannelPost])],
  providers: [ChannelsRepository, ChannelPlanner],
  exports: [ChannelsRepository, ChannelPlanner],
})
export class ChannelPlannerModule {}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { FundRemindersService } from '@app/funds';
import {
  ChannelDispatchService,
  DigestsService,
  DispatchService,
  NudgesService,
  readNotificationOptions,
  ReminderPlanner,
} from '@app/notifications';
import { QueueName, RemindersJob } from '@app/queue';

const options = readNotificationOptions();

/**
 * Reminder ticks, digests and nudges: each writes its messages to PostgreSQL in one transaction
 * (safe to run twice: every message's key is claimed once) and then hands them to the dispatcher
 * at once rather than waiting for its next run.
 */
@Processor(QueueName.Reminders, {
  concurrency: 1,
  lockDuration: options.lockDurationMs,
  stalledInterval: options.stalledIntervalMs,
})
export class RemindersProcessor extends WorkerHost {
  constructor(
    private readonly reminders: ReminderPlanner,
    private readonly digests: DigestsService,
    private readonly nudges: NudgesService,
    private readonly funds: FundRemindersService,
    private readonly dispatcher: DispatchService,
    private readonly channels: ChannelDispatchService,
  ) {
    super();
  }

  async process(job: Job): Promise<object> {
    const result = await this.run(job.name);
    const dispatched = await this.dispatcher.dispatch();
    const posted = await this.channels.dispatch();
    return { ...result, ...dispatched, channelPosts: posted.posts };
  }

  private run(name: string): Promise<object> {
    switch (name) {
      case RemindersJob.Tick:
        return this.reminders.tick();
      case RemindersJob.DailyDigest:
        return this.digests.daily();
      case RemindersJob.WeeklyDigest:
        return this.digests.weekly();
      case RemindersJob.Nudges:
        return this.nudges.run();
      case RemindersJob.FundLag:
        return this.funds.run();
      default:
        throw new UnrecoverableError(`unknown job ${name}`);
    }
  }
}

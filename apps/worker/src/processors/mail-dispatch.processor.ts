import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { ChannelDispatchService, DispatchService, readNotificationOptions } from '@app/notifications';
import { MailDispatchJob, QueueName } from '@app/queue';

const options = readNotificationOptions();

/** Every few seconds: pending notifications and group-chat posts written by the API or a tick go onto their queues. */
@Processor(QueueName.MailDispatch, {
  concurrency: 1,
  lockDuration: options.lockDurationMs,
  stalledInterval: options.stalledIntervalMs,
})
export class MailDispatchProcessor extends WorkerHost {
  constructor(
    private readonly dispatcher: DispatchService,
    private readonly channels: ChannelDispatchService,
  ) {
    super();
  }

  async process(job: Job): Promise<{ enqueued: number; posts: number; unknown: number }> {
    if (job.name !== MailDispatchJob.Dispatch) throw new UnrecoverableError(`unknown job ${job.name}`);
    const mail = await this.dispatcher.dispatch();
    return { ...mail, ...(await this.channels.dispatch()) };
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { DispatchService, readNotificationOptions } from '@app/notifications';
import { MailDispatchJob, QueueName } from '@app/queue';

const options = readNotificationOptions();

/** Every few seconds: pending notifications written by the API or a tick go onto the mail queue. */
@Processor(QueueName.MailDispatch, {
  concurrency: 1,
  lockDuration: options.lockDurationMs,
  stalledInterval: options.stalledIntervalMs,
})
export class MailDispatchProcessor extends WorkerHost {
  constructor(private readonly dispatcher: DispatchService) {
    super();
  }

  async process(job: Job): Promise<{ enqueued: number }> {
    if (job.name !== MailDispatchJob.Dispatch) throw new UnrecoverableError(`unknown job ${job.name}`);
    return this.dispatcher.dispatch();
  }
}

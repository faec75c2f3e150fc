import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import {
  ChannelRateLimited,
  ChannelSenderService,
  type PostOutcome,
  readChannelOptions,
  readNotificationOptions,
} from '@app/notifications';
import { ChannelPostJob, type ChannelPostPayloads, QueueName } from '@app/queue';
import { isUUID } from 'class-validator';

const options = readNotificationOptions();
const channel = readChannelOptions();

/**
 * One group-chat post per job. A post the shared limiter has no slot for waits as a delayed job
 * (not counted as an attempt); one the service refused for its rate is retried with backoff.
 */
@Processor(QueueName.ChannelPosts, {
  concurrency: channel.concurrency,
  lockDuration: options.lockDurationMs,
  stalledInterval: options.stalledIntervalMs,
  maxStalledCount: 2,
})
export class ChannelPostsProcessor extends WorkerHost {
  private readonly logger = new Logger(ChannelPostsProcessor.name);

  constructor(private readonly sender: ChannelSenderService) {
    super();
  }

  async process(
    job: Job<ChannelPostPayloads[typeof ChannelPostJob.Send]>,
    token?: string,
  ): Promise<{ outcome: PostOutcome }> {
    const id = job.data?.postId;
    if (job.name !== ChannelPostJob.Send || typeof id !== 'string' || !isUUID(id, 'loose'))
      throw new UnrecoverableError(`bad channel post job ${job.name} ${JSON.stringify(job.data)}`);
    try {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return { outcome: await this.sender.send(id, { final }) };
    } catch (error) {
      if (error instanceof ChannelRateLimited && token) {
        await job.moveToDelayed(Date.now() + error.retryInMs, token);
        throw new DelayedError();
      }
      throw error;
    }
  }

  /** Every failed attempt with its reason (never the webhook URL: the errors name the host and last characters only). */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`channel post job ${job?.id ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`);
  }
}

import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { MailDeliveryError } from '@app/mail';
import { MailSenderService, readNotificationOptions, type SendOutcome } from '@app/notifications';
import { MailJob, type MailPayloads, QueueName } from '@app/queue';
import { isUUID } from 'class-validator';

const options = readNotificationOptions();

/**
 * One email per job. Concurrency is MAIL_CONCURRENCY (by default the SMTP pool size), which also
 * bounds how many messages can be in flight when a worker is killed.
 */
@Processor(QueueName.Mail, {
  concurrency: options.mailConcurrency,
  lockDuration: options.lockDurationMs,
  stalledInterval: options.stalledIntervalMs,
  maxStalledCount: 5,
})
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly sender: MailSenderService) {
    super();
  }

  async process(job: Job<MailPayloads[typeof MailJob.Send]>): Promise<{ outcome: SendOutcome }> {
    const id = job.data?.notificationId;
    if (job.name !== MailJob.Send || typeof id !== 'string' || !isUUID(id, 'loose'))
      throw new UnrecoverableError(`bad mail job ${job.name} ${JSON.stringify(job.data)}`);
    try {
      return { outcome: await this.sender.send(id, { made: job.attemptsMade, max: job.opts.attempts ?? 1 }) };
    } catch (error) {
      if (error instanceof MailDeliveryError && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** Every failed attempt, with the server's answer; the row's `last_error` keeps the latest. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`mail job ${job?.id ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`);
  }
}

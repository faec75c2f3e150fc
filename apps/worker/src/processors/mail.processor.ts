import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { MailDeliveryError } from '@app/mail';
import { MailSenderService, readNotificationOptions, type SendOutcome } from '@app/notifications';
import { MailJob, type MailPayloads, QueueName } from '@app/queue';
import { isUUID } from 'class-validator';

const options = readNotificationOptions();

/** The rows a send job names: a batch, or one row (a job queued before batches); null when it names none properly. */
function notificationIds(data: unknown): string[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const { notificationIds: ids, notificationId: id } = data as { notificationIds?: unknown; notificationId?: unknown };
  const list = Array.isArray(ids) ? ids : typeof id === 'string' ? [id] : null;
  if (!list || list.length === 0 || list.length > 1000) return null;
  return list.every((x): x is string => typeof x === 'string' && isUUID(x, 'loose')) ? list : null;
}

/**
 * One batch of emails (MAIL_BATCH) per job. Concurrency is MAIL_CONCURRENCY jobs: together with the batch size it
 * bounds how many messages can be accepted but not yet marked sent when a worker is killed.
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
    const ids = notificationIds(job.data);
    if (job.name !== MailJob.Send || ids === null)
      throw new UnrecoverableError(`bad mail job ${job.name} ${JSON.stringify(job.data)?.slice(0, 500)}`);
    try {
      return { outcome: await this.sender.send(ids, { made: job.attemptsMade, max: job.opts.attempts ?? 1 }) };
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

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { MailJob, type MailPayloads, QueueName } from '@app/queue';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification-options.js';
import { NotificationsRepository } from './notifications.repository.js';

/** Rounds per dispatch job, so one job never runs for long. */
const MAX_ROUNDS = 50;

/**
 * Moves pending rows that are not on the queue yet onto the mail queue, one job per row with the
 * notification id as job id (a second enqueue of a waiting, delayed or active job is dropped), and
 * stamps `enqueued_at` in the same transaction. A crash in between leaves the stamp unset and the
 * next run enqueues again, harmlessly.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: NotificationsRepository,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Mail) private readonly mail: Queue<MailPayloads[typeof MailJob.Send]>,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
  ) {}

  /** Job options of every send job: retries with exponential backoff, failures kept. */
  get sendJobOptions(): JobsOptions {
    return {
      attempts: this.options.mailAttempts,
      backoff: { type: 'exponential', delay: this.options.mailBackoffMs },
      removeOnComplete: { age: 7 * 86_400, count: 20_000 },
      removeOnFail: false,
    };
  }

  async dispatch(): Promise<{ enqueued: number }> {
    let enqueued = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const batch = await this.dataSource.transaction(async (m) => {
        const rows = await this.repo.lockUndispatched(m, this.options.dispatchBatch);
        if (rows.length === 0) return 0;
        const fresh = rows.filter((r) => r.attempts === 0);
        if (fresh.length > 0) {
          await this.mail.addBulk(
            fresh.map((r) => ({
              name: MailJob.Send,
              data: { notificationId: r.id },
              opts: { ...this.sendJobOptions, jobId: r.id },
            })),
          );
        }
        for (const r of rows.filter((r) => r.attempts > 0)) await this.requeue(r.id);
        await this.repo.markEnqueued(
          m,
          rows.map((r) => r.id),
          this.clock.now(),
        );
        return rows.length;
      });
      enqueued += batch;
      if (batch < this.options.dispatchBatch) break;
    }
    if (enqueued > 0) this.logger.log(`dispatched ${enqueued} emails`);
    return { enqueued };
  }

  /** Forget everything Redis may hold about pending rows; the next dispatch puts back what is missing. */
  async reconcile(): Promise<number> {
    return this.repo.requeuePending();
  }

  /**
   * A row tried before (a resend, or a row whose job Redis lost): a finished job under its id is
   * removed so that the id can be used again; a job still waiting, delayed or running is left alone.
   */
  private async requeue(id: string): Promise<void> {
    const existing = await this.mail.getJob(id);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove();
    }
    await this.mail.add(MailJob.Send, { notificationId: id }, { ...this.sendJobOptions, jobId: id });
  }
}

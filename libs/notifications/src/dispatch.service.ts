import { createHash } from 'node:crypto';
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
 * The job id of a batch: the row's own id for one row (what a resend looks up), else a digest of the ids, so the same
 * batch enqueued twice is one job. Two different batches sharing a row are harmless: the row is sent under its lock,
 * once, and the other batch finds it done.
 */
export function sendJobId(ids: readonly string[]): string {
  if (ids.length === 1) return ids[0]!;
  return `batch-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 40)}`;
}

/**
 * Moves pending rows that are not on the queue yet onto the mail queue, MAIL_BATCH rows per job (a second enqueue of
 * a waiting, delayed or active job is dropped, see sendJobId), and stamps `enqueued_at` in the same transaction. A
 * crash in between leaves the stamp unset and the next run enqueues again, harmlessly.
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
        const fresh = rows.filter((r) => r.attempts === 0).map((r) => r.id);
        const batches = chunk(fresh, this.options.mailBatch);
        if (batches.length > 0) {
          await this.mail.addBulk(
            batches.map((ids) => ({
              name: MailJob.Send,
              data: { notificationIds: ids },
              opts: { ...this.sendJobOptions, jobId: sendJobId(ids) },
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
    await this.mail.add(MailJob.Send, { notificationIds: [id] }, { ...this.sendJobOptions, jobId: sendJobId([id]) });
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { ChannelPostJob, type ChannelPostPayloads, QueueName } from '@app/queue';
import { CHANNEL_OPTIONS, type ChannelOptions } from './channel-options.js';
import { ChannelsRepository } from './channels.repository.js';

const BATCH = 500;

/**
 * Moves pending posts onto the channel queue (job id = post id, so a second enqueue is dropped),
 * and turns posts whose worker vanished mid-request into "unknown".
 */
@Injectable()
export class ChannelDispatchService {
  private readonly logger = new Logger(ChannelDispatchService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ChannelsRepository,
    private readonly clock: Clock,
    @InjectQueue(QueueName.ChannelPosts) private readonly queue: Queue<ChannelPostPayloads[typeof ChannelPostJob.Send]>,
    @Inject(CHANNEL_OPTIONS) private readonly options: ChannelOptions,
  ) {}

  get jobOptions(): JobsOptions {
    return {
      attempts: this.options.attempts,
      backoff: { type: 'exponential', delay: this.options.backoffMs },
      removeOnComplete: { age: 7 * 86_400, count: 5_000 },
      removeOnFail: { age: 30 * 86_400 },
    };
  }

  async dispatch(): Promise<{ posts: number; unknown: number }> {
    const now = this.clock.now();
    const unknown = await this.repo.markStaleUnknown(
      new Date(now.getTime() - this.options.leaseMs),
      '发送过程中后台服务中断，无法确认群里是否已收到；请核对后手动重发',
    );
    if (unknown > 0) this.logger.warn(`${unknown} channel posts left in flight by a stopped worker: marked unknown`);
    const posts = await this.dataSource.transaction(async (m) => {
      const rows = await this.repo.lockUndispatched(m, BATCH);
      if (rows.length === 0) return 0;
      const fresh = rows.filter((r) => r.attempts === 0);
      if (fresh.length > 0)
        await this.queue.addBulk(
          fresh.map((r) => ({
            name: ChannelPostJob.Send,
            data: { postId: r.id },
            opts: { ...this.jobOptions, jobId: r.id },
          })),
        );
      for (const r of rows.filter((r) => r.attempts > 0)) await this.requeue(r.id);
      await this.repo.markEnqueued(
        m,
        rows.map((r) => r.id),
        now,
      );
      return rows.length;
    });
    return { posts, unknown };
  }

  async reconcile(): Promise<number> {
    return this.repo.requeuePending();
  }

  /** A resent post: its finished job is removed so the id can be used again; a live one is left alone. */
  private async requeue(id: string): Promise<void> {
    const existing = await this.queue.getJob(id);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove();
    }
    await this.queue.add(ChannelPostJob.Send, { postId: id }, { ...this.jobOptions, jobId: id });
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DomainError, type PlatformPrincipal } from '@app/common';
import { isScheduleName, QueueName, REDIS, scheduleCatalogue, type ScheduleDefinition } from '@app/queue';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification-options.js';

/** A schedule of the deployment under its name. */
export type ScheduleView = ScheduleDefinition & { name: string };

/** The job a schedule run queued. */
export interface QueuedScheduleRun {
  name: string;
  queue: string;
  job: string;
  jobId: string;
}

/** Redis did not answer: the caller maps it to 503. */
export class QueueUnavailableError extends Error {
  constructor() {
    super('任务队列（Redis）暂不可用，请稍后再试；已创建的通知不受影响，恢复后会自动发送');
    this.name = 'QueueUnavailableError';
  }
}

const REDIS_TIMEOUT_MS = 2_000;

/**
 * "Run now" for a recurring schedule: the same job its scheduler would add, enqueued at once. A
 * run covers every city, so only the platform may ask for one (hence the principal it takes).
 */
@Injectable()
export class ScheduleRunner {
  private readonly logger = new Logger(ScheduleRunner.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.Reminders) reminders: Queue,
    @InjectQueue(QueueName.MailDispatch) dispatch: Queue,
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Rankings) rankings: Queue,
    @InjectQueue(QueueName.ChannelPosts) channelPosts: Queue,
    @InjectQueue(QueueName.Scoring) scoring: Queue,
  ) {
    this.queues = {
      [QueueName.Maintenance]: maintenance,
      [QueueName.Reminders]: reminders,
      [QueueName.MailDispatch]: dispatch,
      [QueueName.Mail]: mail,
      [QueueName.Rankings]: rankings,
      [QueueName.ChannelPosts]: channelPosts,
      [QueueName.Scoring]: scoring,
    };
  }

  list(): ScheduleView[] {
    return Object.entries(scheduleCatalogue(this.options.dispatchEveryMs)).map(([name, def]) => ({ name, ...def }));
  }

  async runNow(platform: PlatformPrincipal, name: string): Promise<QueuedScheduleRun> {
    if (!isScheduleName(name)) throw DomainError.notFound('计划任务');
    const def = scheduleCatalogue(this.options.dispatchEveryMs)[name];
    // The quick client fails at once when Redis is away; BullMQ's own would wait for it forever.
    await withTimeout(this.redis.ping(), REDIS_TIMEOUT_MS).catch(() => {
      throw new QueueUnavailableError();
    });
    const job = await withTimeout(
      this.queues[def.queue].add(def.job, {}, { removeOnComplete: { count: 100 } }),
      REDIS_TIMEOUT_MS,
    ).catch(() => {
      throw new QueueUnavailableError();
    });
    this.logger.log(`${platform.username} ran schedule ${name} now (job ${job.id ?? '?'})`);
    return { name, queue: def.queue, job: def.job, jobId: job.id ?? '' };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}
